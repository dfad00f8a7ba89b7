/** Pure transforms from API shapes to lightweight-charts series data (unit-tested). */
import type { Indicators, PriceBar, PriceEvent, PriceUpdate } from "../schemas";

export interface TimeValue {
  time: string;
  value: number;
}

export function toCandles(bars: PriceBar[]) {
  return bars.map((b) => ({ time: b.time, open: b.open, high: b.high, low: b.low, close: b.close }));
}

export function toVolumes(bars: PriceBar[], up: string, down: string) {
  return bars.map((b) => ({ time: b.time, value: b.volume, color: b.close >= b.open ? up : down }));
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
  time: string;
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
      markers.push({ time, position: "aboveBar", shape: "arrowDown", color: colors.split, text: splits.map((e) => e.label).join(" "), id: `split-${time}` });
    }
    if (events.some((e) => e.kind === "dividend")) {
      markers.push({ time, position: "belowBar", shape: "circle", color: colors.dividend, text: "", id: `dividend-${time}` });
    }
  }
  return markers;
}
