"use client";
/** Recharts pieces of the dashboard (kept in one module so the stock page never loads Recharts). */
import { Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis, CartesianGrid } from "recharts";
import { useMessages } from "@/i18n/use-messages";
import { axisFormatter, formatMoney, formatPercent } from "@/i18n/format";
import type { History, PricedHolding } from "../schemas";

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#475569"];

/** Priced holdings only: an unpriced one has no market value and no weight (the summary lists it as unpriced). */
export function AllocationChart({ holdings }: { holdings: PricedHolding[] }) {
  const { lang } = useMessages();
  const data = holdings.flatMap((h) => (h.market_value !== null && h.weight !== null && h.market_value > 0 ? [{ name: h.symbol, value: h.market_value, weight: h.weight }] : []));
  return (
    <div className="h-64 w-full" role="img" aria-label={data.map((d) => `${d.name} ${formatPercent(lang, d.weight, false)}`).join(", ")}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" paddingAngle={1} isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(v, _name, item) => `${formatMoney(lang, Number(v))} (${formatPercent(lang, (item.payload as { weight: number }).weight, false)})`} />
          <Legend formatter={(name: string) => `${name} ${formatPercent(lang, data.find((d) => d.name === name)?.weight, false)}`} />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Value over time (null where an exchange rate is missing: a gap), with the benchmark's growth of 1 scaled to the
 * portfolio's first value. */
export function mergeHistory(history: History): Array<{ date: string; value: number | null; benchmark: number | null }> {
  const first = history.series.find((p) => p.value !== null)?.value ?? 0;
  const bench = history.benchmark?.available ? history.benchmark.series : [];
  const byDate = new Map(bench.map((p) => [p.date, p.index]));
  return history.series.map((p) => {
    const index = byDate.get(p.date);
    return { date: p.date, value: p.value, benchmark: index === undefined || index === null ? null : index * first };
  });
}

export function HistoryChart({ history }: { history: History }) {
  const { m, lang } = useMessages();
  const data = mergeHistory(history);
  const tick = axisFormatter(lang, data.map((d) => d.value));
  return (
    <div className="h-64 w-full" role="img" aria-label={m.dashboard.history}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
          <CartesianGrid strokeOpacity={0.15} />
          <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={tick} domain={["auto", "auto"]} />
          <Tooltip formatter={(v) => formatMoney(lang, Number(v))} />
          <Legend />
          <Line type="monotone" dataKey="value" name={m.dashboard.value} stroke="#2563eb" dot={false} isAnimationActive={false} />
          {history.benchmark?.available && (
            <Line type="monotone" dataKey="benchmark" name={`${m.dashboard.benchmark} (${history.benchmark.symbol})`} stroke="#d97706" dot={false} isAnimationActive={false} connectNulls />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
