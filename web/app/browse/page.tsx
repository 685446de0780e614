"use client";
// Containers → items (search, paging) → item with comments; every view is a deep link
// (?connection=…&container=…&q=…&cursor=…&item=…&raw=1).
import Link from "next/link";
import { Suspense, useState } from "react";
import { api, type Comment, type Connection, type Connector, type Container, type Item, type Page } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, Pager, ErrorBox, Loading, Notice, SelectField, TextField, When } from "@/components/ui";

function RawToggle({ raw, set }: { raw: boolean; set: (u: Record<string, string | null>) => void }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" checked={raw} onChange={(e) => set({ raw: e.target.checked ? "1" : null })} className="h-4 w-4" />
      Raw JSON
    </label>
  );
}

function ItemView({ connection, itemId, raw, canComment }: { connection: string; itemId: string; raw: boolean; canComment: boolean }) {
  const base = `/api/connections/${encodeURIComponent(connection)}/items/${encodeURIComponent(itemId)}`;
  const item = useLoad(() => api<Item>("GET", base, undefined, { raw: raw || undefined }), [base, raw]);
  const comments = useLoad(() => api<Page<Comment>>("GET", `${base}/comments`, undefined, { raw: raw || undefined, limit: 50 }), [base, raw]);
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [posted, setPosted] = useState(false);
  async function comment() {
    setError(null);
    setPosted(false);
    try {
      await api("POST", `${base}/comments`, { text });
      setText("");
      setPosted(true);
      comments.reload();
    } catch (e) {
      setError(e);
    }
  }
  const it = item.data;
  return (
    <Card title={it ? <span>{it.meta?.key && <code className="mr-2 text-sm">{it.meta.key}</code>}{it.name}</span> : "Item"}>
      <ErrorBox error={item.error} />
      {!it ? <Loading /> : (
        <div>
          <p className="text-xs text-muted">status {it.meta?.status ?? "—"} · author {it.meta?.author ?? "—"} · updated <When iso={it.meta?.updated} /></p>
          {raw ? (
            <pre data-testid="raw-json" className="mt-2 max-h-96 max-w-full overflow-auto whitespace-pre-wrap break-all rounded-lg bg-[#0f172a] p-3 text-xs text-[#e2e8f0]">{JSON.stringify(it, null, 2)}</pre>
          ) : (
            <div className="mt-2 whitespace-pre-wrap break-words rounded-lg border border-line bg-bg p-3 text-sm">{it.body || <span className="text-muted">No body.</span>}</div>
          )}
        </div>
      )}
      <h3 className="mt-4 mb-2 text-base font-semibold">Comments</h3>
      <ErrorBox error={comments.error} />
      <ul className="space-y-2" aria-label="Comments">
        {(comments.data?.items ?? []).map((c) => (
          <li key={c.id} className="rounded-lg border border-line bg-surface p-2 text-sm">
            <p className="text-xs text-muted">{c.author ?? "someone"} · <When iso={c.created} /></p>
            <p className="whitespace-pre-wrap break-words">{c.text}</p>
          </li>
        ))}
        {comments.data && comments.data.items.length === 0 && <li className="text-sm text-muted">No comments.</li>}
      </ul>
      {canComment && (
        <form className="mt-3" onSubmit={(e) => { e.preventDefault(); comment(); }}>
          <TextField id="new-comment" label="Add a comment" value={text} onChange={setText} required />
          <Button type="submit" disabled={!text.trim()}>Post comment</Button>
          {posted && <Notice>Comment posted.</Notice>}
          <ErrorBox error={error} />
        </form>
      )}
    </Card>
  );
}

function CreateItem({ connection, container, onCreated }: { connection: string; container: string; onCreated: (id: string) => void }) {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<unknown>(null);
  async function create() {
    setError(null);
    try {
      const it = await api<Item>("POST", `/api/connections/${encodeURIComponent(connection)}/items`, { containerId: container, title, body });
      setTitle(""); setBody("");
      onCreated(it.id);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <details className="mt-3 rounded-lg border border-line p-3">
      <summary className="cursor-pointer text-sm font-medium">Create an item here</summary>
      <form className="mt-2" onSubmit={(e) => { e.preventDefault(); create(); }}>
        <TextField id="item-title" label="Title" value={title} onChange={setTitle} required />
        <TextField id="item-body" label="Body" value={body} onChange={setBody} />
        <Button type="submit" disabled={!title.trim()}>Create</Button>
        <ErrorBox error={error} />
      </form>
    </details>
  );
}

function Browser() {
  const [q, set] = useQueryState();
  const connection = q.get("connection") ?? "";
  const container = q.get("container");
  const item = q.get("item");
  const search = q.get("q") ?? "";
  const cursor = q.get("cursor");
  const containerCursor = q.get("ccursor");
  const raw = q.get("raw") === "1";
  const [typed, setTyped] = useState(search);
  const connections = useLoad(() => api<Page<Connection>>("GET", "/api/connections", undefined, { limit: 100 }), []);
  const connectors = useLoad(() => api<Connector[]>("GET", "/api/connectors"), []);
  const conn = connections.data?.items.find((c) => c.id === connection);
  const offers = new Set(connectors.data?.find((k) => k.id === conn?.connectorId)?.resources ?? []);
  const base = `/api/connections/${encodeURIComponent(connection)}`;
  const containers = useLoad(() => (connection ? api<Page<Container>>("GET", `${base}/containers`, undefined, { cursor: containerCursor, limit: 50 }) : Promise.resolve(null)), [connection, containerCursor]);
  const items = useLoad(() => (connection && container ? api<Page<Item>>("GET", `${base}/items`, undefined, { containerId: container, q: search, cursor, limit: 25 }) : Promise.resolve(null)), [connection, container, search, cursor]);
  const containerLabel = containers.data?.items.find((c) => c.id === container)?.label ?? container;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Browse</h1>
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap gap-1">
          <li><Link className="text-primary-dark underline" href="/browse">Connections</Link></li>
          {conn && <li>/ <Link className="text-primary-dark underline" href={`/browse?connection=${encodeURIComponent(conn.id)}`}>{conn.name}</Link></li>}
          {container && <li>/ <Link className="text-primary-dark underline" href={`/browse?connection=${encodeURIComponent(connection)}&container=${encodeURIComponent(container)}`}>{containerLabel}</Link></li>}
          {item && <li>/ {item}</li>}
        </ol>
      </nav>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64">
          <SelectField id="browse-connection" label="Connection" value={connection}
            onChange={(v) => set({ connection: v, container: null, item: null, q: null, cursor: null, ccursor: null })}
            options={[{ value: "", label: "choose…" }, ...(connections.data?.items ?? []).filter((c) => c.status === "connected").map((c) => ({ value: c.id, label: `${c.name} (${c.connectorId})` }))]} />
        </div>
        <div className="mb-3"><RawToggle raw={raw} set={set} /></div>
      </div>
      <ErrorBox error={connections.error} />
      {!connection ? <p className="text-sm text-muted">Choose a connected connection to browse.</p> : (
        <div className="grid gap-4 lg:grid-cols-[260px_1fr]">
          <Card title="Containers">
            <ErrorBox error={containers.error} />
            {containers.loading && !containers.data ? <Loading /> : (
              <ul className="space-y-1" aria-label="Containers">
                {(containers.data?.items ?? []).map((c) => (
                  <li key={c.id}>
                    <Link href={`/browse?connection=${encodeURIComponent(connection)}&container=${encodeURIComponent(c.id)}${raw ? "&raw=1" : ""}`}
                      aria-current={c.id === container ? "true" : undefined}
                      className={`block rounded-lg px-2 py-1.5 text-sm ${c.id === container ? "bg-primary text-white" : "text-ink hover:bg-primary-soft"}`}>
                      {c.label} <span className={c.id === container ? "text-white" : "text-muted"}>· {c.type}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {containers.data?.next && <Button variant="secondary" className="mt-2" onClick={() => set({ ccursor: containers.data!.next })}>More containers</Button>}
          </Card>
          <div className="min-w-0 space-y-4">
            {container && (
              <Card title={`Items in ${containerLabel}`}>
                <form className="flex flex-wrap items-end gap-2" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: typed || null, cursor: null, item: null }); }}>
                  <div className="min-w-48 flex-1"><TextField id="item-search" label="Search" value={typed} onChange={setTyped} /></div>
                  <Button type="submit" className="mb-3">Search</Button>
                </form>
                <ErrorBox error={items.error} />
                {items.loading && !items.data ? <Loading /> : (
                  <ul className="divide-y divide-line" aria-label="Items">
                    {(items.data?.items ?? []).map((it) => (
                      <li key={it.id}>
                        <Link href={`/browse?connection=${encodeURIComponent(connection)}&container=${encodeURIComponent(container)}${search ? `&q=${encodeURIComponent(search)}` : ""}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}&item=${encodeURIComponent(it.id)}${raw ? "&raw=1" : ""}`}
                          className={`block px-1 py-2 text-sm hover:bg-primary-soft ${it.id === item ? "font-semibold" : ""}`}>
                          {it.meta?.key && <code className="mr-2 text-xs">{it.meta.key}</code>}{it.name}
                          <span className="ml-2 text-xs text-muted">{it.meta?.status ?? ""}</span>
                        </Link>
                      </li>
                    ))}
                    {items.data && items.data.items.length === 0 && <li className="py-2 text-sm text-muted">Nothing found.</li>}
                  </ul>
                )}
                <Pager cursor={cursor} next={items.data?.next} go={(c) => set({ cursor: c })} />
                {offers.has("create_item") && <CreateItem connection={connection} container={container} onCreated={(id) => set({ item: id })} />}
              </Card>
            )}
            {item && <ItemView connection={connection} itemId={item} raw={raw} canComment={offers.has("create_comment")} />}
          </div>
        </div>
      )}
    </div>
  );
}

export default function BrowsePage() {
  return <Suspense fallback={<Loading />}><Browser /></Suspense>;
}
