"use client";
/** Period/interval/adjustment controls, indicator toggles, the chart with its split and dividend marks, and the live price feed. */
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { changeClass, formatChange, formatFixed } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, Skeleton, cx } from "@/components/ui";
import { usePriceBars } from "../api/get-price-bars";
import { useLastPrice } from "../api/last-price";
import { useLivePrice } from "../api/live-price";
import { INDICATOR_NAMES, OVERLAYS, PERIODS, isIntradayBars, type Adjustment, type ChartType, type IndicatorName, type Indicators, type Period, type PriceUpdate } from "../schemas";
import { LiveIndicator } from "./live-indicator";
import { toPatternMarkers, type Patterns } from "./pattern-markers";
import { PriceChart, type PriceChartHandle } from "./price-chart";

interface Props {
  symbol: string;
  type: ChartType;
  period: Period;
  adjustment: Adjustment;
  onTypeChange: (t: ChartType) => void;
  onPeriodChange: (p: Period) => void;
  onAdjustmentChange: (a: Adjustment) => void;
  indicators?: Indicators;
  /** Candlestick patterns to mark; their dates are daily bars, so they show on the daily chart only. */
  patterns?: Patterns;
}

/** From as traded to most adjusted; split-adjusted is the default. */
const ADJUSTMENT_ORDER: readonly Adjustment[] = ["raw", "split", "total"];

function Toggle({ pressed, onClick, children, testId, disabled, title }: { pressed: boolean; onClick: () => void; children: ReactNode; testId?: string; disabled?: boolean; title?: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      title={title}
      className={cx(
        "min-h-8 rounded-md px-2.5 text-xs font-semibold uppercase focus-visible:outline-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-50",
        pressed ? "bg-accent text-on-accent" : "bg-subtle hover:bg-line",
      )}
    >
      {children}
    </button>
  );
}

export function ChartSection({ symbol, type, period, adjustment, onTypeChange, onPeriodChange, onAdjustmentChange, indicators, patterns }: Props) {
  const { m, lang } = useMessages();
  const bars = usePriceBars({ symbol, type, period, adjustment });
  const chartRef = useRef<PriceChartHandle>(null);
  const [enabled, setEnabled] = useState<ReadonlySet<IndicatorName>>(() => new Set<IndicatorName>(["sma", "rsi"]));
  const onUpdate = useCallback((u: PriceUpdate) => chartRef.current?.applyLiveUpdate(u), []);
  const { status } = useLivePrice(symbol, onUpdate);
  // The badge and the chart's last-price line show the one last price the header shows.
  const last = useLastPrice(symbol);
  const data = useMemo(() => bars.data?.data ?? [], [bars.data]);
  const events = useMemo(() => bars.data?.events ?? [], [bars.data]);
  const intraday = bars.data && isIntradayBars(bars.data) ? bars.data : null;
  const fiveMinute = intraday?.interval === "5min";
  const markers = useMemo(
    () => (patterns && type === "daily" && !fiveMinute ? toPatternMarkers(patterns, new Set(data.map((b) => b.time)), lang) : undefined),
    [patterns, type, fiveMinute, data, lang],
  );
  // Indicators are computed on split-adjusted prices: overlays would not sit on raw or total-return candles.
  const overlaysShown = adjustment === "split";
  const shown = useMemo(() => (overlaysShown ? enabled : new Set([...enabled].filter((n) => !OVERLAYS.includes(n)))), [enabled, overlaysShown]);

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
          {last?.live && (
            <span data-testid="live-price" data-price={last.price} className="text-sm tabular-nums">
              <strong>{formatFixed(lang, last.price)}</strong>{" "}
              <span className={changeClass(last.change)}>
                {formatChange(lang, last.change, last.change_percent)}
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
        <div role="group" aria-label={m.stock.adjust.label} className="flex gap-1">
          {ADJUSTMENT_ORDER.map((a) => (
            <Toggle key={a} pressed={a === adjustment} onClick={() => onAdjustmentChange(a)} testId={`adjustment-${a}`}>
              {m.stock.adjust[a]}
            </Toggle>
          ))}
        </div>
      </div>
      <div role="group" aria-label={m.stock.indicators} className="mb-3 flex flex-wrap items-center gap-1">
        {INDICATOR_NAMES.map((name) => (
          <Toggle
            key={name}
            pressed={shown.has(name)}
            onClick={() => toggle(name)}
            testId={`indicator-${name}`}
            disabled={!overlaysShown && OVERLAYS.includes(name)}
            title={!overlaysShown && OVERLAYS.includes(name) ? m.stock.adjust.overlaysSplitOnly : undefined}
          >
            {OVERLAYS.includes(name) ? `${name} ↗` : name}
          </Toggle>
        ))}
      </div>
      {intraday && (
        <p data-testid="intraday-note" role={intraday.fallback ? "note" : undefined} className="mb-2 text-xs text-muted">
          {intraday.fallback ? m.stock.intraday.fallback : `${m.stock.intraday.bars} · ${m.stock.intraday.times}`}
        </p>
      )}
      {bars.isPending ? (
        <Skeleton className="h-[360px] w-full" label={m.common.loading} />
      ) : bars.isError ? (
        <ErrorState error={bars.error} onRetry={() => void bars.refetch()} />
      ) : data.length === 0 ? (
        <EmptyState>{m.stock.noChart}</EmptyState>
      ) : (
        <PriceChart ref={chartRef} bars={data} events={events} type={type} intraday={fiveMinute} indicators={indicators} enabled={shown} lastPrice={last?.price} label={`${symbol} ${m.stock.chart}`} markers={markers} />
      )}
    </Card>
  );
}
