"use client";
/** The market overview page: breadth, movers (day, week), sector performance, the benchmark's chart and US economic indicators. */
import Link from "next/link";
import { useMemo, useState } from "react";
import type { EconomicSeries, MarketOverview, StockMove } from "@/api";
import { DateTime } from "@/components/date-time";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, Skeleton, cx } from "@/components/ui";
import { changeClass, fmt, formatNumber, formatPercent, labelOf } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { useEconomicIndicators } from "../api/get-economic-indicators";
import { useMarketOverview } from "../api/get-market-overview";
import { usePriceBars } from "../api/get-price-bars";
import type { IndicatorName } from "../schemas";
import { PriceChart } from "./price-chart";

type Horizon = "day" | "week";
const NO_INDICATORS: ReadonlySet<IndicatorName> = new Set();

function MoversTable({ rows, horizon, caption }: { rows: StockMove[]; horizon: Horizon; caption: string }) {
  const { m, lang } = useMessages();
  if (rows.length === 0) return <p className="text-sm text-muted">{caption}: {m.market.noMovers}</p>;
  return (
    <table className="w-full text-sm">
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="text-left text-xs text-muted">
          <th scope="col">{m.market.symbol}</th>
          <th scope="col">{m.market.name}</th>
          <th scope="col" className="text-right">{m.market.close}</th>
          <th scope="col" className="text-right">{m.market.change}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const change = horizon === "day" ? r.day_change_percent : r.week_change_percent;
          return (
            <tr key={r.symbol} className="border-t border-line">
              <td className="py-1 font-semibold">
                <Link href={`/stocks/${r.symbol}`} className="hover:underline">{r.symbol}</Link>
              </td>
              <td lang="en" className="max-w-40 truncate py-1">{r.name}</td>
              <td className="py-1 text-right tabular-nums">{formatNumber(lang, r.close)}</td>
              <td className={cx("py-1 text-right tabular-nums", changeClass(change))}>{formatPercent(lang, change)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Movers({ data }: { data: MarketOverview }) {
  const { m } = useMessages();
  const [horizon, setHorizon] = useState<Horizon>("day");
  const movers = data[horizon];
  return (
    <Card
      title={m.market.movers}
      titleId="movers-title"
      actions={
        <div className="flex gap-1" role="group" aria-label={m.market.movers}>
          {(["day", "week"] as const).map((h) => (
            <button
              key={h}
              type="button"
              aria-pressed={horizon === h}
              onClick={() => setHorizon(h)}
              className={cx("min-h-8 rounded-md px-2.5 text-xs font-semibold", horizon === h ? "bg-accent text-on-accent" : "bg-subtle hover:bg-line")}
            >
              {m.market[h]}
            </button>
          ))}
        </div>
      }
    >
      <div className="grid gap-4 md:grid-cols-2">
        <MoversTable rows={movers.gainers} horizon={horizon} caption={m.market.gainers} />
        <MoversTable rows={movers.losers} horizon={horizon} caption={m.market.losers} />
      </div>
    </Card>
  );
}

function Breadth({ data }: { data: MarketOverview }) {
  const { m, lang } = useMessages();
  return (
    <Card title={m.market.breadth} titleId="breadth-title">
      <dl className="grid grid-cols-2 gap-4">
        {data.breadth.map((b) => (
          <div key={b.days} data-testid={`breadth-${b.days}`}>
            <dt className="text-xs text-muted">{fmt(m.market.breadthLine, { days: b.days })}</dt>
            {b.share === null ? (
              <dd className="text-sm">{fmt(m.market.breadthNone, { days: b.days })}</dd>
            ) : (
              <dd>
                <span className="text-2xl font-bold tabular-nums">{formatPercent(lang, b.share * 100, false)}</span>{" "}
                <span className="text-xs text-muted">{fmt(m.market.breadthDetail, { above: b.above, eligible: b.eligible })}</span>
              </dd>
            )}
          </div>
        ))}
      </dl>
    </Card>
  );
}

function Sectors({ data }: { data: MarketOverview }) {
  const { m, lang } = useMessages();
  return (
    <Card title={m.market.sectors} titleId="sectors-title">
      <p className="mb-2 text-xs text-muted">{m.market.sectorsNote}</p>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-muted">
            <th scope="col">{m.market.sector}</th>
            <th scope="col" className="text-right">{m.market.stocks}</th>
            <th scope="col" className="text-right">{m.market.day}</th>
            <th scope="col" className="text-right">{m.market.week}</th>
          </tr>
        </thead>
        <tbody>
          {data.sectors.map((s) => (
            <tr key={s.sector} className="border-t border-line">
              <td className="py-1">{s.sector}</td>
              <td className="py-1 text-right tabular-nums">{s.stocks}</td>
              <td className={cx("py-1 text-right tabular-nums", changeClass(s.day_change_percent))}>{formatPercent(lang, s.day_change_percent)}</td>
              <td className={cx("py-1 text-right tabular-nums", changeClass(s.week_change_percent))}>{formatPercent(lang, s.week_change_percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function BenchmarkChart({ symbol, label }: { symbol: string; label: string }) {
  const { m } = useMessages();
  const bars = usePriceBars({ symbol, type: "daily", period: "1y", adjustment: "split" });
  const series = useMemo(() => bars.data?.data ?? [], [bars.data]);
  if (bars.isPending) return <Skeleton className="h-72 w-full" label={m.common.loading} />;
  if (bars.isError) return <ErrorState error={bars.error} onRetry={() => void bars.refetch()} />;
  return <PriceChart bars={series} type="daily" enabled={NO_INDICATORS} label={label} />;
}

function Benchmark({ data }: { data: MarketOverview }) {
  const { m, lang } = useMessages();
  const symbol = data.benchmark_symbol;
  const title = fmt(m.market.benchmark, { symbol });
  if (!data.benchmark) {
    return (
      <Card title={title} titleId="benchmark-title">
        <EmptyState>{fmt(m.market.benchmarkMissing, { symbol })}</EmptyState>
      </Card>
    );
  }
  const b = data.benchmark;
  return (
    <Card
      title={title}
      titleId="benchmark-title"
      actions={
        <span className="text-sm tabular-nums">
          <strong>{formatNumber(lang, b.close)}</strong>{" "}
          <span className={changeClass(b.day_change_percent)}>{formatPercent(lang, b.day_change_percent)}</span>
        </span>
      }
    >
      <p className="mb-2 text-xs text-muted">{fmt(m.market.benchmarkNote, { symbol })}</p>
      <BenchmarkChart symbol={symbol} label={title} />
    </Card>
  );
}

function IndicatorCard({ series }: { series: EconomicSeries }) {
  const { m, lang } = useMessages();
  const name = labelOf(m.market.indicatorNames, series.name);
  const change = series.latest?.value != null && series.previous?.value != null ? series.latest.value - series.previous.value : null;
  return (
    <li className="rounded-md border border-line p-3" data-testid={`economic-${series.name}`}>
      <p className="text-xs text-muted">
        {name} · {labelOf(m.market.intervals, series.interval)}
      </p>
      {series.latest ? (
        <>
          <p className="text-xl font-bold tabular-nums">
            {formatNumber(lang, series.latest.value, 3)} <span className="text-xs font-normal text-muted">{series.unit}</span>
          </p>
          <p className="text-xs">
            {series.latest.date}{" "}
            <span className={changeClass(change)}>
              ({m.market.previous} {formatNumber(lang, series.previous?.value, 3)})
            </span>
          </p>
          <p className="text-xs text-muted">
            {m.common.source}: {series.source === "simulated" ? m.common.simulated : series.source} · <DateTime value={series.fetched_at} lang={lang} />
          </p>
        </>
      ) : (
        <p className="text-sm text-muted">{m.market.notFetched}</p>
      )}
    </li>
  );
}

function Economy() {
  const { m } = useMessages();
  const q = useEconomicIndicators();
  return (
    <Card title={m.market.economy} titleId="economy-title">
      {q.isPending ? (
        <Skeleton className="h-24 w-full" label={m.common.loading} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {q.data.indicators.map((s) => (
            <IndicatorCard key={s.name} series={s} />
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MarketOverviewView() {
  const { m } = useMessages();
  const q = useMarketOverview();
  return (
    <div className="flex flex-col gap-4">
      <header>
        <h1 className="text-2xl font-bold">{m.market.title}</h1>
        <p className="text-sm text-muted">{m.market.intro}</p>
        {q.data?.as_of && <p className="text-xs text-muted" data-testid="market-as-of">{fmt(m.market.asOf, { date: q.data.as_of, count: q.data.stocks })}</p>}
      </header>
      {q.isPending ? (
        <Skeleton className="h-48 w-full" label={m.common.loading} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.stocks === 0 ? (
        <EmptyState>{m.market.empty}</EmptyState>
      ) : (
        <>
          <Breadth data={q.data} />
          <Movers data={q.data} />
          <Sectors data={q.data} />
          <Benchmark data={q.data} />
        </>
      )}
      <Economy />
    </div>
  );
}
