/** Shared presentational primitives: buttons, skeletons, error/empty states, cards. */
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}

type Variant = "primary" | "secondary" | "ghost" | "danger";

const variants: Record<Variant, string> = {
  primary: "bg-accent text-on-accent hover:bg-accent/90 disabled:opacity-60",
  secondary: "border border-line bg-surface hover:bg-subtle disabled:opacity-60",
  ghost: "hover:bg-subtle disabled:opacity-60",
  danger: "bg-down text-on-accent hover:bg-down/90 disabled:opacity-60",
};

export function Button({ variant = "primary", className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      {...props}
      className={cx(
        "inline-flex min-h-9 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
        variants[variant],
        className,
      )}
    />
  );
}

export function Card({ children, className, title, actions, titleId }: { children: ReactNode; className?: string; title?: ReactNode; actions?: ReactNode; titleId?: string }) {
  return (
    <section className={cx("min-w-0 rounded-lg border border-line bg-surface p-4 shadow-sm", className)} aria-labelledby={titleId}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h2 id={titleId} className="text-base font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

/** A box that scrolls sideways (a wide table on a phone): focusable and named, so keyboard users can scroll it. */
export function ScrollBox({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cx("overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent", className)}>
      {children}
    </div>
  );
}

export function Skeleton({ className, label }: { className?: string; label?: string }) {
  return <div role="status" aria-label={label} aria-busy="true" className={cx("animate-pulse rounded-md bg-subtle", className)} />;
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-md border border-dashed border-line p-6 text-center text-sm text-muted">
      <p>{children}</p>
      {action}
    </div>
  );
}

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "up" | "down" | "warn" | "accent" }) {
  const tones = {
    neutral: "bg-subtle text-fg",
    up: "bg-up/15 text-up-strong",
    down: "bg-down/15 text-down-strong",
    warn: "bg-warn/20 text-warn-strong",
    accent: "bg-accent/15 text-accent-strong",
  } as const;
  return <span className={cx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}

export const inputClass =
  "w-full min-w-0 rounded-md border border-line bg-bg px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-accent aria-[invalid=true]:border-down";

export function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; children: ReactNode; hint?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && <p className="text-xs text-muted">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-xs text-down">
          {error}
        </p>
      )}
    </div>
  );
}
