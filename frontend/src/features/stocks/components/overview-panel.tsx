"use client";
/** Key metrics from the company overview. */
import { useMessages } from "@/i18n/use-messages";
import { formatFraction, formatLarge, formatNumber } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Card, Skeleton } from "@/components/ui";
import { useOverview } from "../api/get-overview";

export function OverviewPanel({ symbol }: { symbol: string }) {
  const { m, lang } = useMessages();
  const q = useOverview(symbol);
  if (q.isPending) return <Skeleton className="h-40 w-full" label={m.common.loading} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const o = q.data.overview;
  // Volume and trading day of the one last price the header shows, not of a quote older than the day's bar.
  const last = q.data.last_price;
  // The provider's DividendYield is a fraction (0.0044 = 0.44 %).
  const metrics: Array<[string, string]> = [
    [m.stock.marketCap, formatLarge(lang, o.market_capitalization)],
    [m.stock.pe, formatNumber(lang, o.pe_ratio)],
    [m.stock.eps, formatNumber(lang, o.eps)],
    [m.stock.dividendYield, formatFraction(lang, o.dividend_yield)],
    [m.stock.beta, formatNumber(lang, o.beta)],
    [m.stock.high52, formatNumber(lang, o.week_52_high)],
    [m.stock.low52, formatNumber(lang, o.week_52_low)],
    [m.stock.volume, formatLarge(lang, last?.volume)],
    [m.stock.exchange, o.exchange || "—"],
    [m.stock.sector, o.sector || "—"],
    [m.stock.industry, o.industry || "—"],
    [m.stock.latestDay, last?.date ?? "—"],
  ];
  return (
    <Card title={m.stock.overview} titleId="overview-title">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-4" data-testid="overview-metrics">
        {metrics.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-xs text-muted">{k}</dt>
            <dd className="truncate font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {o.description && <p lang="en" className="mt-4 line-clamp-4 text-sm text-muted">{o.description}</p>}
    </Card>
  );
}
