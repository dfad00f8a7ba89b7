"use client";
/** Name, price and change from the overview, plus freshness (as of / next update) and a simulated-data label. */
import { FlaskConical } from "lucide-react";
import { useMessages } from "@/i18n/use-messages";
import { DateTime } from "@/components/date-time";
import { changeClass, formatNumber, formatPercent, formatSigned } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Badge, Skeleton } from "@/components/ui";
import { useOverview } from "../api/get-overview";
import { useRefreshStatus } from "../api/get-refresh-status";

export function StockHeader({ symbol }: { symbol: string }) {
  const { m, lang } = useMessages();
  const overview = useOverview(symbol);
  const status = useRefreshStatus();
  if (overview.isPending) return <Skeleton className="h-20 w-full" label={m.common.loading} />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const { overview: o, ...meta } = overview.data;
  const fresh = status.data?.symbols.find((s) => s.symbol.toUpperCase() === symbol.toUpperCase());
  return (
    <header className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-2xl font-bold">{meta.symbol}</h1>
        <span className="min-w-0 text-muted">{o.name}</span>
        {meta.simulated && (
          <Badge tone="warn">
            <FlaskConical aria-hidden className="size-3" />
            {m.common.simulated}
          </Badge>
        )}
      </div>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <span className="text-3xl font-semibold tabular-nums">{formatNumber(lang, o.real_time_price)}</span>
        <span className={`tabular-nums ${changeClass(o.change)}`}>
          {formatSigned(lang, o.change)} ({formatPercent(lang, o.change_percent)})
        </span>
        <span className="text-xs text-muted">{o.currency || "USD"}</span>
      </div>
      <p className="text-xs text-muted" data-testid="freshness">
        {m.common.asOf}: <DateTime value={fresh?.as_of ?? meta.as_of} lang={lang} /> · {m.common.nextUpdate}: <DateTime value={fresh?.next_refresh} lang={lang} />
        {meta.simulated ? "" : ` · ${m.common.source}: ${meta.source}`}
      </p>
    </header>
  );
}
