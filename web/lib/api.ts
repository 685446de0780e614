// The one way the pages call UCF's JSON API: adds the credentials of the session, unwraps the
// envelope {ok, data, error}, and turns every failure into an ApiError carrying the envelope's
// message, code, details (details.field names the field at fault) and the request id.
import { loadSession } from "./session";

export class ApiError extends Error {
  constructor(
    message: string,
    public status: number,
    public code: string,
    public details: Record<string, unknown>,
    public requestId: string | null,
  ) {
    super(message);
  }
  get field(): string | null {
    const f = this.details?.field;
    return typeof f === "string" ? f : null;
  }
}

export type Page<T> = { items: T[]; next: string | null };

export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  query?: Record<string, string | number | boolean | null | undefined>,
): Promise<T> {
  const s = loadSession();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (s) headers["Authorization"] = `Bearer ${s.token}`;
  if (s?.kind === "admin" && s.tenant) headers["X-Tenant-Id"] = s.tenant;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let url = path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
    const text = q.toString();
    if (text) url += (url.includes("?") ? "&" : "?") + text;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(`UCF did not answer (${(e as Error).message})`, 0, "network", {}, null);
  }
  const requestId = res.headers.get("X-Request-Id");
  let envelope: { ok?: boolean; data?: T; error?: { code: string; message: string; details?: Record<string, unknown> } } = {};
  try {
    envelope = await res.json();
  } catch {
    throw new ApiError(`Unexpected answer (HTTP ${res.status})`, res.status, "bad_response", {}, requestId);
  }
  if (!res.ok || envelope.ok === false) {
    const e = envelope.error ?? { code: "error", message: `HTTP ${res.status}` };
    throw new ApiError(e.message, res.status, e.code, e.details ?? {}, requestId);
  }
  return envelope.data as T;
}

// The shapes the pages read (see README.md and src/ucf/api/*_json.cpp).
export type Field = { name: string; label: string; type: string; required: boolean; description?: string; example?: string };
export type Connector = {
  id: string; name: string; group: string; description: string; authMethods: string[];
  defaultScopes: string[]; configFields: Field[]; credentialFields: Field[]; resources: string[];
  syncModels: string[]; status: string; connectionCount: number; connectionsByStatus: Record<string, number>;
  oauthConfigured: boolean; urlParams?: { name: string; description: string; example: string; required: boolean }[];
};
export type Connection = {
  id: string; connectorId: string; name: string; authMethod: string; status: string;
  config: Record<string, unknown>; secretFields: string[]; metadata: Record<string, unknown>;
  createdAt: string; updatedAt: string; lastValidatedAt: string | null;
};
export type Job = {
  id: string; connectionId: string; type: string; status: string; progress: number;
  params: Record<string, unknown>; counts: Record<string, number>; error: string | null; attempt: number;
  cancelRequested: boolean; createdAt: string; startedAt: string | null; finishedAt: string | null; updatedAt: string;
};
export type AuditEntry = {
  id: string; tenantId: string; actor: string; action: string; targetType: string; targetId: string;
  outcome: string; requestId: string | null; clientAddress: string | null; details: unknown; createdAt: string;
};
export type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type Tenant = { id: string; name: string; createdAt: string };
export type Container = { id: string; label: string; type: string; meta: Record<string, unknown>; raw?: unknown };
export type Item = {
  id: string; name: string; containerId: string; body?: string; raw?: unknown;
  meta: { key: string | null; status: string | null; url: string | null; author: string | null; assignee: string | null; created: string | null; updated: string | null };
};
export type Comment = { id: string; author: string | null; text: string; created: string | null; updated: string | null; raw?: unknown };
export type Webhook = { id: string; connectorId: string; connectionId: string; providerWebhookId: string; events: string[]; callbackUrl: string; createdAt: string };

export const TERMINAL_JOB = new Set(["succeeded", "failed", "cancelled", "completed", "canceled"]);
