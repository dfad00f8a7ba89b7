"use client";
/**
 * Candlestick + volume chart with indicator overlays (pane 0) and indicator panes (1..n).
 * The chart is created once; data changes go to the series with setData, live ticks with update,
 * so React never re-renders the canvas.
 */
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import type { IChartApi, IPriceLine, ISeriesApi, ISeriesMarkersPluginApi, MouseEventParams, SeriesType, Time } from "lightweight-charts";
import { axisFormatter, formatDay, formatFixed, formatLarge, formatMarketTime, localeOf } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { useIsDark } from "@/lib/use-is-dark";
import { PANES, type IndicatorName, type Indicators, type PriceBar, type PriceEvent, type PriceUpdate } from "../schemas";
import { GUIDES, chartTime, eventsByBar, indicatorLines, legendAt, marketTimeLabel, mergeLiveIntraday, mergeLiveUpdate, toCandles, toEventMarkers, toLine, toVolumes } from "./chart-data";
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
const GUIDE_COLOR = "#94a3b8";
/** Pane 0: candles and overlays; pane 1: volume on its own scale; then one pane per indicator. */
const VOLUME_PANE = 1;
const PRICE_HEIGHT = 300;
const VOLUME_HEIGHT = 90;
const INDICATOR_HEIGHT = 110;

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

/** A pane's title and where its top is, in pixels from the top of the chart. */
interface PaneTitle {
  key: IndicatorName | "volume";
  top: number;
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
  // The bar under the crosshair (its time as the bars carry it), or none: the legend then shows the last bar.
  const [crosshairTime, setCrosshairTime] = useState<string | undefined>(undefined);
  const [paneTitles, setPaneTitles] = useState<PaneTitle[]>([]);
  const placeTitlesRef = useRef<() => void>(() => {});
  const [guides, setGuides] = useState("");
  // Whether the fitted view starts at the first bar (MAX must show the whole stored history).
  const [fitsAll, setFitsAll] = useState(false);
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

  // The axis in the chosen language; 5-minute bars show the time of day in New York market time (ET) whatever the
  // viewer's zone (the legend adds the viewer's own time).
  useEffect(() => {
    intradayRef.current = intraday;
    if (!ready || !chartRef.current) return;
    const locale = localeOf(lang);
    chartRef.current.applyOptions({
      timeScale: {
        timeVisible: intraday,
        secondsVisible: false,
        tickMarkFormatter: intraday
          ? (time: Time, tickType: number) => (typeof time === "number" ? marketTimeLabel(time, locale, tickType <= 2 ? "day" : "time") : null)
          : undefined,
      },
      localization: {
        locale,
        timeFormatter: (time: Time) => {
          if (typeof time === "number") return `${marketTimeLabel(time, locale, "both")} ET`;
          const day = barTime(time, byTimestampRef.current);
          return day === undefined ? "" : formatDay(lang, day);
        },
      },
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
        rightPriceScale: { borderVisible: false, minimumWidth: 64 },
        // MAX draws every stored bar: fitContent may squeeze decades of bars below the default 0.5 px spacing.
        timeScale: { borderVisible: false, minBarSpacing: 0.05 },
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
        setCrosshairTime(param.point ? time : undefined);
      });
      const volume = chart.addSeries(lib.HistogramSeries, { priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false }, VOLUME_PANE);
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
    // Volume's axis in one unit for the whole series (1.2억, not 120000000).
    const tick = axisFormatter(lang, bars.map((b) => b.volume), 0);
    volumeRef.current.applyOptions({ priceFormat: { type: "custom", formatter: tick, minMove: 1 } });
    lastBarRef.current = bars[bars.length - 1];
    const timeScale = chartRef.current?.timeScale();
    timeScale?.fitContent();
    const frame = requestAnimationFrame(() => setFitsAll((timeScale?.getVisibleLogicalRange()?.from ?? 1) <= 0));
    return () => cancelAnimationFrame(frame);
  }, [bars, lang, ready]);

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

  // Indicators: rebuilt only when the data, the selection or the language changes. 5-minute charts show none:
  // the indicators are daily and would not line up with the intraday bars.
  const lines = useMemo(() => (indicators && !intraday ? indicatorLines(indicators.indicators, enabled) : []), [indicators, enabled, intraday]);
  useEffect(() => {
    const chart = chartRef.current;
    const lib = libRef.current;
    if (!ready || !chart || !lib) return;
    for (const s of indicatorSeries.current) chart.removeSeries(s);
    indicatorSeries.current = [];
    for (let i = chart.panes().length - 1; i > VOLUME_PANE; i -= 1) chart.removePane(i);
    const dates = indicators?.dates ?? [];
    const paneOf = new Map<IndicatorName, number>();
    const drawn: string[] = [];
    for (const l of lines) {
      const overlay = !PANES.includes(l.name);
      if (!overlay && !paneOf.has(l.name)) paneOf.set(l.name, VOLUME_PANE + 1 + paneOf.size);
      const pane = overlay ? 0 : paneOf.get(l.name)!;
      const data = toLine(dates, l.values);
      // OBV's axis in one unit (341.0억, not 34104350031.00); the others are plain numbers.
      const priceFormat = l.name === "obv" ? { type: "custom" as const, formatter: axisFormatter(lang, l.values), minMove: 1 } : undefined;
      const series =
        l.kind === "histogram"
          ? chart.addSeries(lib.HistogramSeries, { color: LINE_COLORS.hist, priceLineVisible: false, lastValueVisible: false }, pane)
          : chart.addSeries(lib.LineSeries, { color: LINE_COLORS[l.color], lineWidth: l.width, priceLineVisible: false, lastValueVisible: !overlay, crosshairMarkerVisible: false, priceFormat }, pane);
      series.setData(l.kind === "histogram" ? data.map((p) => ({ ...p, color: p.value >= 0 ? `${UP}99` : `${DOWN}99` })) : data);
      const levels = GUIDES[l.name];
      if (levels && !drawn.some((g) => g.startsWith(`${l.name}:`))) {
        for (const price of levels) series.createPriceLine({ price, color: GUIDE_COLOR, lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: "" });
        drawn.push(`${l.name}:${levels.join(",")}`);
      }
      indicatorSeries.current.push(series);
    }
    const panes = chart.panes();
    panes[0]?.setStretchFactor(PRICE_HEIGHT);
    panes[VOLUME_PANE]?.setStretchFactor(VOLUME_HEIGHT);
    for (let i = VOLUME_PANE + 1; i < panes.length; i += 1) panes[i]?.setStretchFactor(INDICATOR_HEIGHT);
    setGuides(drawn.join(";"));
    chart.timeScale().fitContent();
    // Titles sit at the top of their panes, placed again whenever the chart lays its panes out anew (the container
    // grows with the pane count, and the chart follows it on its own resize).
    const order: PaneTitle["key"][] = ["volume", ...paneOf.keys()];
    placeTitlesRef.current = () => {
      const heights = chart.panes().map((p) => p.getHeight());
      const tops = heights.map((_, i) => heights.slice(0, i).reduce((sum, h) => sum + h + 1, 0));
      setPaneTitles(order.map((key, i) => ({ key, top: tops[VOLUME_PANE + i] ?? 0 })));
    };
    const frame = requestAnimationFrame(() => placeTitlesRef.current());
    return () => cancelAnimationFrame(frame);
  }, [lines, indicators, lang, ready]);

  useEffect(() => {
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      // Two frames: the chart resizes its panes on the frame after it sees the new size.
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => placeTitlesRef.current())));
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  const legend = useMemo(() => legendAt(bars, crosshairTime, indicators?.dates, lines), [bars, crosshairTime, indicators, lines]);
  // An indicator's parameters as the API computed it with ("RSI(14)"), not as assumed here.
  const params = (name: IndicatorName) => {
    const values = Object.values((indicators?.indicators[name] as { params?: Record<string, unknown> } | undefined)?.params ?? {});
    return values.length > 0 ? `(${values.join(", ")})` : "";
  };
  const paneTitle = (name: IndicatorName) => {
    const levels = GUIDES[name];
    return `${m.stock.paneTitles[name as keyof typeof m.stock.paneTitles]}${name === "obv" ? "" : params(name)}${levels ? ` · ${levels.join("/")}` : ""}`;
  };
  const WITH_PARAMS = new Set(["sma", "ema", "rsi"]);

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

  const paneCount = new Set(lines.filter((l) => PANES.includes(l.name)).map((l) => l.name)).size;
  const price = (v: number) => formatFixed(lang, v, 2);
  const legendTime = legend ? (legend.bar.time.length > 10 ? formatMarketTime(lang, legend.bar.time, m.common.marketTime) : formatDay(lang, legend.bar.time)) : "";
  return (
    <div className="relative w-full min-w-0">
      {legend && (
        <div data-testid="chart-legend" data-time={legend.bar.time} aria-label={m.stock.legend.label} role="group" className="mb-1 flex min-h-10 flex-wrap items-baseline gap-x-3 gap-y-0.5 text-xs tabular-nums">
          <span className="font-semibold">{legendTime}</span>
          {(["open", "high", "low", "close"] as const).map((k) => (
            <span key={k}>
              <span className="text-muted">{m.stock.legend[k]}</span> {price(legend.bar[k])}
            </span>
          ))}
          <span>
            <span className="text-muted">{m.stock.legend.volume}</span> {formatLarge(lang, legend.bar.volume)}
          </span>
          {legend.values.map((v) => (
            <span key={v.key}>
              <span aria-hidden className="mr-1 inline-block size-2 rounded-sm" style={{ background: LINE_COLORS[v.color] }} />
              <span className="text-muted">{m.stock.legend[v.key]}{WITH_PARAMS.has(v.key) ? params(v.name) : ""}</span> {v.value === null ? "—" : v.name === "obv" ? formatLarge(lang, v.value) : formatFixed(lang, v.value, 2)}
            </span>
          ))}
        </div>
      )}
      <div className="relative w-full min-w-0" style={{ height: PRICE_HEIGHT + VOLUME_HEIGHT + paneCount * INDICATOR_HEIGHT }}>
        <div
          ref={containerRef}
          role="img"
          aria-label={label}
          data-testid="price-chart"
          data-ready={ready ? "true" : "false"}
          data-last-price={lastPrice ?? undefined}
          data-bars={bars.length}
          data-first={bars[0]?.time}
          data-fits-all={fitsAll ? "true" : "false"}
          data-guides={guides}
          className="absolute inset-0"
        />
        {paneTitles.map((p) => (
          <span key={p.key} data-testid={`pane-title-${p.key}`} className="pointer-events-none absolute left-1 z-10 rounded bg-surface/80 px-1 text-[11px] font-semibold text-muted" style={{ top: p.top + 2 }}>
            {p.key === "volume" ? m.stock.volume : paneTitle(p.key)}
          </span>
        ))}
      </div>
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
