"use client";
// Small building blocks of the "Ocean Professional" theme: cards, buttons, pills, fields, errors.
import { useState, type ReactNode, type ButtonHTMLAttributes } from "react";
import { ApiError } from "@/lib/api";

export function Card({ title, children, actions, className = "" }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`min-w-0 rounded-2xl border border-line bg-surface bg-gradient-to-b from-white to-[#f8fafc] p-4 shadow-sm sm:p-5 ${className}`}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 className="text-lg font-semibold text-ink">{title}</h2>}
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

type Variant = "primary" | "secondary" | "danger" | "accent";
const variants: Record<Variant, string> = {
  primary: "bg-primary text-white hover:bg-primary-dark border-primary",
  secondary: "bg-surface text-ink hover:bg-bg border-line",
  danger: "bg-[#dc2626] text-white hover:bg-[#b91c1c] border-[#dc2626]",
  accent: "bg-accent text-ink hover:bg-[#d97706] border-accent",
};

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex min-h-9 items-center justify-center gap-1 rounded-lg border px-3 py-1.5 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-60 ${variants[variant]} ${className}`}
    />
  );
}

const pillStyles: Record<string, string> = {
  connected: "bg-success-soft text-success-ink border-success",
  succeeded: "bg-success-soft text-success-ink border-success",
  pending: "bg-accent-soft text-accent-ink border-accent",
  queued: "bg-accent-soft text-accent-ink border-accent",
  running: "bg-primary-soft text-primary-dark border-primary",
  needs_reauth: "bg-accent-soft text-accent-ink border-accent",
  revoked: "bg-[#f3f4f6] text-muted border-line",
  canceled: "bg-[#f3f4f6] text-muted border-line",
  not_connected: "bg-[#f3f4f6] text-muted border-line",
  error: "bg-error-soft text-error-ink border-error",
  failed: "bg-error-soft text-error-ink border-error",
};
const pillLabels: Record<string, string> = { needs_reauth: "needs re-auth", not_connected: "not connected" };

export function Pill({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${pillStyles[status] ?? "bg-[#f3f4f6] text-ink border-line"}`}>
      {pillLabels[status] ?? status}
    </span>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div role="alert" data-testid="error-box" className="my-3 rounded-xl border border-error bg-error-soft p-3 text-sm text-error-ink">
      <p className="font-semibold">{e ? e.message : String((error as Error)?.message ?? error)}</p>
      {e && (
        <p className="mt-1 text-xs">
          {e.code && <span>code <code>{e.code}</code></span>}
          {e.field && <span> · field <code>{e.field}</code></span>}
          {e.requestId && <span> · request id <code data-testid="request-id">{e.requestId}</code></span>}
        </p>
      )}
    </div>
  );
}

export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" | "warning" }) {
  const cls = { success: "border-success bg-success-soft text-success-ink", info: "border-primary bg-primary-soft text-primary-dark", warning: "border-accent bg-accent-soft text-accent-ink" }[tone];
  return <div role="status" className={`my-3 rounded-xl border p-3 text-sm ${cls}`}>{children}</div>;
}

export function TextField({ id, label, value, onChange, type = "text", required, description, error, placeholder, autoComplete }: {
  id: string; label: string; value: string; onChange: (v: string) => void; type?: string; required?: boolean;
  description?: string; error?: string | null; placeholder?: string; autoComplete?: string;
}) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-ink">
        {label}{required && <span aria-hidden="true" className="text-error-ink"> *</span>}
      </label>
      <input
        id={id} name={id} type={type} value={value} required={required} placeholder={placeholder} autoComplete={autoComplete}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : description ? `${id}-desc` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink placeholder:text-muted ${error ? "border-error" : "border-[#9ca3af]"}`}
      />
      {description && !error && <p id={`${id}-desc`} className="mt-1 text-xs text-muted">{description}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-xs font-medium text-error-ink">{error}</p>}
    </div>
  );
}

export function SelectField({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-ink">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="w-full rounded-lg border border-[#9ca3af] bg-surface px-3 py-2 text-sm text-ink">
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

// A destructive action asks once more, inline (keyboard reachable, no browser dialog).
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled }: { label: string; confirmLabel: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <Button variant="secondary" disabled={disabled} onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 rounded-lg border border-error bg-error-soft px-2 py-1">
      <span className="text-xs text-error-ink">Sure?</span>
      <Button variant="danger" autoFocus onClick={() => { setAsking(false); onConfirm(); }}>{confirmLabel}</Button>
      <Button variant="secondary" onClick={() => setAsking(false)}>Cancel</Button>
    </span>
  );
}

export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-ink">{label}</label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} className="w-full rounded-lg border border-[#9ca3af] bg-bg px-3 py-2 font-mono text-xs text-ink" />
        <Button variant="secondary" type="button" onClick={async () => { try { await navigator.clipboard.writeText(value); setCopied(true); } catch { setCopied(false); } }}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

export function When({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="text-muted">—</span>;
  const d = new Date(iso);
  return <time dateTime={iso} title={iso}>{isNaN(d.getTime()) ? iso : d.toLocaleString()}</time>;
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return <p className="py-4 text-sm text-muted" aria-live="polite">{what}…</p>;
}

// Cursor paging of a list kept in the URL: back to the first page, on to the next.
export function Pager({ cursor, next, go, nextLabel = "Next page" }: { cursor: string | null; next: string | null | undefined; go: (cursor: string | null) => void; nextLabel?: string }) {
  return (
    <div className="mt-2 flex gap-2">
      {cursor && <Button variant="secondary" onClick={() => go(null)}>First page</Button>}
      {next && <Button variant="secondary" onClick={() => go(next)}>{nextLabel}</Button>}
    </div>
  );
}
