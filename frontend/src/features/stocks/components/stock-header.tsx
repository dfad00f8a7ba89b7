"use client";
/**
 * Name, the one last price and its day change (useLastPrice: moves with live quotes), when that price was observed
 * ("as of"), when the planner will refresh it ("next update") and a simulated-data label.
 */
import { FlaskConical } from "lucide-react";
import { useMessages } from "@/i18n/use-messages";
import { DateTime } from "@/components/date-time";
import { changeClass, formatChange, formatFixed } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Badge, Skeleton } from "@/components/ui";
import { useLastPrice } from "../api/last-price";
import { useOverview } from "../api/get-overview";
import { useRefreshStatus } from "../api/get-refresh-status";

export function StockHeader({ symbol }: { symbol: string }) {
  const { m, lang } = useMessages();
  const overview = useOverview(symbol);
  const status = useRefreshStatus();
  const last = useLastPrice(symbol);
  if (overview.isPending) return <Skeleton className="h-20 w-full" label={m.common.loading} />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const { overview: o, ...meta } = overview.data;
  const fresh = status.data?.symbols.find((s) => s.symbol.toUpperCase() === symbol.toUpperCase());
  const next = fresh?.next_refresh;
  // The planner answers "now" for a refresh that is due: say so rather than repeat the time of the answer.
  const due = next != null && Date.parse(next) <= status.dataUpdatedAt;
  return (
    <header className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-2xl font-bold">{meta.symbol}</h1>
        <span lang="en" className="min-w-0 text-muted">{o.name}</span>
        {meta.simulated && (
          <Badge tone="warn">
            <FlaskConical aria-hidden className="size-3" />
            {m.common.simulated}
          </Badge>
        )}
      </div>
      <div className="flex flex-wrap items-baseline gap-x-3" data-testid="header-price" data-price={last?.price}>
        <span className="text-3xl font-semibold tabular-nums">{formatFixed(lang, last?.price)}</span>
        <span className={`tabular-nums ${changeClass(last?.change)}`}>
          {formatChange(lang, last?.change, last?.change_percent)}
        </span>
        <span className="text-xs text-muted">{o.currency || "USD"}</span>
      </div>
      <p className="text-xs text-muted" data-testid="freshness">
        {m.common.asOf}: <DateTime value={last?.observed_at ?? meta.as_of} lang={lang} /> · {m.common.nextUpdate}:{" "}
        {due ? m.common.nextUpdateDue : <DateTime value={next} lang={lang} />}
        {meta.simulated ? "" : ` · ${m.common.source}: ${meta.source}`}
      </p>
    </header>
  );
}
