/** Pure transforms from API shapes to lightweight-charts series data (unit-tested). */
import type { Time, UTCTimestamp } from "lightweight-charts";
import { MARKET_TIME_ZONE } from "@/i18n/format";
import type { IndicatorName, Indicators, PriceBar, PriceEvent, PriceUpdate } from "../schemas";

const INTRADAY_SECONDS = 5 * 60;

/**
 * A bar's time as lightweight-charts takes it: a date (YYYY-MM-DD) stays a business day; a 5-minute bar's ISO
 * datetime with offset becomes its UTC timestamp in seconds (the chart then labels it with `marketTimeLabel`).
 */
export function chartTime(time: string): Time {
  return time.length > 10 ? (Math.floor(Date.parse(time) / 1000) as UTCTimestamp) : time;
}

/** A UTC timestamp (seconds) as New York market time: "10:35", or with the day ("11/24 10:35", "Nov 24"). */
export function marketTimeLabel(timestamp: number, lang: string, part: "time" | "day" | "both"): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: MARKET_TIME_ZONE };
  if (part !== "day") Object.assign(options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  if (part !== "time") Object.assign(options, { month: "short", day: "numeric" });
  return new Intl.DateTimeFormat(lang, options).format(new Date(timestamp * 1000));
}

/**
 * Merges a live price into the last 5-minute bar when it falls inside it; ticks of other bars return null (the
 * chart refetches the stored bars instead, and the tick's volume is the day's total, not the bar's).
 */
export function mergeLiveIntraday(last: PriceBar | undefined, update: PriceUpdate): PriceBar | null {
  if (!last || !update.timestamp || last.time.length <= 10) return null;
  const start = Date.parse(last.time) / 1000;
  const at = Date.parse(update.timestamp) / 1000;
  if (at < start || at >= start + INTRADAY_SECONDS) return null;
  return { ...last, high: Math.max(last.high, update.price), low: Math.min(last.low, update.price), close: update.price };
}

export interface TimeValue {
  time: string;
  value: number;
}

export function toCandles(bars: PriceBar[]) {
  return bars.map((b) => ({ time: chartTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close }));
}

export function toVolumes(bars: PriceBar[], up: string, down: string) {
  return bars.map((b) => ({ time: chartTime(b.time), value: b.volume, color: b.close >= b.open ? up : down }));
}

/** Zips an indicator output with `dates`, dropping warm-up nulls. */
export function toLine(dates: string[], values: Array<number | null> | undefined): TimeValue[] {
  if (!values) return [];
  const out: TimeValue[] = [];
  for (let i = 0; i < dates.length; i += 1) {
    const v = values[i];
    const t = dates[i];
    if (t !== undefined && v !== null && v !== undefined && Number.isFinite(v)) out.push({ time: t.slice(0, 10), value: v });
  }
  return out;
}

export type IndicatorOutputs = Indicators["indicators"];

/**
 * Merges a live price into the last bar, or starts a new daily bar when the update is for a later day.
 * Returns null when the update is older than the last bar.
 */
export function mergeLiveUpdate(last: PriceBar | undefined, update: PriceUpdate, type: "daily" | "weekly"): PriceBar | null {
  // The session the server names, else the UTC day of the timestamp (servers before the `session` field).
  const day = update.session ?? (update.timestamp ?? new Date().toISOString()).slice(0, 10);
  if (!last) return { time: day, open: update.price, high: update.price, low: update.price, close: update.price, volume: update.volume ?? 0 };
  if (day < last.time) return null;
  const sameBar = day === last.time || type === "weekly";
  if (sameBar) {
    return {
      ...last,
      high: Math.max(last.high, update.price),
      low: Math.min(last.low, update.price),
      close: update.price,
      volume: update.volume ?? last.volume,
    };
  }
  return { time: day, open: update.price, high: update.price, low: update.price, close: update.price, volume: update.volume ?? 0 };
}

export interface EventMarker {
  time: Time;
  position: "aboveBar" | "belowBar";
  shape: "arrowDown" | "circle";
  color: string;
  text: string;
  id: string;
}

/**
 * The bar each event sits on: the first bar dated on or after its ex-date (the weekly bar of its week), as the
 * API places it; events after the newest bar are left out.
 */
export function eventsByBar(bars: PriceBar[], events: PriceEvent[]): Map<string, PriceEvent[]> {
  const out = new Map<string, PriceEvent[]>();
  let i = 0;
  for (const event of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    while (i < bars.length && bars[i]!.time < event.date) i += 1;
    const bar = bars[i];
    if (!bar) break;
    out.set(bar.time, [...(out.get(bar.time) ?? []), event]);
  }
  return out;
}

/** Markers for lightweight-charts: splits above the bar with their ratio, dividends as a dot below it. */
export function toEventMarkers(byBar: Map<string, PriceEvent[]>, colors: { split: string; dividend: string }): EventMarker[] {
  const markers: EventMarker[] = [];
  for (const [time, events] of byBar) {
    const splits = events.filter((e) => e.kind === "split");
    if (splits.length > 0) {
      markers.push({ time: chartTime(time), position: "aboveBar", shape: "arrowDown", color: colors.split, text: splits.map((e) => e.label).join(" "), id: `split-${time}` });
    }
    if (events.some((e) => e.kind === "dividend")) {
      markers.push({ time: chartTime(time), position: "belowBar", shape: "circle", color: colors.dividend, text: "", id: `dividend-${time}` });
    }
  }
  return markers;
}

/** One drawn indicator series: which toggle it belongs to, its values (aligned with the indicator dates) and look. */
export interface IndicatorLine {
  key: "sma" | "ema" | "bbUpper" | "bbMiddle" | "bbLower" | "rsi" | "macd" | "macdSignal" | "macdHist" | "stochK" | "stochD" | "obv" | "atr";
  name: IndicatorName;
  values: Array<number | null>;
  kind: "line" | "histogram";
  width: 1 | 2;
  color: "sma" | "ema" | "bb" | "a" | "b" | "hist";
}

/** The indicator series to draw for the enabled toggles, overlays first, then one pane per indicator in order. */
export function indicatorLines(ind: IndicatorOutputs, enabled: ReadonlySet<IndicatorName>): IndicatorLine[] {
  const out: IndicatorLine[] = [];
  const add = (name: IndicatorName, key: IndicatorLine["key"], values: Array<number | null> | undefined, color: IndicatorLine["color"], width: 1 | 2 = 2, kind: IndicatorLine["kind"] = "line") => {
    if (values) out.push({ key, name, values, kind, width, color });
  };
  if (enabled.has("sma") && ind.sma) add("sma", "sma", ind.sma.sma, "sma");
  if (enabled.has("ema") && ind.ema) add("ema", "ema", ind.ema.ema, "ema");
  if (enabled.has("bbands") && ind.bbands) {
    add("bbands", "bbUpper", ind.bbands.upper, "bb", 1);
    add("bbands", "bbMiddle", ind.bbands.middle, "bb", 1);
    add("bbands", "bbLower", ind.bbands.lower, "bb", 1);
  }
  if (enabled.has("rsi") && ind.rsi) add("rsi", "rsi", ind.rsi.rsi, "a");
  if (enabled.has("macd") && ind.macd) {
    add("macd", "macdHist", ind.macd.hist, "hist", 1, "histogram");
    add("macd", "macd", ind.macd.macd, "a");
    add("macd", "macdSignal", ind.macd.signal, "b");
  }
  if (enabled.has("stoch") && ind.stoch) {
    add("stoch", "stochK", ind.stoch.k, "a");
    add("stoch", "stochD", ind.stoch.d, "b");
  }
  if (enabled.has("obv") && ind.obv) add("obv", "obv", ind.obv.obv, "a");
  if (enabled.has("atr") && ind.atr) add("atr", "atr", ind.atr.atr, "a");
  return out;
}

/** Overbought/oversold guides drawn on an indicator's pane: RSI 30/70, Stochastic 20/80. */
export const GUIDES: Partial<Record<IndicatorName, readonly number[]>> = { rsi: [30, 70], stoch: [20, 80] };

/** The bar at `time` (or the last bar) and each indicator line's value on that bar's day. */
export function legendAt(bars: PriceBar[], time: string | undefined, dates: string[] | undefined, lines: IndicatorLine[]) {
  const bar = time === undefined ? bars[bars.length - 1] : bars.find((b) => b.time === time);
  if (!bar) return null;
  const day = bar.time.slice(0, 10);
  const i = dates ? dates.findIndex((d) => d.slice(0, 10) === day) : -1;
  return { bar, values: lines.map((l) => ({ key: l.key, name: l.name, color: l.color, value: i < 0 ? null : (l.values[i] ?? null) })) };
}
