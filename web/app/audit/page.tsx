"use client";
import { Suspense, useState } from "react";
import { api, type AuditEntry, type Page } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, Pager, ErrorBox, Loading, TextField, When } from "@/components/ui";

const FILTERS = [["action", "Action"], ["actor", "Actor"], ["targetType", "Resource type"], ["targetId", "Resource id"], ["since", "Since (RFC 3339)"], ["until", "Until (RFC 3339)"]] as const;

function Audit() {
  const [q, set] = useQueryState();
  const current = Object.fromEntries(FILTERS.map(([k]) => [k, q.get(k) ?? ""]));
  const cursor = q.get("cursor");
  const [form, setForm] = useState<Record<string, string>>(current);
  const key = JSON.stringify(current) + cursor;
  const list = useLoad(() => api<Page<AuditEntry>>("GET", "/api/audit-logs", undefined, { ...current, cursor, limit: 50 }), [key]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <Card title="Filters">
        <form className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-3" onSubmit={(e) => { e.preventDefault(); set({ ...Object.fromEntries(FILTERS.map(([k]) => [k, form[k]?.trim() || null])), cursor: null }); }}>
          {FILTERS.map(([k, label]) => <TextField key={k} id={`audit-${k}`} label={label} value={form[k] ?? ""} onChange={(v) => setForm({ ...form, [k]: v })} />)}
          <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
            <Button type="submit">Apply</Button>
            <Button type="button" variant="secondary" onClick={() => { setForm({}); set({ ...Object.fromEntries(FILTERS.map(([k]) => [k, null])), cursor: null }); }}>Clear</Button>
          </div>
        </form>
      </Card>
      <Card title="Entries, newest first">
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Audit entries">
              <thead><tr className="border-b border-line text-muted"><th className="py-2 pr-2">When</th><th className="pr-2">Action</th><th className="pr-2">Outcome</th><th className="pr-2">Actor</th><th className="pr-2">Resource</th><th>Request id</th></tr></thead>
              <tbody>
                {(list.data?.items ?? []).map((a) => (
                  <tr key={a.id} className="border-b border-line align-top" data-action={a.action}>
                    <td className="py-2 pr-2 whitespace-nowrap"><When iso={a.createdAt} /></td>
                    <td className="pr-2"><button className="font-medium text-primary-dark underline" onClick={() => { setForm({ ...form, action: a.action }); set({ action: a.action, cursor: null }); }}>{a.action}</button></td>
                    <td className="pr-2">{a.outcome}</td>
                    <td className="pr-2 break-all">{a.actor}</td>
                    <td className="pr-2 break-all">{a.targetType} <code className="text-xs">{a.targetId}</code></td>
                    <td className="break-all"><code className="text-xs">{a.requestId ?? "—"}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.data?.items.length === 0 && <p className="py-2 text-sm text-muted">No entries.</p>}
          </div>
        )}
        <Pager cursor={cursor} next={list.data?.next} go={(c) => set({ cursor: c })} nextLabel="Older entries" />
      </Card>
    </div>
  );
}

export default function AuditPage() {
  return <Suspense fallback={<Loading />}><Audit /></Suspense>;
}
