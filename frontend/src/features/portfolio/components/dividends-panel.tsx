"use client";
/** The dividend report: the booking toggle, received in total and by year, yield on cost per symbol, upcoming. */
import { ErrorState, FormError } from "@/components/error-state";
import { Card, EmptyState, Skeleton } from "@/components/ui";
import { formatMoney, formatNumber, formatPercent } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { useDividendReport, useSetDividendBooking } from "../api/dividends";

export function DividendsPanel() {
  const { m, lang } = useMessages();
  const q = useDividendReport();
  const toggle = useSetDividendBooking();
  if (q.isPending) return <Card title={m.portfolio.dividends} titleId="dividends-title"><Skeleton className="h-16 w-full" label={m.common.loading} /></Card>;
  if (q.isError) return <Card title={m.portfolio.dividends} titleId="dividends-title"><ErrorState error={q.error} onRetry={() => void q.refetch()} /></Card>;
  const r = q.data;
  const money = (v: number) => formatMoney(lang, v, r.currency);
  return (
    <Card title={m.portfolio.dividends} titleId="dividends-title">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={toggle.isPending ? Boolean(toggle.variables) : r.book_dividends} disabled={toggle.isPending} onChange={(e) => toggle.mutate(e.target.checked)} />
        {m.portfolio.bookDividends}
      </label>
      <FormError error={toggle.error} />
      <p className="mt-3 text-sm">
        {m.portfolio.dividendsReceived}: <span data-testid="dividends-total" className="font-semibold tabular-nums">{money(r.total_received)}</span>
      </p>
      {r.by_year.length === 0 && r.by_symbol.length === 0 ? (
        <EmptyState>{m.portfolio.noDividends}</EmptyState>
      ) : (
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <table className="text-sm">
            <caption className="text-left text-xs text-muted">{m.portfolio.byYear}</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col">{m.portfolio.year}</th>
                <th scope="col" className="text-right">{m.portfolio.received}</th>
              </tr>
            </thead>
            <tbody>
              {r.by_year.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td className="text-right tabular-nums">{money(y.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="text-sm">
            <caption className="text-left text-xs text-muted">{m.portfolio.yieldOnCost}</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col">{m.portfolio.symbol}</th>
                <th scope="col" className="text-right">{m.portfolio.received}</th>
                <th scope="col" className="text-right">{m.portfolio.yieldOnCost}</th>
              </tr>
            </thead>
            <tbody>
              {r.by_symbol.map((s) => (
                <tr key={s.symbol}>
                  <td>{s.symbol}</td>
                  <td className="text-right tabular-nums">{money(s.received)}</td>
                  <td className="text-right tabular-nums">{s.yield_on_cost === null ? "—" : formatPercent(lang, s.yield_on_cost, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold">{m.portfolio.upcomingDividends}</h3>
      {r.upcoming.length === 0 ? (
        <p className="text-sm text-muted">{m.portfolio.noUpcoming}</p>
      ) : (
        <table className="mt-1 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-muted">
              <th scope="col">{m.portfolio.exDate}</th>
              <th scope="col">{m.portfolio.symbol}</th>
              <th scope="col" className="text-right">{m.portfolio.perShare}</th>
              <th scope="col" className="text-right">{m.portfolio.quantity}</th>
              <th scope="col" className="text-right">{m.portfolio.expected}</th>
            </tr>
          </thead>
          <tbody>
            {r.upcoming.map((u) => (
              <tr key={`${u.symbol}-${u.ex_date}`}>
                <td>{u.ex_date}</td>
                <td>{u.symbol}</td>
                <td className="text-right tabular-nums">{money(u.amount_per_share)}</td>
                <td className="text-right tabular-nums">{formatNumber(lang, u.quantity, 4)}</td>
                <td className="text-right tabular-nums">{money(u.expected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
