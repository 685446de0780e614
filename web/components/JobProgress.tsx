"use client";
// Live progress of one job, by polling GET /api/jobs/{id} until it ends.
import { useEffect, useState } from "react";
import { api, TERMINAL_JOB, type Job } from "@/lib/api";
import { Pill, ErrorBox } from "./ui";

export function JobProgress({ jobId, onDone }: { jobId: string; onDone?: (j: Job) => void }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const j = await api<Job>("GET", `/api/jobs/${encodeURIComponent(jobId)}`);
        if (!live) return;
        setJob(j);
        if (TERMINAL_JOB.has(j.status)) { onDone?.(j); return; }
      } catch (e) {
        if (live) setError(e);
        return;
      }
      timer = setTimeout(poll, 700);
    };
    poll();
    return () => { live = false; clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  if (error) return <ErrorBox error={error} />;
  if (!job) return <p className="text-sm text-muted">Starting…</p>;
  const pct = Math.round(Math.min(1, Math.max(0, job.progress > 1 ? job.progress / 100 : job.progress)) * 100);
  const shown = TERMINAL_JOB.has(job.status) && job.status === "succeeded" ? 100 : pct;
  return (
    <div data-testid="job-progress" data-job-status={job.status} className="rounded-xl border border-line bg-bg p-3" aria-live="polite">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span>Job <code className="text-xs">{job.id}</code> ({String(job.params?.model ?? job.type)})</span>
        <Pill status={job.status} />
      </div>
      <div className="h-2 w-full overflow-hidden rounded-full bg-line" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={shown}>
        <div className="h-full rounded-full bg-gradient-to-r from-primary to-success transition-all" style={{ width: `${shown}%` }} />
      </div>
      <p className="mt-1 text-xs text-muted">
        {Object.entries(job.counts ?? {}).map(([k, v]) => `${k} ${v}`).join(" · ") || "no records yet"}
        {job.error && <span className="text-error-ink"> · {job.error}</span>}
      </p>
    </div>
  );
}
