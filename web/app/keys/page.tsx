"use client";
import { useState } from "react";
import { api, type ApiKey, type Page } from "@/lib/api";
import { useLoad } from "@/lib/hooks";
import { Button, Card, ConfirmButton, CopyField, ErrorBox, Loading, Notice, TextField, When } from "@/components/ui";

export default function KeysPage() {
  const list = useLoad(() => api<Page<ApiKey> | ApiKey[]>("GET", "/api/api-keys"), []);
  const keys = Array.isArray(list.data) ? list.data : list.data?.items ?? [];
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function create() {
    setError(null);
    try {
      const r = await api<{ key: string }>("POST", "/api/api-keys", { name });
      setCreated(r.key);
      setName("");
      list.reload();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">API keys</h1>
      <Card title="New key">
        <form onSubmit={(e) => { e.preventDefault(); create(); }} className="max-w-md">
          <TextField id="key-name" label="Name" value={name} onChange={setName} required placeholder="backend" />
          <Button type="submit" disabled={!name.trim()}>Create key</Button>
        </form>
        {created && (
          <Notice tone="warning">
            <p className="mb-2 font-semibold">Copy the key now: it is shown only once.</p>
            <CopyField id="created-key" label="New API key" value={created} />
            <Button variant="secondary" onClick={() => setCreated(null)}>I have stored it</Button>
          </Notice>
        )}
        <ErrorBox error={error} />
      </Card>
      <Card title="Keys">
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : (
          <ul className="divide-y divide-line">
            {keys.length === 0 && <li className="py-2 text-sm text-muted">No keys.</li>}
            {keys.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">{k.name} <code className="text-xs text-muted">{k.prefix}</code></p>
                  <p className="text-xs text-muted">created <When iso={k.createdAt} /> · last used <When iso={k.lastUsedAt} />{k.revokedAt && <> · revoked <When iso={k.revokedAt} /></>}</p>
                </div>
                {!k.revokedAt && <ConfirmButton label="Revoke" confirmLabel="Yes, revoke key" onConfirm={async () => {
                  try { await api("DELETE", `/api/api-keys/${encodeURIComponent(k.id)}`); list.reload(); } catch (e) { setError(e); }
                }} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
