"use client";
import { Suspense, useState } from "react";
import { api, TERMINAL_JOB, type Job, type Page } from "@/lib/api";
import { useLoad, useQueryState } from "@/lib/hooks";
import { Button, Card, Pager, ConfirmButton, ErrorBox, Loading, Pill, SelectField, TextField, When } from "@/components/ui";
import { JobProgress } from "@/components/JobProgress";

function JobDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const job = useLoad(() => api<Job>("GET", `/api/jobs/${encodeURIComponent(id)}`), [id]);
  const [error, setError] = useState<unknown>(null);
  const j = job.data;
  return (
    <Card title="Job">
      <ErrorBox error={job.error || error} />
      {!j ? <Loading /> : (
        <div className="space-y-3">
          <JobProgress key={`${j.id}-${j.updatedAt}`} jobId={j.id} onDone={() => onChanged()} />
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Connection</dt><dd><code className="break-all text-xs">{j.connectionId}</code></dd>
            <dt className="text-muted">Type</dt><dd>{j.type} {String(j.params?.model ?? "")}</dd>
            <dt className="text-muted">Created</dt><dd><When iso={j.createdAt} /></dd>
            <dt className="text-muted">Started</dt><dd><When iso={j.startedAt} /></dd>
            <dt className="text-muted">Finished</dt><dd><When iso={j.finishedAt} /></dd>
            <dt className="text-muted">Attempt</dt><dd>{j.attempt}</dd>
          </dl>
          {!TERMINAL_JOB.has(j.status) && (
            <ConfirmButton label="Cancel job" confirmLabel="Yes, cancel" onConfirm={async () => {
              try { await api("POST", `/api/jobs/${encodeURIComponent(j.id)}/cancel`, {}); job.reload(); onChanged(); } catch (e) { setError(e); }
            }} />
          )}
        </div>
      )}
    </Card>
  );
}

function Jobs() {
  const [q, set] = useQueryState();
  const status = q.get("status") ?? "";
  const connectionId = q.get("connectionId") ?? "";
  const cursor = q.get("cursor");
  const id = q.get("id");
  const [conn, setConn] = useState(connectionId);
  const list = useLoad(() => api<Page<Job>>("GET", "/api/jobs", undefined, { status, connectionId, cursor, limit: 25 }), [status, connectionId, cursor]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Jobs</h1>
      {id && <JobDetail id={id} onChanged={list.reload} />}
      <Card title="Sync jobs">
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); set({ connectionId: conn || null, cursor: null }); }}>
          <div className="w-40"><SelectField id="job-status" label="Status" value={status} onChange={(v) => set({ status: v || null, cursor: null })}
            options={[{ value: "", label: "any" }, ...["queued", "running", "succeeded", "failed", "canceled"].map((s) => ({ value: s, label: s }))]} /></div>
          <div className="w-72"><TextField id="job-connection" label="Connection id" value={conn} onChange={setConn} /></div>
          <Button type="submit" className="mb-3">Filter</Button>
        </form>
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead><tr className="border-b border-line text-muted"><th className="py-2 pr-2">Status</th><th className="pr-2">Model</th><th className="pr-2">Records</th><th className="pr-2">Created</th><th><span className="sr-only">Open</span></th></tr></thead>
              <tbody>
                {(list.data?.items ?? []).map((j) => (
                  <tr key={j.id} className="border-b border-line">
                    <td className="py-2 pr-2"><Pill status={j.status} /></td>
                    <td className="pr-2">{String(j.params?.model ?? j.type)}</td>
                    <td className="pr-2">{j.counts?.fetched ?? 0}</td>
                    <td className="pr-2"><When iso={j.createdAt} /></td>
                    <td><Button variant="secondary" onClick={() => set({ id: j.id })}>Details</Button></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.data?.items.length === 0 && <p className="py-2 text-sm text-muted">No jobs.</p>}
          </div>
        )}
        <Pager cursor={cursor} next={list.data?.next} go={(c) => set({ cursor: c })} />
      </Card>
    </div>
  );
}

export default function JobsPage() {
  return <Suspense fallback={<Loading />}><Jobs /></Suspense>;
}
