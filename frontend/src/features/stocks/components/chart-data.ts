/** Pure transforms from API shapes to lightweight-charts series data (unit-tested). */
import type { Indicators, PriceBar, PriceUpdate } from "../schemas";

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
  const day = (update.timestamp ?? new Date().toISOString()).slice(0, 10);
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
