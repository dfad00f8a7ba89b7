"use client";
/** Balance sheet / income statement / cash flow tabs, annual or quarterly, as tables with a sparkline per line. */
import { useId, useState, type KeyboardEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { formatNumber, formatScaled, labelOf, scaleFor } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, ScrollBox, Skeleton, cx } from "@/components/ui";
import { useStatement } from "../api/get-statement";
import type { StatementKind, StatementPeriod } from "../schemas";
import { buildRows, formatRatio, periodLabel } from "./financials-table";

const KINDS: StatementKind[] = ["balance-sheet", "income-statement", "cashflow"];

function Sparkline({ values, label }: { values: Array<number | null>; label: string }) {
  const points = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (points.length < 2) return null;
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const span = max - min || 1;
  const n = values.length - 1 || 1;
  // Oldest on the left: values arrive newest first.
  const d = points.map((p, k) => `${k === 0 ? "M" : "L"}${((n - p.i) / n) * 60},${18 - ((p.v - min) / span) * 16}`).join(" ");
  return (
    <svg width="60" height="20" viewBox="0 0 60 20" role="img" aria-label={label} className="text-accent">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function FinancialsPanel({ symbol }: { symbol: string }) {
  const { m, lang } = useMessages();
  const [kind, setKind] = useState<StatementKind>("income-statement");
  const [period, setPeriod] = useState<StatementPeriod>("annual");
  const q = useStatement({ symbol, kind, period });
  const baseId = useId();
  const labels: Record<StatementKind, string> = { "balance-sheet": m.stock.balanceSheet, "income-statement": m.stock.incomeStatement, cashflow: m.stock.cashflow };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = KINDS.indexOf(kind);
    const next = e.key === "ArrowRight" ? KINDS[(i + 1) % KINDS.length] : e.key === "ArrowLeft" ? KINDS[(i + KINDS.length - 1) % KINDS.length] : undefined;
    if (next) {
      e.preventDefault();
      setKind(next);
      document.getElementById(`${baseId}-tab-${next}`)?.focus();
    }
  };

  const rows = q.data ? buildRows(q.data.reports, m.statements.items) : [];
  // Ratios of the newest report (the backend derives them per report).
  const ratios = q.data?.reports[0]?.ratios;
  return (
    <Card
      title={m.stock.financials}
      titleId="financials-title"
      actions={
        <div role="group" aria-label={m.stock.period} className="flex gap-1">
          {(["annual", "quarterly"] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={p === period}
              onClick={() => setPeriod(p)}
              className={cx("min-h-8 rounded-md px-2.5 text-xs font-semibold", p === period ? "bg-accent text-on-accent" : "bg-subtle hover:bg-line")}
            >
              {m.stock[p]}
            </button>
          ))}
        </div>
      }
    >
      <div role="tablist" aria-label={m.stock.financials} className="mb-3 flex gap-1 overflow-x-auto border-b border-line">
        {KINDS.map((k) => (
          <button
            key={k}
            id={`${baseId}-tab-${k}`}
            role="tab"
            type="button"
            aria-selected={k === kind}
            aria-controls={`${baseId}-panel`}
            tabIndex={k === kind ? 0 : -1}
            onKeyDown={onTabKey}
            onClick={() => setKind(k)}
            className={cx("-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm", k === kind ? "border-accent font-semibold text-accent" : "border-transparent text-muted hover:text-fg")}
          >
            {labels[k]}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${kind}`}>
        {q.isPending ? (
          <Skeleton className="h-48 w-full" label={m.common.loading} />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.reports.length === 0 ? (
          <EmptyState>{m.stock.noFinancials}</EmptyState>
        ) : (
          <ScrollBox label={`${labels[kind]} (${m.stock[period]})`}>
            <table className="w-full min-w-[480px] text-sm" data-testid="financials-table">
              <caption className="sr-only">
                {labels[kind]} ({m.stock[period]})
              </caption>
              <thead>
                <tr className="border-b border-line text-left text-xs text-muted">
                  <th scope="col" className="py-2 pr-2">
                    {m.stock.item}
                  </th>
                  <th scope="col" className="px-2" aria-label={m.stock.trend} />
                  {q.data.reports.map((r) => (
                    <th key={r.fiscal_date_ending} scope="col" className="px-2 text-right">
                      {periodLabel(r)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  // One unit across the row (never 만 beside 억).
                  const scale = scaleFor(lang, row.values);
                  return (
                  <tr key={row.key} className="border-b border-line/60">
                    <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                      {row.label}
                    </th>
                    <td className="px-2">
                      <Sparkline values={row.values} label={row.label} />
                    </td>
                    {row.values.map((v, i) => (
                      <td key={i} className="whitespace-nowrap px-2 text-right tabular-nums" title={v === null ? undefined : formatNumber(lang, v, 0)}>
                        {formatScaled(lang, v, scale)}
                      </td>
                    ))}
                  </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
        )}
        {ratios && Object.keys(ratios).length > 0 && (
          <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-label={m.stock.ratios}>
            {Object.entries(ratios).map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-muted">{labelOf(m.statements.ratios, k)}</dt>
                <dd className="tabular-nums">{formatRatio(lang, k, v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </Card>
  );
}
