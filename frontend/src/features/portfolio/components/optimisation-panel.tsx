"use client";
/** Portfolio optimisation of the holdings: method and limits, the frontier with the current and optimal portfolios,
 * target weights with the trades to reach them, a cash allocation and the walk-forward out-of-sample record.
 * Loaded lazily by the portfolio page (the default export), so the page's first load does not carry it. */
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { fmt, formatFraction, formatMoney, formatNumber, labelOf } from "@/i18n/format";
import { FormError } from "@/components/error-state";
import { Button, Card, Field, ScrollBox, inputClass } from "@/components/ui";
import { useOptimisePortfolio } from "../api/optimise-portfolio";
import { OPTIMISATION_METHODS, type OptimisationInput, type OptimisationResult } from "../schemas";
import { FrontierChart, type Marker } from "./frontier-chart";

type Method = (typeof OPTIMISATION_METHODS)[number];
type Key = "target" | "max_weight" | "cash";

/** The request body from the form's text fields (percentages typed as 12 for 12%); null when a number is invalid. */
export function optimisationBody(method: Method, values: Record<Key, string>): OptimisationInput | null {
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  const target = num(values.target);
  const maxWeight = num(values.max_weight);
  const cash = num(values.cash);
  if ([target, maxWeight, cash].some((v) => v !== undefined && !Number.isFinite(v))) return null;
  const body: OptimisationInput = { method };
  if (method === "efficient_return" && target !== undefined) body.target_return = target / 100;
  if (method === "efficient_risk" && target !== undefined) body.target_volatility = target / 100;
  if (method !== "hrp" && maxWeight !== undefined) body.max_weight = maxWeight / 100;
  if (cash !== undefined) body.cash = cash;
  return body;
}

function Figures({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl className="grid grid-cols-3 gap-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs text-muted">{k}</dt>
          <dd className="font-medium tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Result({ data }: { data: OptimisationResult }) {
  const { m, lang } = useMessages();
  const markers: Marker[] = [
    ...(data.current ? [{ key: "current" as const, label: m.optimise.current, point: data.current }] : []),
    { key: "equal_weight", label: m.optimise.equalWeight, point: data.equal_weight },
    { key: "optimal", label: m.optimise.optimal, point: data.performance },
  ];
  const oos = data.out_of_sample;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h3 className="mb-1 text-sm font-semibold">{m.optimise.frontier}</h3>
        <p className="mb-2 text-xs text-muted">{fmt(m.optimise.inSample, { start: data.start, end: data.end })}</p>
        <FrontierChart frontier={data.frontier} markers={markers} />
      </div>
      <Figures
        rows={[
          [m.optimise.expectedReturn, formatFraction(lang, data.performance.expected_return)],
          [m.optimise.volatility, formatFraction(lang, data.performance.volatility)],
          [m.optimise.sharpe, formatNumber(lang, data.performance.sharpe)],
        ]}
      />
      <ScrollBox label={m.optimise.targets}>
        <table className="w-full min-w-[420px] text-sm">
          <caption className="mb-1 text-left text-sm font-semibold">{m.optimise.targets}</caption>
          <thead>
            <tr className="border-b border-line text-left text-xs text-muted">
              <th scope="col" className="py-2">{m.optimise.symbol}</th>
              <th scope="col" className="text-right">{m.optimise.currentWeight}</th>
              <th scope="col" className="text-right">{m.optimise.targetWeight}</th>
              <th scope="col" className="text-right">{m.optimise.trade}</th>
            </tr>
          </thead>
          <tbody>
            {data.positions.map((p) => (
              <tr key={p.symbol} className="border-b border-line/60">
                <th scope="row" className="py-1.5 text-left font-medium">{p.symbol}</th>
                <td className="text-right tabular-nums">{formatFraction(lang, p.current_weight)}</td>
                <td className="text-right tabular-nums">{formatFraction(lang, p.weight)}</td>
                <td className="text-right tabular-nums">
                  {p.trade_shares > 0 ? `${m.optimise.buy} ${formatNumber(lang, p.trade_shares, 4)}` : p.trade_shares < 0 ? `${m.optimise.sell} ${formatNumber(lang, -p.trade_shares, 4)}` : m.optimise.hold}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-muted">{fmt(m.optimise.leftover, { amount: formatMoney(lang, data.trade_leftover) })}</p>
      </ScrollBox>
      {data.allocation && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">{fmt(m.optimise.allocation, { cash: formatMoney(lang, data.allocation.cash) })}</h3>
          <ul className="flex flex-wrap gap-x-4 text-sm" aria-label={m.optimise.shares}>
            {Object.entries(data.allocation.shares).map(([symbol, n]) => (
              <li key={symbol} className="tabular-nums">{`${symbol} ${formatNumber(lang, n, 0)}`}</li>
            ))}
          </ul>
          <p className="text-xs text-muted">{fmt(m.optimise.allocationLeftover, { amount: formatMoney(lang, data.allocation.leftover) })}</p>
        </div>
      )}
      <ScrollBox label={m.optimise.outOfSample}>
        <table className="w-full min-w-[480px] text-sm">
          <caption className="mb-1 text-left text-sm font-semibold">{m.optimise.outOfSample}</caption>
          <thead>
            <tr className="border-b border-line text-left text-xs text-muted">
              <th scope="col" className="py-2">{m.optimise.strategy}</th>
              <th scope="col" className="text-right">{m.optimise.annualReturn}</th>
              <th scope="col" className="text-right">{m.optimise.volatility}</th>
              <th scope="col" className="text-right">{m.optimise.sharpe}</th>
              <th scope="col" className="text-right">{m.optimise.maxDrawdown}</th>
              <th scope="col" className="text-right">{m.optimise.totalReturn}</th>
            </tr>
          </thead>
          <tbody>
            {oos.strategies.map((s) => (
              <tr key={s.name} className="border-b border-line/60">
                <th scope="row" className="py-1.5 text-left font-medium">{labelOf(m.optimise.strategies, s.name)}</th>
                <td className="text-right tabular-nums">{formatFraction(lang, s.annual_return, true)}</td>
                <td className="text-right tabular-nums">{formatFraction(lang, s.volatility)}</td>
                <td className="text-right tabular-nums">{formatNumber(lang, s.sharpe)}</td>
                <td className="text-right tabular-nums">{formatFraction(lang, s.max_drawdown, true)}</td>
                <td className="text-right tabular-nums">{formatFraction(lang, s.total_return, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-muted">
          {fmt(m.optimise.outOfSampleNote, { start: oos.start, end: oos.end, hold: oos.hold_days, train: oos.train_days, periods: oos.periods })}
        </p>
        {oos.fallback_periods > 0 && <p className="text-xs text-warn">{fmt(m.optimise.fallbacks, { n: oos.fallback_periods })}</p>}
      </ScrollBox>
    </div>
  );
}

export default function OptimisationPanel() {
  const { m, lang } = useMessages();
  const optimise = useOptimisePortfolio();
  const [method, setMethod] = useState<Method>("max_sharpe");
  const [values, setValues] = useState<Record<Key, string>>({ target: "", max_weight: "", cash: "" });
  const [invalid, setInvalid] = useState(false);
  const set = (k: Key) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const serverErrors = fieldErrorTexts(optimise.error, m, lang);
  const targetError = serverErrors.target_return ?? serverErrors.target_volatility;
  const errors: Partial<Record<Key, string>> = { target: targetError, max_weight: serverErrors.max_weight, cash: serverErrors.cash };
  const fieldErrorShown = Object.values(errors).some(Boolean);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = optimisationBody(method, values);
    setInvalid(body === null);
    if (body) optimise.mutate(body);
  };

  const input = (key: Key, label: string) => (
    <Field id={`opt-${key}`} label={label} error={errors[key]}>
      <input
        id={`opt-${key}`}
        inputMode="decimal"
        className={inputClass}
        value={values[key]}
        onChange={set(key)}
        aria-invalid={Boolean(errors[key]) || undefined}
        aria-describedby={errors[key] ? `opt-${key}-error` : undefined}
      />
    </Field>
  );

  return (
    <Card title={m.optimise.title} titleId="optimise-title">
      <p className="mb-3 text-sm text-muted">{m.optimise.intro}</p>
      <form noValidate onSubmit={submit} className="mb-4 flex flex-col gap-2">
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
          <Field id="opt-method" label={m.optimise.method}>
            <select id="opt-method" className={inputClass} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {OPTIMISATION_METHODS.map((k) => (
                <option key={k} value={k}>
                  {m.optimise.methods[k]}
                </option>
              ))}
            </select>
          </Field>
          {method === "efficient_return" && input("target", m.optimise.targetReturn)}
          {method === "efficient_risk" && input("target", m.optimise.targetVolatility)}
          {method !== "hrp" && input("max_weight", m.optimise.maxWeight)}
          {input("cash", m.optimise.cash)}
        </div>
        {invalid && <p role="alert" className="text-sm text-down">{m.common.number}</p>}
        {optimise.error && !fieldErrorShown && <FormError error={optimise.error} />}
        <Button type="submit" className="self-start" disabled={optimise.isPending}>
          {optimise.isPending ? m.optimise.running : m.optimise.run}
        </Button>
      </form>
      {optimise.data && !optimise.isPending && <Result data={optimise.data} />}
    </Card>
  );
}
