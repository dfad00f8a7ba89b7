/** Candlestick-pattern occurrences as chart markers (pure, unit-tested), merged with the split and dividend marks. */
import type { Time } from "lightweight-charts";
import type { z } from "zod";
import type { zPatternsResponse } from "@/api";
import type { Lang } from "@/i18n/format";

export type Patterns = z.infer<typeof zPatternsResponse>;

export interface ChartMarker {
  time: string;
  position: "aboveBar" | "belowBar";
  shape: "arrowUp" | "arrowDown" | "circle";
  color: string;
  text: string;
  id: string;
}

export const PATTERN_COLORS = { bullish: "#16a34a", bearish: "#dc2626" } as const;

/**
 * One marker per bar and direction: bullish below the bar (arrow up), bearish above (arrow down); the text names
 * the patterns in `lang`. Neutral shapes (doji, spinning top, long line...) appear on most bars and would bury the
 * candles, so they are listed in the panel but not marked; occurrences on dates the chart does not show are dropped.
 */
export function toPatternMarkers(patterns: Patterns, barTimes: ReadonlySet<string>, lang: Lang): ChartMarker[] {
  const labels = new Map<string, string>(patterns.patterns.map((p) => [p.name, p.label[lang]]));
  const grouped = new Map<string, { time: string; direction: "bullish" | "bearish"; names: string[] }>();
  for (const r of patterns.recent) {
    if (r.direction === "neutral" || !barTimes.has(r.date)) continue;
    const key = `${r.date}-${r.direction}`;
    const entry = grouped.get(key) ?? { time: r.date, direction: r.direction, names: [] };
    entry.names.push(labels.get(r.pattern) ?? r.pattern);
    grouped.set(key, entry);
  }
  return [...grouped.values()].map(({ time, direction, names }) => ({
    time,
    position: direction === "bullish" ? "belowBar" : "aboveBar",
    shape: direction === "bullish" ? "arrowUp" : "arrowDown",
    color: PATTERN_COLORS[direction],
    text: names.join(", "),
    id: `pattern-${direction}-${time}`,
  }));
}

/** lightweight-charts wants markers in time order: dates ("YYYY-MM-DD") on daily charts, UTC seconds on 5-minute ones. */
export function mergeMarkers<A extends { time: Time }, B extends { time: Time }>(first: A[], second: B[]): Array<A | B> {
  const key = (time: Time) => (typeof time === "number" ? time : typeof time === "string" ? Date.parse(time) / 1000 : Date.UTC(time.year, time.month - 1, time.day) / 1000);
  return [...first, ...second].sort((a, b) => key(a.time) - key(b.time));
}
