"use client";
/**
 * Candlestick + volume chart with indicator overlays (pane 0) and indicator panes (1..n).
 * The chart is created once; data changes go to the series with setData, live ticks with update,
 * so React never re-renders the canvas.
 */
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import type { IChartApi, IPriceLine, ISeriesApi, ISeriesMarkersPluginApi, MouseEventParams, SeriesType, Time } from "lightweight-charts";
import { useMessages } from "@/i18n/use-messages";
import { useIsDark } from "@/lib/use-is-dark";
import type { IndicatorName, Indicators, PriceBar, PriceEvent, PriceUpdate } from "../schemas";
import { chartTime, eventsByBar, marketTimeLabel, mergeLiveIntraday, mergeLiveUpdate, toCandles, toEventMarkers, toLine, toVolumes } from "./chart-data";
import { mergeMarkers, type ChartMarker } from "./pattern-markers";

type ChartLib = typeof import("lightweight-charts");

export interface PriceChartHandle {
  applyLiveUpdate: (update: PriceUpdate) => void;
}

interface Props {
  bars: PriceBar[];
  /** Splits and dividends, marked on the bar they fall on, with a tooltip on hover. */
  events?: PriceEvent[];
  type: "daily" | "weekly";
  /** 5-minute bars (1D/5D): times are UTC timestamps, labelled in New York market time. */
  intraday?: boolean;
  indicators?: Indicators;
  enabled: ReadonlySet<IndicatorName>;
  /** The stock's one last price (useLastPrice), drawn as the last-price line instead of the last candle's close. */
  lastPrice?: number | null;
  label: string;
  /** More marks on the candles (candlestick patterns), beside the splits and dividends. */
  markers?: ChartMarker[];
}

const UP = "#16a34a";
const DOWN = "#dc2626";
const EVENT_COLORS = { split: "#7c3aed", dividend: "#0891b2" } as const;
const NO_EVENTS: PriceEvent[] = [];
const NO_MARKERS: ChartMarker[] = [];
const LAST_PRICE_COLOR = "#0f172a";
const LINE_COLORS = { sma: "#2563eb", ema: "#d97706", bb: "#7c3aed", a: "#0891b2", b: "#db2777", hist: "#94a3b8" } as const;

/** A crosshair time as the time string the bars carry (string times may come back as business-day objects;
 * 5-minute bars' UTC timestamps are looked up in `byTimestamp`). */
function barTime(time: Time | undefined, byTimestamp: ReadonlyMap<number, string>): string | undefined {
  if (typeof time === "string") return time;
  if (typeof time === "number") return byTimestamp.get(time);
  if (time && typeof time === "object") return `${time.year}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;
  return undefined;
}

interface Hovered {
  time: string;
  x: number;
  events: PriceEvent[];
}

export const PriceChart = forwardRef<PriceChartHandle, Props>(function PriceChart({ bars, events = NO_EVENTS, type, intraday = false, indicators, enabled, lastPrice, label, markers = NO_MARKERS }, ref) {
  const { m, lang } = useMessages();
  const containerRef = useRef<HTMLDivElement>(null);
  const libRef = useRef<ChartLib | null>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const candleRef = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const volumeRef = useRef<ISeriesApi<"Histogram"> | null>(null);
  const markersRef = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const lastLineRef = useRef<IPriceLine | null>(null);
  const byBar = useMemo(() => eventsByBar(bars, events), [bars, events]);
  const byBarRef = useRef(byBar);
  const byTimestamp = useMemo(() => new Map(bars.flatMap((b) => (b.time.length > 10 ? [[chartTime(b.time) as number, b.time] as const] : []))), [bars]);
  const byTimestampRef = useRef(byTimestamp);
  const intradayRef = useRef(intraday);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const indicatorSeries = useRef<Array<ISeriesApi<SeriesType>>>([]);
  const lastBarRef = useRef<PriceBar | undefined>(undefined);
  const typeRef = useRef(type);
  const [ready, setReady] = useState(false);
  const dark = useIsDark();

  useEffect(() => {
    typeRef.current = type;
  }, [type]);

  useEffect(() => {
    byBarRef.current = byBar;
    byTimestampRef.current = byTimestamp;
  }, [byBar, byTimestamp]);

  // 5-minute bars: show the time of day, in New York market time whatever the viewer's zone.
  useEffect(() => {
    intradayRef.current = intraday;
    if (!ready || !chartRef.current) return;
    chartRef.current.applyOptions({
      timeScale: {
        timeVisible: intraday,
        secondsVisible: false,
        tickMarkFormatter: intraday
          ? (time: Time, tickType: number) => (typeof time === "number" ? marketTimeLabel(time, lang, tickType <= 2 ? "day" : "time") : null)
          : undefined,
      },
      localization: { timeFormatter: intraday ? (time: Time) => (typeof time === "number" ? marketTimeLabel(time, lang, "both") : String(time)) : undefined },
    });
  }, [intraday, lang, ready]);

  // Create the chart once.
  useEffect(() => {
    let disposed = false;
    void import("lightweight-charts").then((lib) => {
      if (disposed || !containerRef.current) return;
      libRef.current = lib;
      const chart = lib.createChart(containerRef.current, {
        autoSize: true,
        layout: { attributionLogo: false, fontSize: 11 },
        rightPriceScale: { borderVisible: false },
        timeScale: { borderVisible: false },
      });
      const candles = chart.addSeries(lib.CandlestickSeries, {
        upColor: UP,
        downColor: DOWN,
        wickUpColor: UP,
        wickDownColor: DOWN,
        borderVisible: false,
        priceLineVisible: false,
      });
      candleRef.current = candles;
      markersRef.current = lib.createSeriesMarkers(candles, []);
      chart.subscribeCrosshairMove((param: MouseEventParams<Time>) => {
        const time = barTime(param.time, byTimestampRef.current);
        const on = time === undefined ? undefined : byBarRef.current.get(time);
        setHovered((prev) => {
          if (!on || !param.point || time === undefined) return null;
          return prev?.time === time ? prev : { time, x: param.point.x, events: on };
        });
      });
      const volume = chart.addSeries(lib.HistogramSeries, { priceFormat: { type: "volume" }, priceScaleId: "volume", lastValueVisible: false, priceLineVisible: false });
      volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      volumeRef.current = volume;
      chartRef.current = chart;
      setReady(true);
    });
    return () => {
      disposed = true;
      chartRef.current?.remove();
      chartRef.current = null;
      candleRef.current = null;
      volumeRef.current = null;
      markersRef.current = null;
      lastLineRef.current = null;
      indicatorSeries.current = [];
    };
  }, []);

  // Theme.
  useEffect(() => {
    if (!ready || !chartRef.current) return;
    const text = dark ? "#cbd5e1" : "#334155";
    const grid = dark ? "#1e293b" : "#eef2f7";
    chartRef.current.applyOptions({
      layout: { background: { color: "transparent" }, textColor: text },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    });
  }, [dark, ready]);

  // Price data.
  useEffect(() => {
    if (!ready || !candleRef.current || !volumeRef.current) return;
    candleRef.current.setData(toCandles(bars));
    volumeRef.current.setData(toVolumes(bars, `${UP}80`, `${DOWN}80`));
    lastBarRef.current = bars[bars.length - 1];
    chartRef.current?.timeScale().fitContent();
  }, [bars, ready]);

  // The last-price line: the stock's one last price (header = line = live badge), not the last candle's own close.
  useEffect(() => {
    const candles = candleRef.current;
    if (!ready || !candles) return;
    if (lastPrice == null) {
      if (lastLineRef.current) candles.removePriceLine(lastLineRef.current);
      lastLineRef.current = null;
    } else if (lastLineRef.current) {
      lastLineRef.current.applyOptions({ price: lastPrice });
    } else {
      lastLineRef.current = candles.createPriceLine({ price: lastPrice, color: LAST_PRICE_COLOR, lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: "" });
    }
  }, [lastPrice, ready]);

  // Split and dividend markers, on the bar each falls on, and the extra ones.
  useEffect(() => {
    if (!ready) return;
    markersRef.current?.setMarkers(mergeMarkers(toEventMarkers(byBar, EVENT_COLORS), markers));
  }, [byBar, markers, ready]);

  // Indicators: rebuilt only when the data or the selection changes.
  useEffect(() => {
    const chart = chartRef.current;
    const lib = libRef.current;
    if (!ready || !chart || !lib) return;
    for (const s of indicatorSeries.current) chart.removeSeries(s);
    indicatorSeries.current = [];
    for (let i = chart.panes().length - 1; i >= 1; i -= 1) chart.removePane(i);
    if (!indicators) {
      chart.timeScale().fitContent();
      return;
    }
    const { dates, indicators: ind } = indicators;
    const line = (data: ReturnType<typeof toLine>, color: string, pane: number, width: 1 | 2 = 2) => {
      const s = chart.addSeries(lib.LineSeries, { color, lineWidth: width, priceLineVisible: false, lastValueVisible: pane > 0, crosshairMarkerVisible: false }, pane);
      s.setData(data);
      indicatorSeries.current.push(s);
    };
    if (enabled.has("sma") && ind.sma) line(toLine(dates, ind.sma.sma), LINE_COLORS.sma, 0);
    if (enabled.has("ema") && ind.ema) line(toLine(dates, ind.ema.ema), LINE_COLORS.ema, 0);
    if (enabled.has("bbands") && ind.bbands) {
      line(toLine(dates, ind.bbands.upper), LINE_COLORS.bb, 0, 1);
      line(toLine(dates, ind.bbands.middle), LINE_COLORS.bb, 0, 1);
      line(toLine(dates, ind.bbands.lower), LINE_COLORS.bb, 0, 1);
    }
    let pane = 1;
    if (enabled.has("rsi") && ind.rsi) {
      line(toLine(dates, ind.rsi.rsi), LINE_COLORS.a, pane);
      pane += 1;
    }
    if (enabled.has("macd") && ind.macd) {
      const hist = chart.addSeries(lib.HistogramSeries, { color: LINE_COLORS.hist, priceLineVisible: false, lastValueVisible: false }, pane);
      hist.setData(toLine(dates, ind.macd.hist).map((p) => ({ ...p, color: p.value >= 0 ? `${UP}99` : `${DOWN}99` })));
      indicatorSeries.current.push(hist);
      line(toLine(dates, ind.macd.macd), LINE_COLORS.a, pane);
      line(toLine(dates, ind.macd.signal), LINE_COLORS.b, pane);
      pane += 1;
    }
    if (enabled.has("stoch") && ind.stoch) {
      line(toLine(dates, ind.stoch.k), LINE_COLORS.a, pane);
      line(toLine(dates, ind.stoch.d), LINE_COLORS.b, pane);
      pane += 1;
    }
    if (enabled.has("obv") && ind.obv) {
      line(toLine(dates, ind.obv.obv), LINE_COLORS.a, pane);
      pane += 1;
    }
    if (enabled.has("atr") && ind.atr) {
      line(toLine(dates, ind.atr.atr), LINE_COLORS.a, pane);
      pane += 1;
    }
    const panes = chart.panes();
    panes[0]?.setStretchFactor(3);
    chart.timeScale().fitContent();
  }, [indicators, enabled, ready]);

  useImperativeHandle(
    ref,
    () => ({
      applyLiveUpdate(update) {
        const bar = intradayRef.current ? mergeLiveIntraday(lastBarRef.current, update) : mergeLiveUpdate(lastBarRef.current, update, typeRef.current);
        if (!bar || !candleRef.current || !volumeRef.current) return;
        const time = chartTime(bar.time);
        candleRef.current.update({ time, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
        volumeRef.current.update({ time, value: bar.volume, color: bar.close >= bar.open ? `${UP}80` : `${DOWN}80` });
        lastBarRef.current = bar;
      },
    }),
    [],
  );

  const paneCount = [...enabled].filter((n) => n === "rsi" || n === "macd" || n === "stoch" || n === "obv" || n === "atr").length;
  return (
    <div className="relative w-full min-w-0">
      <div
        ref={containerRef}
        role="img"
        aria-label={label}
        data-testid="price-chart"
        data-ready={ready ? "true" : "false"}
        data-last-price={lastPrice ?? undefined}
        className="w-full min-w-0"
        style={{ height: 360 + paneCount * 110 }}
      />
      {hovered && (
        <div
          role="tooltip"
          data-testid="event-tooltip"
          className="pointer-events-none absolute top-2 z-10 -translate-x-1/2 rounded-md border border-line bg-surface px-2 py-1 text-xs shadow"
          style={{ left: hovered.x }}
        >
          {hovered.events.map((e) => (
            <div key={`${e.kind}-${e.date}`}>
              <strong>{e.kind === "split" ? m.stock.adjust.splitEvent : m.stock.adjust.dividendEvent}</strong> {e.label} <span className="text-muted">{e.date}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
