"use client";
import { useEffect, useState } from "react";
import { api, ApiError, type Tenant, type Page } from "@/lib/api";
import { saveSession, type Session } from "@/lib/session";
import { Button, Card, ErrorBox, TextField } from "./ui";

// A tenant signs in with an API key (checked with a tenant route before it is kept); the admin
// signs in with the printed link or by pasting the admin token.
export function SignIn() {
  const [key, setKey] = useState("");
  const [admin, setAdmin] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function signIn(kind: "key" | "admin") {
    setBusy(true);
    setError(null);
    const token = (kind === "key" ? key : admin).trim();
    saveSession(kind === "key" ? { kind, token } : { kind, token, tenant: null });
    try {
      await api("GET", kind === "key" ? "/api/api-keys" : "/api/tenants");
    } catch (e) {
      saveSession(null);
      setError(e);
    }
    setBusy(false);
  }
  return (
    <div className="mx-auto grid max-w-3xl gap-4 md:grid-cols-2">
      <div className="md:col-span-2">
        <h1 className="text-2xl font-bold">Sign in</h1>
        <p className="text-sm text-muted">Open the <code>Dashboard:</code> link <code>ucf serve</code> printed at first start to sign in as admin, or use a tenant API key.</p>
      </div>
      <Card title="Tenant API key">
        <form onSubmit={(e) => { e.preventDefault(); signIn("key"); }}>
          <TextField id="api-key" label="API key" type="password" value={key} onChange={setKey} required placeholder="ucf_…" autoComplete="off" />
          <Button type="submit" disabled={busy || !key}>Sign in with key</Button>
        </form>
      </Card>
      <Card title="Admin token">
        <form onSubmit={(e) => { e.preventDefault(); signIn("admin"); }}>
          <TextField id="admin-token" label="Admin token" type="password" value={admin} onChange={setAdmin} required autoComplete="off" description="Kept in this tab only (session storage)." />
          <Button type="submit" disabled={busy || !admin}>Sign in as admin</Button>
        </form>
      </Card>
      <div className="md:col-span-2"><ErrorBox error={error} /></div>
    </div>
  );
}

// The admin acts on one tenant at a time (X-Tenant-Id): pick one or create one.
export function TenantPicker({ session }: { session: Extract<Session, { kind: "admin" }> }) {
  const [tenants, setTenants] = useState<Tenant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  useEffect(() => {
    api<Tenant[] | Page<Tenant>>("GET", "/api/tenants")
      .then((d) => setTenants(Array.isArray(d) ? d : d.items))
      .catch((e) => {
        setError(e);
        if (e instanceof ApiError && e.status === 401) saveSession(null);
      });
  }, []);
  const pick = (tenant: string) => saveSession({ ...session, tenant });
  async function create() {
    setError(null);
    try {
      const t = await api<Tenant>("POST", "/api/tenants", { id: id.trim(), name: name.trim() || id.trim() });
      pick(t.id);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="mx-auto grid max-w-3xl gap-4 md:grid-cols-2">
      <div className="md:col-span-2">
        <h1 className="text-2xl font-bold">Choose a tenant</h1>
        <p className="text-sm text-muted">You are signed in as admin. Pick the tenant to act on, or create one.</p>
      </div>
      <Card title="Tenants">
        {tenants === null ? <p className="text-sm text-muted">Loading…</p> : tenants.length === 0 ? <p className="text-sm text-muted">No tenants yet.</p> : (
          <ul className="space-y-2">
            {tenants.map((t) => (
              <li key={t.id}><Button variant="secondary" className="w-full justify-between" onClick={() => pick(t.id)}><span>{t.name}</span><code className="text-xs text-muted">{t.id}</code></Button></li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="New tenant">
        <form onSubmit={(e) => { e.preventDefault(); create(); }}>
          <TextField id="tenant-id" label="Tenant id" value={id} onChange={setId} required placeholder="acme" error={error instanceof ApiError && error.field === "id" ? error.message : null} />
          <TextField id="tenant-name" label="Name" value={name} onChange={setName} placeholder="Acme Inc" />
          <Button type="submit" disabled={!id}>Create and use</Button>
        </form>
      </Card>
      <div className="md:col-span-2"><ErrorBox error={error} /></div>
    </div>
  );
}
