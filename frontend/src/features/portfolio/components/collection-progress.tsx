"use client";
/**
 * Data-collection progress, shown only while a symbol is really being collected (`collecting`); polls the status
 * endpoint every 10 s until complete. Counts applicable steps only (an ETF's statements are "not applicable") and
 * names the step waiting for API quota and when it is retried.
 */
import { AlertTriangle, CheckCircle2, Loader2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { fmt, formatDateTime, labelOf } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { Badge } from "@/components/ui";
import { STATUS_POLL_MS, useSymbolStatus } from "../api/get-symbol-status";
import { STEP_NAMES, type SymbolStatus } from "../schemas";

function orderedSteps(steps: SymbolStatus["steps"]) {
  const rank = (n: string) => {
    const i = (STEP_NAMES as readonly string[]).indexOf(n);
    return i < 0 ? STEP_NAMES.length : i;
  };
  return Object.entries(steps).sort(([a], [b]) => rank(a) - rank(b));
}

export function CollectionProgress({ symbol, onComplete, intervalMs = STATUS_POLL_MS }: { symbol: string; onComplete?: () => void; intervalMs?: number }) {
  const { m, lang } = useMessages();
  const q = useSymbolStatus(symbol, intervalMs);
  const completeFired = useRef(false);
  useEffect(() => {
    if (q.data?.is_complete && !completeFired.current) {
      completeFired.current = true;
      onComplete?.();
    }
  }, [q.data?.is_complete, onComplete]);

  if (!q.data) return null;
  if (q.data.is_complete) {
    return (
      <Badge tone="up">
        <CheckCircle2 aria-hidden className="size-3" />
        <span data-testid="collection-complete">{m.portfolio.collected}</span>
      </Badge>
    );
  }
  if (!q.data.collecting) {
    if (q.data.collection_state !== "failed") return null;
    return (
      <Badge tone="down">
        <AlertTriangle aria-hidden className="size-3" />
        <span data-testid="collection-failed">{m.portfolio.collectionFailed}</span>
      </Badge>
    );
  }
  const { steps_done: done, steps_total: total, waiting_for_quota: waiting } = q.data;
  return (
    <div className="flex flex-col gap-1" data-testid="collection-progress">
      <div className="flex items-center gap-2 text-xs text-muted">
        <Loader2 aria-hidden className="size-3 animate-spin" />
        {m.portfolio.collecting} ({done}/{total})
      </div>
      <progress className="h-1.5 w-full accent-accent" max={total} value={done} aria-label={`${m.portfolio.collecting} ${symbol}`} />
      {waiting && (
        <p className="text-[11px] text-warn" data-testid="collection-waiting">
          {waiting.retry_at
            ? fmt(m.portfolio.waitingForQuota, { step: labelOf(m.portfolio.steps, waiting.step), time: formatDateTime(lang, waiting.retry_at) })
            : fmt(m.portfolio.waitingForQuotaSoon, { step: labelOf(m.portfolio.steps, waiting.step) })}
        </p>
      )}
      <ul className="flex flex-wrap gap-1 text-[11px]">
        {orderedSteps(q.data.steps).map(([name, step]) => (
          <li key={name} title={step.state === "failed" ? labelOf(m.portfolio.states, step.state) : undefined}>
            <Badge tone={step.state === "done" ? "up" : step.state === "failed" ? "down" : step.state === "waiting_for_quota" ? "warn" : "neutral"}>
              {labelOf(m.portfolio.steps, name)}: {labelOf(m.portfolio.states, step.state)}
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
