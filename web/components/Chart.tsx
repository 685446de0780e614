"use client";
// Records synced per run over time: one bar per finished job (fetched records), oldest left.
import type { Job } from "@/lib/api";

export function RunsChart({ jobs }: { jobs: Job[] }) {
  const runs = jobs.filter((j) => j.finishedAt).slice(0, 20).reverse();
  if (runs.length === 0) return <p className="text-sm text-muted">No finished sync runs yet.</p>;
  const value = (j: Job) => Number(j.counts?.fetched ?? 0);
  const max = Math.max(1, ...runs.map(value));
  const w = 32, gap = 8, h = 120;
  const width = runs.length * (w + gap);
  return (
    <figure>
      <svg role="img" aria-label={`Records synced per run: ${runs.map(value).join(", ")}`} viewBox={`0 0 ${width} ${h + 30}`} className="h-40 w-full max-w-xl" preserveAspectRatio="xMinYMid meet">
        <defs>
          <linearGradient id="bar" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stopColor="#2563EB" /><stop offset="1" stopColor="#60a5fa" /></linearGradient>
        </defs>
        {runs.map((j, i) => {
          const bh = Math.max(2, (value(j) / max) * h);
          return (
            <g key={j.id}>
              <rect x={i * (w + gap)} y={h - bh} width={w} height={bh} rx={4} fill={j.status === "succeeded" ? "url(#bar)" : "#EF4444"}><title>{`${new Date(j.finishedAt!).toLocaleString()}: ${value(j)} records (${j.status})`}</title></rect>
              <text x={i * (w + gap) + w / 2} y={h + 14} textAnchor="middle" fontSize="10" fill="#111827">{value(j)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-muted">Records fetched per sync run, oldest first (red: failed).</figcaption>
    </figure>
  );
}
