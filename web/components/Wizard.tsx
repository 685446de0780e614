"use client";
// The onboarding wizard: Connector → Auth method → Authenticate → Validate → Done.
import Link from "next/link";
import { useEffect, useState } from "react";
import { api, ApiError, type Connection, type Connector, type Field } from "@/lib/api";
import { useLoad } from "@/lib/hooks";
import { Button, Card, CopyField, ErrorBox, Loading, Notice, Pill, TextField } from "./ui";

export const STEPS = ["Connector", "Auth method", "Authenticate", "Validate", "Done"];

export function Stepper({ current }: { current: number }) {
  return (
    <ol className="mb-4 flex flex-wrap gap-2" aria-label="Onboarding steps">
      {STEPS.map((s, i) => (
        <li key={s} aria-current={i === current ? "step" : undefined}
          className={`flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${i === current ? "border-primary bg-primary text-white" : i < current ? "border-success bg-success-soft text-success-ink" : "border-line bg-surface text-muted"}`}>
          <span aria-hidden="true" className="font-bold">{i < current ? "✓" : i + 1}</span>{s}
        </li>
      ))}
    </ol>
  );
}


export function ConnectorCards({ connectors, onPick }: { connectors: Connector[]; onPick: (c: Connector) => void }) {
  const groups: Record<string, Connector[]> = {};
  for (const c of connectors) (groups[c.group === "db" ? "Databases" : "SaaS tools"] ??= []).push(c);
  return (
    <div className="space-y-4">
      {Object.entries(groups).map(([g, list]) => (
        <section key={g} aria-labelledby={`group-${g}`}>
          <h2 id={`group-${g}`} className="mb-2 text-base font-semibold">{g}</h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((c) => (
              <li key={c.id}>
                <button onClick={() => onPick(c)} data-connector={c.id}
                  className="h-full w-full rounded-2xl border border-line bg-surface bg-gradient-to-b from-white to-[#f1f5f9] p-4 text-left shadow-sm hover:border-primary">
                  <span className="flex items-center justify-between gap-2"><span className="font-semibold">{c.name}</span><Pill status={c.status} /></span>
                  <span className="mt-1 block text-sm text-muted">{c.description}</span>
                  {c.connectionCount > 0 && <span className="mt-2 block text-xs text-muted">{c.connectionCount} connection{c.connectionCount === 1 ? "" : "s"}</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

// The OAuth app of this tenant for a connector: client id/secret, scopes, and the redirect URI to
// register at the provider, ready to copy.
export function OAuthAppSettings({ connector, onSaved }: { connector: Connector; onSaved: () => void }) {
  const [clientId, setClientId] = useState("");
  const [secret, setSecret] = useState("");
  const [scopes, setScopes] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [redirectUri, setRedirectUri] = useState("");
  useEffect(() => {
    setRedirectUri(`${window.location.origin}/oauth/callback`);
    api<{ oauthClientId: string | null; scopes: string[] }>("GET", `/api/connectors/${encodeURIComponent(connector.id)}/settings`)
      .then((s) => { setClientId(s.oauthClientId ?? ""); setScopes((s.scopes ?? []).join(" ")); })
      .catch(() => {});
  }, [connector.id]);
  async function save() {
    setError(null);
    setSaved(false);
    try {
      const body: Record<string, unknown> = { oauthClientId: clientId.trim() };
      if (secret) body.oauthClientSecret = secret;
      if (scopes.trim()) body.scopes = scopes.trim().split(/[\s,]+/);
      await api("PATCH", `/api/connectors/${encodeURIComponent(connector.id)}`, body);
      setSecret("");
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  }
  const fieldError = (f: string) => (error instanceof ApiError && error.field === f ? error.message : null);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-label="OAuth app settings">
      <CopyField id="redirect-uri" label="Redirect URI to register at the provider" value={redirectUri} />
      <TextField id="oauth-client-id" label="Client ID" value={clientId} onChange={setClientId} required error={fieldError("oauthClientId")} autoComplete="off" />
      <TextField id="oauth-client-secret" label="Client secret" type="password" value={secret} onChange={setSecret} error={fieldError("oauthClientSecret")} description="Stored encrypted; never shown again. Leave empty to keep the stored one." autoComplete="off" />
      <TextField id="oauth-scopes" label="Scopes (space separated; empty: the connector's defaults)" value={scopes} onChange={setScopes} placeholder={connector.defaultScopes.join(" ")} error={fieldError("scopes")} />
      <Button type="submit" disabled={!clientId}>Save OAuth app settings</Button>
      {saved && <Notice>OAuth app settings saved.</Notice>}
      <ErrorBox error={error} />
    </form>
  );
}

// Typed-in credentials: the connector's configFields and credentialFields; the answer's
// details.field puts the message beside the field at fault.
export function CredentialForm({ connector, method, initialName, onConnected }: { connector: Connector; method: string; initialName?: string; onConnected: (id: string) => void }) {
  const fields: Field[] = [...connector.configFields, ...connector.credentialFields];
  const [values, setValues] = useState<Record<string, string>>({});
  const [name, setName] = useState(initialName ?? "main");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const TOP = new Set(["baseUrl", "email", "apiKey", "apiSecret"]);
  async function submit() {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { name, method };
    const config: Record<string, string> = {};
    for (const f of fields) {
      const v = (values[f.name] ?? "").trim();
      if (!v) continue;
      if (TOP.has(f.name)) body[f.name] = v;
      else config[f.name] = v;
    }
    if (Object.keys(config).length) body.config = config;
    try {
      const done = await api<{ connectionId: string }>("POST", `/api/connectors/${encodeURIComponent(connector.id)}/connect/callback`, body);
      onConnected(done.connectionId);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }
  const errorFor = (f: string) => {
    if (!(error instanceof ApiError) || !error.field) return null;
    const at = error.field.replace(/^config\./, "");
    return at === f ? error.message : null;
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={`${connector.name} credentials`}>
      <TextField id="conn-name" label="Connection name" value={name} onChange={setName} required error={errorFor("name")} />
      {fields.map((f) => (
        <TextField key={f.name} id={`field-${f.name}`} label={f.label || f.name} required={f.required}
          type={f.type === "secret" ? "password" : f.type === "email" ? "email" : f.type === "url" ? "url" : f.type === "integer" ? "number" : "text"}
          value={values[f.name] ?? ""} onChange={(v) => setValues({ ...values, [f.name]: v })}
          description={f.description} placeholder={f.example} error={errorFor(f.name)} autoComplete="off" />
      ))}
      <Button type="submit" disabled={busy}>{busy ? "Checking with the provider…" : "Connect"}</Button>
      <ErrorBox error={error} />
    </form>
  );
}

export function OAuthStart({ connector, initialName }: { connector: Connector; initialName?: string }) {
  const detail = useLoad(() => api<Connector>("GET", `/api/connectors/${encodeURIComponent(connector.id)}`), [connector.id]);
  const [name, setName] = useState(initialName ?? "main");
  const [params, setParams] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      const urlParams: Record<string, string> = {};
      for (const [k, v] of Object.entries(params)) if (v.trim()) urlParams[k] = v.trim();
      const r = await api<{ authUrl: string }>("POST", `/api/connectors/${encodeURIComponent(connector.id)}/connect`, { method: "oauth2", name, urlParams });
      window.location.assign(r.authUrl);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  const fieldError = (f: string) => (error instanceof ApiError && error.field?.replace(/^urlParams\./, "") === f ? error.message : null);
  return (
    <form onSubmit={(e) => { e.preventDefault(); start(); }} aria-label="Start OAuth">
      <TextField id="conn-name" label="Connection name" value={name} onChange={setName} required error={fieldError("name")} />
      {(detail.data?.urlParams ?? []).map((p) => (
        <TextField key={p.name} id={`param-${p.name}`} label={p.name} required={p.required} description={p.description}
          placeholder={p.example} value={params[p.name] ?? ""} onChange={(v) => setParams({ ...params, [p.name]: v })} error={fieldError(p.name)} />
      ))}
      <p className="mb-3 text-sm text-muted">You will sign in at {connector.name} and come back here.</p>
      <Button type="submit" disabled={busy}>{busy ? "Redirecting…" : `Continue to ${connector.name}`}</Button>
      <ErrorBox error={error} />
    </form>
  );
}

// Validate and Done for a new connection — also where the OAuth round trip lands
// (/ui/connections?connected=<id>): the Atlassian site choice for `pending` connections first.
export function ValidateAndDone({ connectionId }: { connectionId: string }) {
  const conn = useLoad(() => api<Connection>("GET", `/api/connections/${encodeURIComponent(connectionId)}`), [connectionId]);
  const [result, setResult] = useState<{ valid: boolean; error?: { message: string; code: string } } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const c = conn.data;
  const sites = (c?.metadata?.sites as { id: string; name: string; url: string }[] | undefined) ?? [];
  const needsSite = c && c.status === "pending" && c.authMethod === "oauth2" && sites.length > 0;
  async function validate() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api("POST", `/api/connections/${encodeURIComponent(connectionId)}/validate`, {}));
      conn.reload();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }
  async function choose(site: string) {
    setError(null);
    try {
      await api("POST", `/api/connections/${encodeURIComponent(connectionId)}/site`, { site });
      conn.reload();
    } catch (e) {
      setError(e);
    }
  }
  const done = result?.valid === true;
  return (
    <div>
      <Stepper current={done ? 4 : 3} />
      {conn.loading && !c ? <Loading /> : !c ? <ErrorBox error={conn.error} /> : (
        <Card title={<span className="flex items-center gap-2">{c.name} <Pill status={c.status} /></span>}>
          <p className="text-sm text-muted">Connector <code>{c.connectorId}</code> · {c.authMethod}</p>
          {needsSite ? (
            <fieldset className="mt-3">
              <legend className="mb-2 text-sm font-semibold">This account reaches several sites — choose one</legend>
              <ul className="space-y-2">
                {sites.map((s) => (
                  <li key={s.id}><Button variant="secondary" className="w-full justify-between" onClick={() => choose(s.id)}><span>{s.name}</span><span className="text-xs text-muted">{s.url}</span></Button></li>
                ))}
              </ul>
            </fieldset>
          ) : done ? (
            <div>
              <Notice><strong>Done.</strong> {c.name} is connected and its credentials work.</Notice>
              <div className="flex flex-wrap gap-2">
                <Link className="rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-white" href={`/browse?connection=${encodeURIComponent(c.id)}`}>Browse its data</Link>
                <Link className="rounded-lg border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink" href={`/connections?id=${encodeURIComponent(c.id)}`}>Sync and manage</Link>
              </div>
            </div>
          ) : (
            <div className="mt-3">
              <p className="mb-2 text-sm">Check the credentials with a real call to the provider.</p>
              <Button onClick={validate} disabled={busy}>{busy ? "Validating…" : "Validate"}</Button>
              {result && !result.valid && <div role="alert" className="mt-3 rounded-xl border border-error bg-error-soft p-3 text-sm text-error-ink">Not valid: {result.error?.message}</div>}
            </div>
          )}
          <ErrorBox error={error} />
        </Card>
      )}
    </div>
  );
}
