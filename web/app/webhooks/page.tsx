"use client";
// Provider webhooks per connection (GET/POST/DELETE /api/connectors/{id}/webhooks).
import { Suspense, useState } from "react";
import { api, type Connection, type Connector, type Page, type Webhook } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, ConfirmButton, ErrorBox, Loading, Notice, SelectField, TextField, When } from "@/components/ui";

function Webhooks() {
  const [q, set] = useQueryState();
  const connection = q.get("connection") ?? "";
  const connections = useLoad(() => api<Page<Connection>>("GET", "/api/connections", undefined, { limit: 100 }), []);
  const connectors = useLoad(() => api<Connector[]>("GET", "/api/connectors"), []);
  const conn = connections.data?.items.find((c) => c.id === connection);
  const offers = connectors.data?.find((k) => k.id === conn?.connectorId)?.resources.includes("webhooks") ?? false;
  const hooks = useLoad(() => (conn ? api<Page<Webhook>>("GET", `/api/connectors/${encodeURIComponent(conn.connectorId)}/webhooks`) : Promise.resolve(null)), [conn?.id]);
  const mine = (hooks.data?.items ?? []).filter((h) => h.connectionId === connection);
  const [events, setEvents] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState<string | null>(null);
  async function register() {
    setError(null);
    setOk(null);
    try {
      const body: Record<string, unknown> = { connectionId: connection };
      if (events.trim()) body.events = events.trim().split(/[\s,]+/);
      await api("POST", `/api/connectors/${encodeURIComponent(conn!.connectorId)}/webhooks`, body);
      setOk("Webhook registered.");
      hooks.reload();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <div className="max-w-sm">
        <SelectField id="webhook-connection" label="Connection" value={connection} onChange={(v) => set({ connection: v || null })}
          options={[{ value: "", label: "choose…" }, ...(connections.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.connectorId})` }))]} />
      </div>
      <ErrorBox error={connections.error} />
      {conn && (
        <>
          <Card title={`Provider webhooks of ${conn.name}`}>
            <ErrorBox error={hooks.error} />
            {hooks.loading && !hooks.data ? <Loading /> : (
              <ul className="divide-y divide-line">
                {mine.length === 0 && <li className="py-2 text-sm text-muted">None registered.</li>}
                {mine.map((h) => (
                  <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <div className="text-sm">
                      <p className="font-medium">{h.events.join(", ")}</p>
                      <p className="break-all text-xs text-muted">{h.callbackUrl} · provider id {h.providerWebhookId} · <When iso={h.createdAt} /></p>
                    </div>
                    <ConfirmButton label="Remove" confirmLabel="Yes, remove" onConfirm={async () => {
                      try { await api("DELETE", `/api/connectors/${encodeURIComponent(conn.connectorId)}/webhooks/${encodeURIComponent(h.id)}`); hooks.reload(); } catch (e) { setError(e); }
                    }} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Register a webhook">
            {!offers ? <p className="text-sm text-muted">This connector does not offer provider webhooks.</p> : (
              <form onSubmit={(e) => { e.preventDefault(); register(); }} className="max-w-md">
                <TextField id="webhook-events" label="Events (empty: the connector's defaults)" value={events} onChange={setEvents} placeholder="jira:issue_created comment_created" />
                <Button type="submit">Register</Button>
              </form>
            )}
            {ok && <Notice>{ok}</Notice>}
            <ErrorBox error={error} />
          </Card>
        </>
      )}
    </div>
  );
}

export default function WebhooksPage() {
  return <Suspense fallback={<Loading />}><Webhooks /></Suspense>;
}
