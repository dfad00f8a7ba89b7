"use client";
/** Data-collection progress for a newly added symbol; polls the status endpoint every 10 s until complete. */
import { CheckCircle2, Loader2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { labelOf } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { Badge } from "@/components/ui";
import { STATUS_POLL_MS, useSymbolStatus } from "../api/get-symbol-status";
import { STEP_NAMES, type SymbolStatus } from "../schemas";

function stepsDone(s: SymbolStatus): { done: number; total: number } {
  const states = Object.values(s.steps).map((step) => step.state);
  if (states.length > 0) return { done: states.filter((x) => x === "done" || x === "partial").length, total: states.length };
  const flags = [s.stock_exists && s.has_overview, s.has_prices, s.has_financial];
  return { done: flags.filter(Boolean).length, total: flags.length };
}

function orderedSteps(steps: SymbolStatus["steps"]) {
  const rank = (n: string) => {
    const i = (STEP_NAMES as readonly string[]).indexOf(n);
    return i < 0 ? STEP_NAMES.length : i;
  };
  return Object.entries(steps).sort(([a], [b]) => rank(a) - rank(b));
}

export function CollectionProgress({ symbol, onComplete, intervalMs = STATUS_POLL_MS }: { symbol: string; onComplete?: () => void; intervalMs?: number }) {
  const { m } = useMessages();
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
  const { done, total } = stepsDone(q.data);
  return (
    <div className="flex flex-col gap-1" data-testid="collection-progress">
      <div className="flex items-center gap-2 text-xs text-muted">
        <Loader2 aria-hidden className="size-3 animate-spin" />
        {m.portfolio.collecting} ({done}/{total})
      </div>
      <progress className="h-1.5 w-full accent-accent" max={total} value={done} aria-label={`${m.portfolio.collecting} ${symbol}`} />
      <ul className="flex flex-wrap gap-1 text-[11px]">
        {orderedSteps(q.data.steps).map(([name, step]) => (
          <li key={name} title={step.reason || undefined}>
            <Badge tone={step.state === "done" ? "up" : step.state === "failed" ? "down" : step.state === "waiting_for_quota" ? "warn" : "neutral"}>
              {labelOf(m.portfolio.steps, name)}: {labelOf(m.portfolio.states, step.state)}
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
