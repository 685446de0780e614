"use client";
// The frame of every page: takes the admin token out of a `#token=` link, shows the sign-in (or,
// for the admin, the tenant choice) until the session can call tenant routes, then the navigation
// and the page.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { loadSession, saveSession, takeTokenFromFragment, type Session } from "@/lib/session";
import { SignIn, TenantPicker } from "./SignIn";

const NAV = [
  ["/", "Overview"], ["/connect", "Connect"], ["/connections", "Connections"], ["/browse", "Browse"],
  ["/jobs", "Jobs"], ["/audit", "Audit log"], ["/keys", "API keys"], ["/webhooks", "Webhooks"],
] as const;

export function useSession(): [Session | null, boolean] {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const token = takeTokenFromFragment();
    if (token) saveSession({ kind: "admin", token, tenant: null });
    setSession(loadSession());
    setReady(true);
    const update = () => setSession(loadSession());
    window.addEventListener("ucf-session", update);
    return () => window.removeEventListener("ucf-session", update);
  }, []);
  return [session, ready];
}

export function Shell({ children }: { children: ReactNode }) {
  const [session, ready] = useSession();
  const pathname = usePathname();
  const signedIn = session && (session.kind === "key" || session.tenant);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2 focus:text-ink">Skip to content</a>
      <header className="bg-primary bg-gradient-to-r from-[#1e40af] to-primary text-white shadow">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-bold text-white">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full bg-accent" />
            UCF Dashboard
          </Link>
          {session && (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span data-testid="identity">
                {session.kind === "admin" ? <>Admin{session.tenant ? <> · tenant <strong>{session.tenant}</strong></> : null}</> : <>Tenant API key</>}
              </span>
              {session.kind === "admin" && session.tenant && (
                <button className="rounded-md border border-white/70 px-2 py-1 text-white hover:bg-white/10" onClick={() => saveSession({ ...session, tenant: null })}>Switch tenant</button>
              )}
              <button className="rounded-md border border-white/70 px-2 py-1 text-white hover:bg-white/10" onClick={() => { saveSession(null); }}>Sign out</button>
            </div>
          )}
        </div>
        {signedIn && (
          <nav aria-label="Main" className="mx-auto max-w-6xl overflow-x-auto px-2">
            <ul className="flex gap-1 pb-2">
              {NAV.map(([href, label]) => {
                const active = href === "/" ? pathname === "/" : pathname === href || pathname?.startsWith(`${href}/`);
                return (
                  <li key={href}>
                    <Link href={href} aria-current={active ? "page" : undefined}
                      className={`block whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-primary-dark" : "text-white hover:bg-white/15"}`}>
                      {label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-3 py-5 sm:px-4">
        {!ready ? null : !session ? <SignIn /> : session.kind === "admin" && !session.tenant ? <TenantPicker session={session} /> : children}
      </main>
    </div>
  );
}
