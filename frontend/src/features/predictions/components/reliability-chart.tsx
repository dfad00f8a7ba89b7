"use client";
/** Reliability chart: observed frequency of a rise against the predicted probability, per bin of the API's
 * out-of-sample reliability table. A plain SVG: five points and a diagonal need no chart library. */
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatNumber, formatFraction } from "@/i18n/format";
import type { ReliabilityBin } from "@/api";

const SIZE = 160;
const PAD = 28;
const SPAN = SIZE - 2 * PAD;
const x = (p: number) => PAD + p * SPAN;
const y = (p: number) => SIZE - PAD - p * SPAN;

export function ReliabilityChart({ bins, brier, brierBaseRate }: { bins: ReliabilityBin[]; brier: number; brierBaseRate: number }) {
  const { m, lang } = useMessages();
  const filled = bins.filter((b) => b.count > 0 && b.mean_predicted !== null && b.observed !== null);
  const most = Math.max(1, ...filled.map((b) => b.count));
  const pct = (v: number | null) => formatFraction(lang, v);
  return (
    <figure className="flex flex-wrap items-center gap-3">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="img" aria-label={fmt(m.predict.reliabilityLabel, { bins: filled.length })} className="shrink-0 text-muted">
        <rect x={PAD} y={PAD} width={SPAN} height={SPAN} fill="none" stroke="currentColor" strokeOpacity={0.3} />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} stroke="currentColor" strokeDasharray="3 3" strokeOpacity={0.6} />
        {[0, 0.5, 1].map((t) => (
          <g key={t} fontSize={8} fill="currentColor">
            <text x={x(t)} y={SIZE - PAD + 10} textAnchor="middle">{formatNumber(lang, t, 1)}</text>
            <text x={PAD - 4} y={y(t) + 3} textAnchor="end">{formatNumber(lang, t, 1)}</text>
          </g>
        ))}
        <text x={SIZE / 2} y={SIZE - 4} textAnchor="middle" fontSize={8} fill="currentColor">{m.predict.reliabilityX}</text>
        <text x={8} y={SIZE / 2} textAnchor="middle" fontSize={8} fill="currentColor" transform={`rotate(-90 8 ${SIZE / 2})`}>{m.predict.reliabilityY}</text>
        {filled.map((b) => (
          <circle key={b.low} data-testid="reliability-point" cx={x(b.mean_predicted ?? 0)} cy={y(b.observed ?? 0)} r={2 + 4 * Math.sqrt(b.count / most)} className="fill-accent">
            <title>{fmt(m.predict.reliabilityBin, { low: pct(b.low), high: pct(b.high), predicted: pct(b.mean_predicted), observed: pct(b.observed), count: b.count })}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="text-xs text-muted">
        <span className="block font-semibold text-fg">{m.predict.reliability}</span>
        {m.predict.brier} {formatNumber(lang, brier, 3)} ({m.predict.baseRate} {formatNumber(lang, brierBaseRate, 3)})
      </figcaption>
    </figure>
  );
}
