"use client";
/** Candlestick patterns seen on the newest bars: what each means and how the stock did after it, beside the base rate. */
import { useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatFraction, formatNumber } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Badge, Card, EmptyState, ScrollBox, Skeleton } from "@/components/ui";
import type { Patterns } from "./pattern-markers";
import { horizonLabel } from "./signals-panel";

type Direction = "bullish" | "bearish" | "neutral";
const TONES = { bullish: "up", bearish: "down", neutral: "neutral" } as const;
/** Items shown before "show all": shapes such as spinning tops and long lines occur on most bars. */
export const FIRST_PATTERNS = 6;

/** Patterns with an occurrence in `recent`, newest first, each with the directions and dates seen recently. */
export function recentPatterns(data: Patterns) {
  const seen = new Map<string, { directions: Set<Direction>; dates: string[] }>();
  for (const r of [...data.recent].reverse()) {
    const entry = seen.get(r.pattern) ?? { directions: new Set<Direction>(), dates: [] };
    entry.directions.add(r.direction);
    entry.dates.push(r.date);
    seen.set(r.pattern, entry);
  }
  const byName = new Map<string, Patterns["patterns"][number]>(data.patterns.map((p) => [p.name, p]));
  return [...seen.entries()].flatMap(([name, recent]) => {
    const pattern = byName.get(name);
    return pattern ? [{ pattern, directions: [...recent.directions], dates: recent.dates }] : [];
  });
}

export function PatternsPanel({ query }: { query: UseQueryResult<Patterns> }) {
  const { m, lang } = useMessages();
  const [all, setAll] = useState(false);
  if (query.isPending) return <Skeleton className="h-48 w-full" label={m.common.loading} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const items = recentPatterns(data);
  const shown = all ? items : items.slice(0, FIRST_PATTERNS);
  return (
    <Card title={m.patterns.title} titleId="patterns-title">
      {items.length === 0 ? (
        <EmptyState>{fmt(m.patterns.none, { n: data.recent_bars })}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="pattern-list">
          {shown.map(({ pattern, directions, dates }) => (
            <li key={pattern.name} className="rounded-md border border-line p-3">
              <div className="mb-1 flex flex-wrap items-center gap-2">
                <span className="font-semibold">{pattern.label[lang]}</span>
                {directions.map((d) => (
                  <Badge key={d} tone={TONES[d]}>{m.patterns[d]}</Badge>
                ))}
                <span className="text-xs text-muted">
                  {m.patterns.occurred}: {dates.slice(0, 3).join(", ")} · {fmt(m.patterns.occurrences, { n: pattern.occurrences })}
                </span>
              </div>
              <p className="text-sm">{pattern.meaning[lang]}</p>
              <details className="mt-2 text-xs">
                <summary className="cursor-pointer text-muted">{m.stock.trackRecord}</summary>
                <ScrollBox label={m.stock.trackRecord} className="mt-1">
                <table className="w-full min-w-[320px]">
                  <thead>
                    <tr className="text-left text-muted">
                      <th scope="col" className="pr-2 font-normal">{m.patterns.horizon}</th>
                      <th scope="col" className="pr-2 font-normal" />
                      <th scope="col" className="pr-2 text-right font-normal">{m.patterns.events}</th>
                      <th scope="col" className="pr-2 text-right font-normal">{m.patterns.meanReturn}</th>
                      <th scope="col" className="pr-2 text-right font-normal">{m.patterns.hitRate}</th>
                      <th scope="col" className="text-right font-normal">{m.patterns.baseRate}</th>
                    </tr>
                  </thead>
                  <tbody className="tabular-nums">
                    {directions.flatMap((d) =>
                      data.horizons.map((h) => {
                        const r = pattern.record[d]?.horizons[h];
                        return (
                          <tr key={`${d}-${h}`}>
                            <td className="pr-2">{horizonLabel(m, h)}</td>
                            <td className="pr-2">{m.patterns[d]}</td>
                            <td className="pr-2 text-right">{formatNumber(lang, r?.events ?? 0, 0)}</td>
                            <td className="pr-2 text-right">{formatFraction(lang, r?.mean_return, true)}</td>
                            <td className="pr-2 text-right">{formatFraction(lang, r?.hit_rate)}</td>
                            <td className="text-right">{formatFraction(lang, data.base_rate[h]?.mean_return, true)}</td>
                          </tr>
                        );
                      }),
                    )}
                  </tbody>
                </table>
                </ScrollBox>
              </details>
            </li>
          ))}
        </ul>
      )}
      {items.length > FIRST_PATTERNS && (
        <button type="button" onClick={() => setAll((v) => !v)} className="mt-2 text-xs font-semibold text-accent underline-offset-2 hover:underline">
          {all ? m.patterns.showFewer : fmt(m.patterns.showAll, { n: items.length })}
        </button>
      )}
      <p className="mt-2 text-xs text-muted">{m.patterns.note}</p>
    </Card>
  );
}
