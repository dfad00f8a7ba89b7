"use client";
/** Period/interval controls, indicator toggles, the chart and the live price feed. */
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { changeClass, formatNumber, formatPercent, formatSigned } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, Skeleton, cx } from "@/components/ui";
import { usePriceBars } from "../api/get-price-bars";
import { useLivePrice } from "../api/live-price";
import { INDICATOR_NAMES, OVERLAYS, PERIODS, type ChartType, type IndicatorName, type Indicators, type Period, type PriceUpdate } from "../schemas";
import { LiveIndicator } from "./live-indicator";
import { PriceChart, type PriceChartHandle } from "./price-chart";

interface Props {
  symbol: string;
  type: ChartType;
  period: Period;
  onTypeChange: (t: ChartType) => void;
  onPeriodChange: (p: Period) => void;
  indicators?: Indicators;
}

function Toggle({ pressed, onClick, children, testId }: { pressed: boolean; onClick: () => void; children: ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      data-testid={testId}
      onClick={onClick}
      className={cx(
        "min-h-8 rounded-md px-2.5 text-xs font-semibold uppercase focus-visible:outline-2 focus-visible:outline-accent",
        pressed ? "bg-accent text-on-accent" : "bg-subtle hover:bg-line",
      )}
    >
      {children}
    </button>
  );
}

export function ChartSection({ symbol, type, period, onTypeChange, onPeriodChange, indicators }: Props) {
  const { m, lang } = useMessages();
  const bars = usePriceBars({ symbol, type, period });
  const chartRef = useRef<PriceChartHandle>(null);
  const [enabled, setEnabled] = useState<ReadonlySet<IndicatorName>>(() => new Set<IndicatorName>(["sma", "rsi"]));
  const onUpdate = useCallback((u: PriceUpdate) => chartRef.current?.applyLiveUpdate(u), []);
  const { status, last } = useLivePrice(symbol, onUpdate);
  const data = useMemo(() => bars.data?.data ?? [], [bars.data]);

  const toggle = (name: IndicatorName) =>
    setEnabled((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <Card
      title={m.stock.chart}
      titleId="chart-title"
      actions={
        <div className="flex flex-wrap items-center gap-3">
          {last && (
            <span data-testid="live-price" className="text-sm tabular-nums">
              <strong>{formatNumber(lang, last.price)}</strong>{" "}
              <span className={changeClass(last.change)}>
                {formatSigned(lang, last.change)} ({formatPercent(lang, last.change_percent)})
              </span>
            </span>
          )}
          <LiveIndicator status={status} />
        </div>
      }
    >
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <div role="group" aria-label={m.stock.period} className="flex flex-wrap gap-1">
          {PERIODS.map((p) => (
            <Toggle key={p} pressed={p === period} onClick={() => onPeriodChange(p)} testId={`period-${p}`}>
              {p}
            </Toggle>
          ))}
        </div>
        <div role="group" aria-label={m.stock.chartType} className="flex gap-1">
          <Toggle pressed={type === "daily"} onClick={() => onTypeChange("daily")}>
            {m.stock.daily}
          </Toggle>
          <Toggle pressed={type === "weekly"} onClick={() => onTypeChange("weekly")}>
            {m.stock.weekly}
          </Toggle>
        </div>
      </div>
      <div role="group" aria-label={m.stock.indicators} className="mb-3 flex flex-wrap items-center gap-1">
        {INDICATOR_NAMES.map((name) => (
          <Toggle key={name} pressed={enabled.has(name)} onClick={() => toggle(name)} testId={`indicator-${name}`}>
            {OVERLAYS.includes(name) ? `${name} ↗` : name}
          </Toggle>
        ))}
      </div>
      {bars.isPending ? (
        <Skeleton className="h-[360px] w-full" label={m.common.loading} />
      ) : bars.isError ? (
        <ErrorState error={bars.error} onRetry={() => void bars.refetch()} />
      ) : data.length === 0 ? (
        <EmptyState>{m.stock.noChart}</EmptyState>
      ) : (
        <PriceChart ref={chartRef} bars={data} type={type} indicators={indicators} enabled={enabled} label={`${symbol} ${m.stock.chart}`} />
      )}
    </Card>
  );
}
