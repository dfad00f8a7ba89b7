"use client";
/** Dashboard: value, day change, P/L, allocation, value history against a benchmark, live updates. */
import Link from "next/link";
import { BellRing } from "lucide-react";
import { useCallback, useState, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { changeClass, formatFraction, formatMoney, formatPercent, formatSigned } from "@/i18n/format";
import { alertFiredText } from "@/i18n/alert-text";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, Skeleton } from "@/components/ui";
import { useHistory } from "../api/get-history";
import { useSummary } from "../api/get-summary";
import { usePortfolioLive } from "../api/portfolio-live";
import type { PortfolioSocketMessage, Summary } from "../schemas";
import { AllocationChart, HistoryChart } from "./dashboard-charts";

function Stat({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-line bg-surface p-4">
      <p className="text-xs text-muted">{label}</p>
      <p className={`truncate text-xl font-semibold tabular-nums ${tone ?? ""}`}>{value}</p>
      {sub && <p className={`text-xs tabular-nums ${tone ?? "text-muted"}`}>{sub}</p>}
    </div>
  );
}

/** Totals in the portfolio's currency (the summary's `currency`). */
function TotalsStats({ totals, currency }: { totals: Summary["totals"]; currency: string }) {
  const { m, lang } = useMessages();
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="summary">
      <Stat label={m.dashboard.totalValue} value={formatMoney(lang, totals.market_value, currency)} sub={`${m.dashboard.cost}: ${formatMoney(lang, totals.cost, currency)}`} />
      <Stat label={m.dashboard.dayChange} value={formatSigned(lang, totals.day_change, 2, currency)} sub={formatPercent(lang, totals.day_change_percent)} tone={changeClass(totals.day_change)} />
      <Stat label={m.dashboard.unrealizedPl} value={formatSigned(lang, totals.unrealized_pl, 2, currency)} sub={totals.unrealized_pl_percent !== null ? formatPercent(lang, totals.unrealized_pl_percent) : undefined} tone={changeClass(totals.unrealized_pl)} />
      <Stat label={m.dashboard.realizedPl} value={formatSigned(lang, totals.realized_pl, 2, currency)} tone={changeClass(totals.realized_pl)} />
    </div>
  );
}

/** Which holdings the totals leave out for want of a stored exchange rate, and the currencies and dates missing. */
function FxMissingNotice({ summary }: { summary: Summary }) {
  const { m } = useMessages();
  if (summary.unconverted_symbols.length === 0 && summary.fx_missing.length === 0) return null;
  return (
    <p role="status" className="rounded-md bg-warn/15 px-3 py-2 text-sm" data-testid="fx-missing">
      {summary.unconverted_symbols.length > 0 && (
        <>
          <strong>{m.dashboard.fxMissing}:</strong> {summary.unconverted_symbols.join(", ")}.{" "}
        </>
      )}
      {m.dashboard.fxMissingDates}: {summary.fx_missing.map((f) => `${f.currency} ${f.date}${f.until !== f.date ? `–${f.until}` : ""}`).join(", ")}
    </p>
  );
}

const PERIODS = ["1d", "wtd", "mtd", "ytd", "1y", "since_start"] as const;

/** The four labelled returns (net of fees, with the before-fees figure) and the P/L of each period, in the base. */
function Performance({ summary }: { summary: Summary }) {
  const { m, lang } = useMessages();
  const r = summary.returns;
  const figures = [
    [m.dashboard.twr, r.time_weighted],
    [m.dashboard.mwr, r.money_weighted],
    [m.dashboard.roai, r.roai],
    [m.dashboard.simpleReturn, r.simple],
  ] as const;
  return (
    <Card title={m.dashboard.periodPl} titleId="performance-title">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="returns">
        {figures.map(([label, figure]) => (
          <div key={label} title={figure.formula}>
            <dt className="text-xs text-muted">{label}</dt>
            <dd className={`tabular-nums ${changeClass(figure.value)}`}>{formatFraction(lang, figure.value, true)}</dd>
            <dd className="text-xs tabular-nums text-muted">
              {m.dashboard.beforeFees} {formatFraction(lang, figure.gross, true)}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-sm sm:grid-cols-6" data-testid="period-pl">
        {PERIODS.map((key) => {
          const period = summary.period_pl[key];
          return (
            <div key={key}>
              <dt className="text-xs text-muted">{m.dashboard.periods[key]}</dt>
              <dd className={`tabular-nums ${changeClass(period?.pl)}`}>{formatSigned(lang, period?.pl, 2, summary.currency)}</dd>
              <dd className="text-xs tabular-nums text-muted">{formatFraction(lang, period?.return, true)}</dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}

export function DashboardView({ marketStatus, liveIndicator }: { marketStatus?: ReactNode; liveIndicator?: (status: string) => ReactNode }) {
  const { m, lang } = useMessages();
  const summary = useSummary();
  const history = useHistory();
  const [alerts, setAlerts] = useState<PortfolioSocketMessage[]>([]);
  const onAlert = useCallback((msg: PortfolioSocketMessage) => setAlerts((a) => [msg, ...a].slice(0, 5)), []);
  const live = usePortfolioLive(onAlert);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{m.dashboard.title}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {marketStatus}
          {liveIndicator?.(live.status)}
        </div>
      </div>
      {alerts.length > 0 && (
        <ul role="status" aria-live="polite" className="flex flex-col gap-1">
          {alerts.map((a, i) => (
            <li key={i} className="flex items-center gap-2 rounded-md bg-warn/15 px-3 py-2 text-sm">
              <BellRing aria-hidden className="size-4" />
              <strong>{m.dashboard.alertFired}</strong> {a.type === "alert" && `${a.symbol} ${alertFiredText(m, lang, a)}`}
            </li>
          ))}
        </ul>
      )}
      {summary.isPending ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-20" label={m.common.loading} />
          ))}
        </div>
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <p className="text-sm text-muted" data-testid="base-currency">
            {m.dashboard.baseCurrency}: <strong>{summary.data.currency}</strong>
          </p>
          <FxMissingNotice summary={summary.data} />
          <TotalsStats totals={summary.data.totals} currency={summary.data.currency} />
          {summary.data.holdings.length > 0 && <Performance summary={summary.data} />}
          {summary.data.holdings.length === 0 ? (
            <EmptyState action={<Link href="/portfolio" className="rounded-md bg-accent px-3 py-2 text-sm text-on-accent">{m.dashboard.goPortfolio}</Link>}>{m.dashboard.empty}</EmptyState>
          ) : (
            <div className="grid gap-4 lg:grid-cols-3">
              <Card title={m.dashboard.allocation} titleId="allocation-title">
                <AllocationChart holdings={summary.data.holdings} />
              </Card>
              <Card title={m.dashboard.history} titleId="history-title" className="lg:col-span-2">
                {history.isPending ? (
                  <Skeleton className="h-64 w-full" label={m.common.loading} />
                ) : history.isError ? (
                  <ErrorState error={history.error} onRetry={() => void history.refetch()} />
                ) : history.data.series.length < 2 ? (
                  <EmptyState>{m.dashboard.historyEmpty}</EmptyState>
                ) : (
                  <>
                    <HistoryChart history={history.data} />
                    <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                      <div>
                        <dt className="text-xs text-muted">{m.dashboard.twr}</dt>
                        <dd className={`tabular-nums ${changeClass(history.data.returns.time_weighted.value)}`}>{formatFraction(lang, history.data.returns.time_weighted.value, true)}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-muted">{m.dashboard.mwr}</dt>
                        <dd className={`tabular-nums ${changeClass(history.data.returns.money_weighted.value)}`}>{formatFraction(lang, history.data.returns.money_weighted.value, true)}</dd>
                      </div>
                    </dl>
                  </>
                )}
              </Card>
            </div>
          )}
        </>
      )}
    </div>
  );
}
