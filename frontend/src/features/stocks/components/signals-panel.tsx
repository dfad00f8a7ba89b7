"use client";
/** Signals from the indicators endpoint: composite score, and per rule the stance, explanation and track record. */
import type { UseQueryResult } from "@tanstack/react-query";
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatFraction, formatNumber, labelOf } from "@/i18n/format";
import type { Messages } from "@/i18n/ko";
import { ErrorState } from "@/components/error-state";
import { Badge, Card, EmptyState, ScrollBox, Skeleton } from "@/components/ui";
import { zBacktestRuleEnum } from "@/api";
import type { Indicators, SignalRule, Stance } from "../schemas";
import type { BacktestRule } from "../api/get-backtest";
import { BacktestDetails } from "./backtest-details";

const DIRECTIONS = ["bullish", "bearish"] as const;

/** Track-record rows of one rule: per horizon (5d, 20d or 5w, 20w), one row per direction. */
function recordRows(rule: SignalRule) {
  return Object.entries(rule.track_record).flatMap(([horizon, record]) => DIRECTIONS.map((direction) => ({ horizon, direction, ...record[direction] })));
}

/** "5d" -> "5일" / "5 days", "20w" -> "20주" / "20 weeks"; another form is shown as sent. */
export function horizonLabel(m: Messages, horizon: string): string {
  const match = /^(\d+)([dw])$/.exec(horizon);
  return match ? fmt(m.stock.horizonUnits[match[2] as "d" | "w"], { n: match[1]! }) : horizon;
}

const isBacktestRule = (name: string): name is BacktestRule => zBacktestRuleEnum.safeParse(name).success;

const tone = (s: Stance) => (s === "buy" || s === "strong_buy" ? "up" : s === "sell" || s === "strong_sell" ? "down" : "neutral");

export function SignalsPanel({ query }: { query: UseQueryResult<Indicators> }) {
  const { m, lang } = useMessages();
  if (query.isPending) return <Skeleton className="h-48 w-full" label={m.common.loading} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { composite, rules } = query.data.signals;
  const { symbol } = query.data;
  const items = Object.entries(rules);
  return (
    <Card title={m.stock.signals} titleId="signals-title">
      {composite.score !== null && (
        <div className="mb-4" data-testid="composite">
          <div className="mb-1 flex items-center justify-between gap-2 text-sm">
            <span>{m.stock.composite}</span>
            <span className="font-semibold tabular-nums">
              {formatNumber(lang, composite.score, 2)} · {m.stock.stances[composite.stance]}
            </span>
          </div>
          <div
            role="meter"
            aria-label={m.stock.composite}
            aria-valuemin={-1}
            aria-valuemax={1}
            aria-valuenow={composite.score}
            className="relative h-2 rounded-full bg-gradient-to-r from-down via-subtle to-up"
          >
            <span className="absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-surface bg-fg" style={{ left: `${((composite.score + 1) / 2) * 100}%` }} />
          </div>
          <p className="mt-1 text-xs text-muted">{composite.explanation[lang]}</p>
          <BacktestDetails symbol={symbol} rule="composite" />
        </div>
      )}
      {items.length === 0 ? (
        <EmptyState>{m.stock.noSignals}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="signal-list">
          {items.map(([name, rule]) => {
            const records = recordRows(rule);
            const lastEvent = rule.recent_events.at(-1);
            return (
            <li key={name} className="rounded-md border border-line p-3">
              <div className="mb-1 flex flex-wrap items-center gap-2">
                <span className="font-semibold">{labelOf(m.stock.signalRules, name)}</span>
                <Badge tone={tone(rule.stance)}>{m.stock.stances[rule.stance]}</Badge>
                {rule.score !== null && <span className="text-xs tabular-nums text-muted">{formatNumber(lang, rule.score, 2)}</span>}
                {lastEvent && <span className="text-xs text-muted">{lastEvent.date}</span>}
              </div>
              <p className="text-sm">{rule.explanation[lang]}</p>
              {records.length > 0 && (
                <details className="mt-2 text-xs">
                  <summary className="cursor-pointer text-muted">{m.stock.trackRecord}</summary>
                  <p className="mt-1 text-muted">{m.stock.trackRecordNote}</p>
                  <ScrollBox label={m.stock.trackRecord} className="mt-1">
                    <table className="w-full min-w-[320px]">
                      <thead>
                        <tr className="text-left text-muted">
                          <th scope="col" className="pr-2 font-normal">{m.stock.horizon}</th>
                          <th scope="col" className="pr-2 font-normal">{m.stock.direction}</th>
                          <th scope="col" className="pr-2 text-right font-normal">{m.stock.events}</th>
                          <th scope="col" className="pr-2 text-right font-normal">{m.stock.hitRate}</th>
                          <th scope="col" className="pr-2 text-right font-normal">{m.stock.meanReturn}</th>
                          <th scope="col" className="text-right font-normal">{m.stock.buyHold}</th>
                        </tr>
                      </thead>
                      <tbody className="tabular-nums">
                        {records.map((r) => (
                          <tr key={`${r.horizon}-${r.direction}`}>
                            <td className="pr-2">{horizonLabel(m, r.horizon)}</td>
                            <td className="pr-2">{m.stock[r.direction]}</td>
                            <td className="pr-2 text-right">{formatNumber(lang, r.events, 0)}</td>
                            <td className="pr-2 text-right">{formatFraction(lang, r.hit_rate)}</td>
                            <td className="pr-2 text-right">{formatFraction(lang, r.mean_return, true)}</td>
                            <td className="text-right">{formatFraction(lang, r.buy_and_hold_mean_return, true)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollBox>
                </details>
              )}
              {isBacktestRule(name) && <BacktestDetails symbol={symbol} rule={name} />}
            </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
