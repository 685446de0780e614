// The signed-in identity, kept in sessionStorage (gone when the tab closes; never in a cookie or
// localStorage). Admin: the admin token plus the tenant it acts on (X-Tenant-Id); tenant: an API key.
export type Session =
  | { kind: "admin"; token: string; tenant: string | null }
  | { kind: "key"; token: string };

const KEY = "ucf.session";

export function loadSession(): Session | null {
  if (typeof window === "undefined") return null;
  try {
    const raw = window.sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null) {
  if (s === null) window.sessionStorage.removeItem(KEY);
  else window.sessionStorage.setItem(KEY, JSON.stringify(s));
  window.dispatchEvent(new Event("ucf-session"));
}

// The printed link `/ui/#token=…`: takes the token out of the URL (history, not a reload) and
// returns it. Anything else in the fragment is left alone.
export function takeTokenFromFragment(): string | null {
  const hash = window.location.hash.replace(/^#/, "");
  if (!hash) return null;
  const params = new URLSearchParams(hash);
  const token = params.get("token");
  if (!token) return null;
  params.delete("token");
  const rest = params.toString();
  window.history.replaceState(null, "", window.location.pathname + window.location.search + (rest ? "#" + rest : ""));
  return token;
}
