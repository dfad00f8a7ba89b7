"use client";
/** A rule's (or the composite's) backtest with costs against buy-and-hold, fetched when its disclosure opens. */
import { useState } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatFraction, formatNumber } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui";
import { useBacktest, type Backtest, type BacktestMode, type BacktestRule } from "../api/get-backtest";

const DEFAULT_BPS = 5;

const LABELS = {
  total_return: "totalReturn",
  cagr: "cagr",
  volatility: "volatility",
  sharpe: "sharpe",
  max_drawdown: "maxDrawdown",
  hit_rate: "hitRate",
  trades: "trades",
  exposure: "exposure",
  turnover: "turnover",
} as const;

/** Rows of the comparison: label key, how to read a value. */
const ROWS: Array<{ key: keyof typeof LABELS; kind: "pct" | "num" | "int" }> = [
  { key: "total_return", kind: "pct" },
  { key: "cagr", kind: "pct" },
  { key: "volatility", kind: "pct" },
  { key: "sharpe", kind: "num" },
  { key: "max_drawdown", kind: "pct" },
  { key: "hit_rate", kind: "pct" },
  { key: "trades", kind: "int" },
  { key: "exposure", kind: "pct" },
  { key: "turnover", kind: "num" },
];

/** Both equity curves as SVG polylines on one log-free scale; enough to see who ended higher and the drawdowns. */
export function equityPaths(strategy: number[], hold: number[], width: number, height: number): [string, string] {
  const all = [...strategy, ...hold];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const span = high - low || 1;
  const step = strategy.length > 1 ? width / (strategy.length - 1) : 0;
  const path = (values: number[]) => values.map((v, i) => `${(i * step).toFixed(1)},${(height - ((v - low) / span) * height).toFixed(1)}`).join(" ");
  return [path(strategy), path(hold)];
}

function BacktestResult({ data }: { data: Backtest }) {
  const { m, lang } = useMessages();
  const show = (v: number | null, kind: "pct" | "num" | "int") =>
    kind === "pct" ? formatFraction(lang, v) : formatNumber(lang, v, kind === "int" ? 0 : 2);
  const [strategyPath, holdPath] = equityPaths(data.equity.strategy, data.equity.buy_and_hold, 300, 60);
  return (
    <div className="mt-2">
      <svg viewBox="0 0 300 60" className="h-16 w-full" role="img" aria-label={m.backtest.equity} preserveAspectRatio="none">
        <polyline points={holdPath} fill="none" className="stroke-muted" strokeWidth="1" />
        <polyline points={strategyPath} fill="none" className="stroke-accent" strokeWidth="1.5" />
      </svg>
      <table className="mt-1 w-full min-w-[280px]" data-testid="backtest-table">
        <thead>
          <tr className="text-left text-muted">
            <th scope="col" className="pr-2 font-normal" />
            <th scope="col" className="pr-2 text-right font-normal">
              <span className="text-accent">━</span> {m.backtest.strategy}
            </th>
            <th scope="col" className="text-right font-normal">
              <span className="text-muted">━</span> {m.backtest.buyHold}
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {ROWS.map(({ key, kind }) => (
            <tr key={key}>
              <th scope="row" className="pr-2 text-left font-normal">{m.backtest[LABELS[key]]}</th>
              <td className="pr-2 text-right">{show(data.strategy[key], kind)}</td>
              <td className="text-right">{show(data.buy_and_hold[key], kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-muted">{fmt(m.backtest.note, { start: data.start, end: data.end, bars: data.bars })}</p>
    </div>
  );
}

function BpsInput({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  return (
    <label className="flex items-center gap-1">
      <span className="text-muted">{label}</span>
      <input
        type="number"
        min={0}
        max={1000}
        step={1}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= 0 && v <= 1000) onChange(v);
        }}
        className="w-16 rounded border border-line bg-surface px-1 py-0.5 text-right"
      />
    </label>
  );
}

export function BacktestDetails({ symbol, rule }: { symbol: string; rule: BacktestRule }) {
  const { m } = useMessages();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<BacktestMode>("long_flat");
  const [commissionBps, setCommission] = useState(DEFAULT_BPS);
  const [slippageBps, setSlippage] = useState(DEFAULT_BPS);
  const query = useBacktest({ symbol, rule, mode, commissionBps, slippageBps }, open);
  return (
    <details className="mt-2 text-xs" data-testid={`backtest-${rule}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-muted">{rule === "composite" ? m.backtest.composite : m.backtest.open}</summary>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          <span className="text-muted">{m.backtest.mode}</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as BacktestMode)} className="rounded border border-line bg-surface px-1 py-0.5">
            <option value="long_flat">{m.backtest.long_flat}</option>
            <option value="long_short">{m.backtest.long_short}</option>
          </select>
        </label>
        <BpsInput label={m.backtest.commission} value={commissionBps} onChange={setCommission} />
        <BpsInput label={m.backtest.slippage} value={slippageBps} onChange={setSlippage} />
      </div>
      {open &&
        (query.isPending ? (
          <Skeleton className="mt-2 h-24 w-full" label={m.common.loading} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <BacktestResult data={query.data} />
        ))}
    </details>
  );
}
