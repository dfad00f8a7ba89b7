/** Candlestick-pattern occurrences as chart markers (pure, unit-tested), merged with the split and dividend marks. */
import type { z } from "zod";
import type { zPatternsResponse } from "@/api";
import type { Lang } from "@/i18n/format";

export type Patterns = z.infer<typeof zPatternsResponse>;

export interface ChartMarker {
  time: string;
  position: "aboveBar" | "belowBar";
  shape: "arrowUp" | "arrowDown" | "circle" | "square";
  color: string;
  text: string;
  id: string;
}

export const PATTERN_COLORS = { bullish: "#16a34a", bearish: "#dc2626", neutral: "#64748b" } as const;

/**
 * One marker per bar and direction: bullish below the bar (arrow up), bearish above (arrow down), neutral as a
 * square above; the text names the patterns in `lang`. Occurrences on dates the chart does not show are dropped.
 */
export function toPatternMarkers(patterns: Patterns, barTimes: ReadonlySet<string>, lang: Lang): ChartMarker[] {
  const labels = new Map<string, string>(patterns.patterns.map((p) => [p.name, p.label[lang]]));
  const grouped = new Map<string, { time: string; direction: keyof typeof PATTERN_COLORS; names: string[] }>();
  for (const r of patterns.recent) {
    if (!barTimes.has(r.date)) continue;
    const key = `${r.date}-${r.direction}`;
    const entry = grouped.get(key) ?? { time: r.date, direction: r.direction, names: [] };
    entry.names.push(labels.get(r.pattern) ?? r.pattern);
    grouped.set(key, entry);
  }
  return [...grouped.values()].map(({ time, direction, names }) => ({
    time,
    position: direction === "bullish" ? "belowBar" : "aboveBar",
    shape: direction === "bullish" ? "arrowUp" : direction === "bearish" ? "arrowDown" : "square",
    color: PATTERN_COLORS[direction],
    text: names.join(", "),
    id: `pattern-${direction}-${time}`,
  }));
}

/** lightweight-charts wants markers in time order. */
export function mergeMarkers<A extends { time: string }, B extends { time: string }>(first: A[], second: B[]): Array<A | B> {
  return [...first, ...second].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
