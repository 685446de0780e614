"use client";
import { Suspense } from "react";
import { api, type Connector } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, ErrorBox, Loading, Notice } from "@/components/ui";
import { ConnectorCards, CredentialForm, OAuthAppSettings, OAuthStart, Stepper, ValidateAndDone } from "@/components/Wizard";

const METHOD_LABELS: Record<string, string> = { oauth2: "OAuth 2.0 — sign in at the provider", api_key: "API token", basic: "User and password", personal_token: "Personal access token", connection_string: "Connection details" };

function Wizard() {
  const [q, set] = useQueryState();
  const connectorId = q.get("connector");
  const method = q.get("method");
  const connection = q.get("connection");
  const name = q.get("name") ?? undefined;  // Reconnect keeps the connection's name
  const list = useLoad(() => api<Connector[]>("GET", "/api/connectors"), []);
  const connector = list.data?.find((c) => c.id === connectorId) ?? null;

  if (connection) return <ValidateAndDone connectionId={connection} />;
  if (list.loading && !list.data) return <Loading />;
  if (!connector) {
    return (
      <div>
        <Stepper current={0} />
        <h1 className="mb-3 text-2xl font-bold">Choose a connector</h1>
        <ErrorBox error={list.error} />
        {connectorId && <Notice tone="warning">No connector “{connectorId}”.</Notice>}
        {list.data && <ConnectorCards connectors={list.data} onPick={(c) => set({ connector: c.id, method: c.authMethods.length === 1 ? c.authMethods[0] : null })} />}
      </div>
    );
  }
  if (!method || !connector.authMethods.includes(method)) {
    return (
      <div>
        <Stepper current={1} />
        <h1 className="mb-3 text-2xl font-bold">How should UCF sign in to {connector.name}?</h1>
        <Card>
          <ul className="space-y-2">
            {connector.authMethods.map((m) => (
              <li key={m}><Button variant="secondary" className="w-full justify-start" onClick={() => set({ method: m })}>{METHOD_LABELS[m] ?? m}</Button></li>
            ))}
          </ul>
        </Card>
        <Button variant="secondary" className="mt-3" onClick={() => set({ connector: null })}>Back</Button>
      </div>
    );
  }
  return (
    <div>
      <Stepper current={2} />
      <h1 className="mb-3 text-2xl font-bold">Connect {connector.name}</h1>
      {method === "oauth2" ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Sign in">
            {connector.oauthConfigured ? <OAuthStart connector={connector} initialName={name} /> : <Notice tone="warning">Set up the OAuth app first (beside this).</Notice>}
          </Card>
          <Card title="OAuth app settings">
            <OAuthAppSettings connector={connector} onSaved={list.reload} />
          </Card>
        </div>
      ) : (
        <Card title="Credentials">
          <CredentialForm connector={connector} method={method} initialName={name} onConnected={(id) => set({ connection: id })} />
        </Card>
      )}
      <Button variant="secondary" className="mt-3" onClick={() => set({ method: null })}>Back</Button>
    </div>
  );
}

export default function ConnectPage() {
  return <Suspense fallback={<Loading />}><Wizard /></Suspense>;
}
