"use client";
import Link from "next/link";
import { api, type Connector, type Connection, type Page } from "@/lib/api";
import { useLoad } from "@/lib/hooks";
import { Card, ErrorBox, Loading, Pill } from "@/components/ui";

export default function Overview() {
  const connectors = useLoad(() => api<Connector[]>("GET", "/api/connectors"), []);
  const connections = useLoad(() => api<Page<Connection>>("GET", "/api/connections", undefined, { limit: 100 }), []);
  const counts: Record<string, number> = {};
  for (const c of connections.data?.items ?? []) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return (
    <div className="space-y-4">
      <div className="rounded-2xl bg-primary bg-gradient-to-r from-primary to-[#1e40af] p-5 text-white">
        <h1 className="text-2xl font-bold">Welcome</h1>
        <p className="mt-1 text-sm">Connect a tool, browse its data in one shape, and keep a synced copy.</p>
        <Link href="/connect" className="mt-3 inline-block rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-ink hover:bg-[#d97706]">Connect a tool</Link>
      </div>
      <ErrorBox error={connectors.error || connections.error} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Connections">
          {connections.loading ? <Loading /> : (
            <ul className="flex flex-wrap gap-2" aria-label="Connections by status">
              {Object.keys(counts).length === 0 && <li className="text-sm text-muted">None yet.</li>}
              {Object.entries(counts).map(([s, n]) => <li key={s} className="flex items-center gap-1 text-sm"><Pill status={s} /> {n}</li>)}
            </ul>
          )}
          <Link href="/connections" className="mt-3 inline-block text-sm font-medium text-primary-dark underline">All connections</Link>
        </Card>
        <Card title="Connectors">
          {connectors.loading ? <Loading /> : (
            <ul className="space-y-1">
              {(connectors.data ?? []).map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 text-sm">
                  <Link href={`/connect?connector=${encodeURIComponent(c.id)}`} className="font-medium text-primary-dark underline">{c.name}</Link>
                  <Pill status={c.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
