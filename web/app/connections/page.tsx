"use client";
import Link from "next/link";
import { Suspense, useState } from "react";
import { api, type Connection, type Connector, type Job, type Page } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, ConfirmButton, ErrorBox, Loading, Notice, Pill, SelectField, When } from "@/components/ui";
import { ValidateAndDone } from "@/components/Wizard";
import { JobProgress } from "@/components/JobProgress";
import { RunsChart } from "@/components/Chart";

function Detail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const conn = useLoad(() => api<Connection>("GET", `/api/connections/${encodeURIComponent(id)}`), [id]);
  const jobs = useLoad(() => api<Page<Job>>("GET", "/api/jobs", undefined, { connectionId: id, limit: 50 }), [id]);
  const connectors = useLoad(() => api<Connector[]>("GET", "/api/connectors"), []);
  const [, set] = useQueryState();
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [model, setModel] = useState("");
  const c = conn.data;
  const connector = connectors.data?.find((k) => k.id === c?.connectorId);
  async function act(what: string, run: () => Promise<unknown>, after?: (r: unknown) => void) {
    setError(null);
    setMessage(null);
    try {
      const r = await run();
      after?.(r);
      conn.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  if (!c) return conn.error ? <ErrorBox error={conn.error} /> : <Loading />;
  const base = `/api/connections/${encodeURIComponent(c.id)}`;
  return (
    <Card title={<span className="flex flex-wrap items-center gap-2">{c.name} <Pill status={c.status} /></span>}
      actions={<Button variant="secondary" onClick={() => set({ id: null })}>Close</Button>}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">Connector</dt><dd>{connector?.name ?? c.connectorId}</dd>
        <dt className="text-muted">Auth</dt><dd>{c.authMethod}</dd>
        <dt className="text-muted">Id</dt><dd><code className="break-all text-xs">{c.id}</code></dd>
        <dt className="text-muted">Last validated</dt><dd><When iso={c.lastValidatedAt} /></dd>
        <dt className="text-muted">Last sync</dt><dd><When iso={jobs.data?.items.find((j) => j.finishedAt)?.finishedAt} /></dd>
      </dl>
      <div className="mt-4 flex flex-wrap items-end gap-2">
        <Button onClick={() => act("validate", () => api<{ valid: boolean; error?: { message: string } }>("POST", `${base}/validate`, {}), (r) => {
          const v = r as { valid: boolean; error?: { message: string } };
          setMessage(v.valid ? "Credentials valid." : `Not valid: ${v.error?.message ?? ""}`);
        })}>Validate</Button>
        {(connector?.syncModels?.length ?? 0) > 0 && (
          <div className="flex items-end gap-2">
            <div className="w-40"><SelectField id="sync-model" label="Model" value={model} onChange={setModel}
              options={[{ value: "", label: "default" }, ...(connector?.syncModels ?? []).map((m) => ({ value: m, label: m }))]} /></div>
            <Button className="mb-3" onClick={() => act("sync", () => api<Job>("POST", `${base}/sync`, model ? { model } : {}), (r) => setJobId((r as Job).id))}>Sync now</Button>
          </div>
        )}
        <Link href={`/connect?connector=${encodeURIComponent(c.connectorId)}&method=${encodeURIComponent(c.authMethod)}&name=${encodeURIComponent(c.name)}`}
          className="inline-flex min-h-9 items-center rounded-lg border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink">Reconnect</Link>
        <Link href={`/browse?connection=${encodeURIComponent(c.id)}`} className="inline-flex min-h-9 items-center rounded-lg border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink">Browse</Link>
        <Link href={`/webhooks?connection=${encodeURIComponent(c.id)}`} className="inline-flex min-h-9 items-center rounded-lg border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink">Webhooks</Link>
        <ConfirmButton label="Revoke" confirmLabel="Yes, revoke" disabled={c.status === "revoked"}
          onConfirm={() => act("revoke", () => api("POST", `${base}/revoke`, { reason: "revoked from the dashboard" }), () => setMessage("Connection revoked."))} />
        <ConfirmButton label="Delete" confirmLabel="Yes, delete"
          onConfirm={() => act("delete", () => api("DELETE", base), () => set({ id: null }))} />
      </div>
      {message && <Notice>{message}</Notice>}
      <ErrorBox error={error} />
      {jobId && <div className="mt-3"><JobProgress key={jobId} jobId={jobId} onDone={() => { jobs.reload(); onChanged(); }} /></div>}
      <h3 className="mt-5 mb-2 text-base font-semibold">Records synced per run</h3>
      {jobs.data ? <RunsChart jobs={jobs.data.items} /> : <ErrorBox error={jobs.error} />}
    </Card>
  );
}

function Connections() {
  const [q, set] = useQueryState();
  const connected = q.get("connected");
  const failed = q.get("error");
  const selected = q.get("id");
  const status = q.get("status") ?? "";
  const list = useLoad(() => api<Page<Connection>>("GET", "/api/connections", undefined, { status, limit: 100 }), [status]);
  const jobs = useLoad(() => api<Page<Job>>("GET", "/api/jobs", undefined, { limit: 100 }), []);
  const lastSync = (id: string) => jobs.data?.items.find((j) => j.connectionId === id && j.finishedAt)?.finishedAt;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Connections</h1>
      {connected && <ValidateAndDone connectionId={connected} />}
      {failed && (
        <div role="alert" className="rounded-xl border border-error bg-error-soft p-3 text-sm text-error-ink">
          <p className="font-semibold">The connection could not be completed.</p>
          <p>{failed}</p>
          <p className="mt-1">Nothing was stored. Check the OAuth app settings (client id, secret, redirect URI) and <Link className="underline" href="/connect">try again</Link>.</p>
        </div>
      )}
      {selected && <Detail id={selected} onChanged={() => { list.reload(); jobs.reload(); }} />}
      <Card title="All connections" actions={<Link href="/connect" className="rounded-lg bg-primary px-3 py-1.5 text-sm font-medium text-white">New connection</Link>}>
        <div className="max-w-xs">
          <SelectField id="status-filter" label="Status" value={status} onChange={(v) => set({ status: v || null })}
            options={[{ value: "", label: "any" }, ...["connected", "pending", "needs_reauth", "revoked", "error"].map((s) => ({ value: s, label: s }))]} />
        </div>
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : (
          <ul className="divide-y divide-line" aria-label="Connections">
            {(list.data?.items ?? []).length === 0 && <li className="py-3 text-sm text-muted">No connections. <Link className="text-primary-dark underline" href="/connect">Connect one</Link>.</li>}
            {(list.data?.items ?? []).map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-connection={c.id}>
                <div>
                  <p className="font-medium">{c.name} <span className="text-sm text-muted">· {c.connectorId} · {c.authMethod}</span></p>
                  <p className="text-xs text-muted">Last sync <When iso={lastSync(c.id)} /> · validated <When iso={c.lastValidatedAt} /></p>
                </div>
                <div className="flex items-center gap-2">
                  <Pill status={c.status} />
                  <Button variant="secondary" onClick={() => set({ id: c.id, connected: null, error: null })}>Manage</Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export default function ConnectionsPage() {
  return <Suspense fallback={<Loading />}><Connections /></Suspense>;
}
