"use client";
/** Recharts pieces of the dashboard (kept in one module so the stock page never loads Recharts). */
import { Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from "recharts";
import { useMessages } from "@/i18n/use-messages";
import { formatCompact, formatPercent } from "@/i18n/format";
import type { History, Holding } from "../schemas";

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#475569"];

export function AllocationChart({ holdings }: { holdings: Holding[] }) {
  const { lang } = useMessages();
  const total = holdings.reduce((s, h) => s + (h.market_value ?? 0), 0);
  const data = holdings
    .map((h) => ({ name: h.symbol, value: h.market_value ?? 0, weight: h.weight ?? (total ? ((h.market_value ?? 0) / total) * 100 : 0) }))
    .filter((d) => d.value > 0);
  return (
    <div className="h-64 w-full" role="img" aria-label={data.map((d) => `${d.name} ${formatPercent(lang, d.weight, false)}`).join(", ")}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" paddingAngle={1} isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(v) => formatCompact(lang, Number(v))} />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Value and cost over time, with the benchmark rescaled to start at the portfolio's first value. */
export function mergeHistory(history: History): Array<{ date: string; value: number; cost: number | null; benchmark: number | null }> {
  const first = history.series[0]?.value ?? 0;
  const bench = history.benchmark?.series ?? [];
  const base = bench[0]?.value ?? 0;
  const byDate = new Map(bench.map((p) => [p.date, p.value]));
  return history.series.map((p) => {
    const b = byDate.get(p.date);
    return { date: p.date, value: p.value, cost: p.cost, benchmark: b !== undefined && base ? (b / base) * first : null };
  });
}

export function HistoryChart({ history }: { history: History }) {
  const { m, lang } = useMessages();
  const data = mergeHistory(history);
  return (
    <div className="h-64 w-full" role="img" aria-label={m.dashboard.history}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
          <CartesianGrid strokeOpacity={0.15} />
          <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => formatCompact(lang, v)} domain={["auto", "auto"]} />
          <Tooltip formatter={(v) => formatCompact(lang, Number(v))} />
          <Legend />
          <Line type="monotone" dataKey="value" name={m.dashboard.value} stroke="#2563eb" dot={false} isAnimationActive={false} />
          {data.some((d) => d.cost !== null) && (
            <Line type="monotone" dataKey="cost" name={m.dashboard.cost} stroke="#94a3b8" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          )}
          {history.benchmark && (
            <Line type="monotone" dataKey="benchmark" name={`${m.dashboard.benchmark} (${history.benchmark.symbol})`} stroke="#d97706" dot={false} isAnimationActive={false} connectNulls />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
