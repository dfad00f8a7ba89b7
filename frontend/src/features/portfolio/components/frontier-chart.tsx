"use client";
/** The efficient frontier as a small SVG (volatility across, expected return up) with the current, equal-weight
 * and optimal portfolios marked; an SVG keeps the chart out of any chart library's bundle. */
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatFixed, formatFraction } from "@/i18n/format";
import type { PortfolioPoint } from "../schemas";

const WIDTH = 480;
const HEIGHT = 260;
const PAD = { left: 52, right: 16, top: 12, bottom: 36 };

export interface Marker {
  key: "current" | "optimal" | "equal_weight";
  label: string;
  point: PortfolioPoint;
}

/** Plot coordinates of `points` in a box padded 5% around all of them (markers included). */
export function frontierScale(points: PortfolioPoint[]) {
  const xs = points.map((p) => p.volatility);
  const ys = points.map((p) => p.expected_return);
  const pad = (lo: number, hi: number) => {
    const span = hi - lo || Math.abs(hi) || 1;
    return [lo - span * 0.05, hi + span * 0.05] as const;
  };
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const x = (v: number) => PAD.left + ((v - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  return { x, y, x0, x1, y0, y1 };
}

const COLORS: Record<Marker["key"], string> = { current: "#d97706", optimal: "#2563eb", equal_weight: "#64748b" };

export function FrontierChart({ frontier, markers }: { frontier: PortfolioPoint[]; markers: Marker[] }) {
  const { m, lang } = useMessages();
  const s = frontierScale([...frontier, ...markers.map((k) => k.point)]);
  const line = frontier.map((p) => `${s.x(p.volatility).toFixed(1)},${s.y(p.expected_return).toFixed(1)}`).join(" ");
  const vols = frontier.map((p) => p.volatility);
  const rets = frontier.map((p) => p.expected_return);
  const label = fmt(m.optimise.frontierLabel, {
    vmin: formatFraction(lang, Math.min(...vols)),
    vmax: formatFraction(lang, Math.max(...vols)),
    rmin: formatFraction(lang, Math.min(...rets)),
    rmax: formatFraction(lang, Math.max(...rets)),
  });
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-xl" role="img" aria-label={label}>
        <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} stroke="currentColor" strokeOpacity={0.3} />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} stroke="currentColor" strokeOpacity={0.3} />
        <text x={PAD.left} y={HEIGHT - 20} fontSize={11} fill="currentColor">{formatFraction(lang, s.x0)}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 20} fontSize={11} textAnchor="end" fill="currentColor">{formatFraction(lang, s.x1)}</text>
        <text x={(WIDTH + PAD.left) / 2} y={HEIGHT - 4} fontSize={11} textAnchor="middle" fill="currentColor">{m.optimise.volatilityAxis}</text>
        <text x={PAD.left - 4} y={HEIGHT - PAD.bottom} fontSize={11} textAnchor="end" fill="currentColor">{formatFraction(lang, s.y0)}</text>
        <text x={PAD.left - 4} y={PAD.top + 10} fontSize={11} textAnchor="end" fill="currentColor">{formatFraction(lang, s.y1)}</text>
        <text x={12} y={(HEIGHT - PAD.bottom + PAD.top) / 2} fontSize={11} textAnchor="middle" fill="currentColor" transform={`rotate(-90 12 ${(HEIGHT - PAD.bottom + PAD.top) / 2})`}>
          {m.optimise.returnAxis}
        </text>
        <polyline points={line} fill="none" stroke="#16a34a" strokeWidth={2} data-testid="frontier-line" />
        {markers.map((k) => (
          <circle key={k.key} cx={s.x(k.point.volatility)} cy={s.y(k.point.expected_return)} r={6} fill={COLORS[k.key]} stroke="white" strokeWidth={1.5} data-testid={`marker-${k.key}`}>
            <title>{`${k.label}: ${formatFraction(lang, k.point.expected_return)} / ${formatFraction(lang, k.point.volatility)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          <li className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-0.5 w-4" style={{ background: "#16a34a" }} />
            {m.optimise.frontier}
          </li>
          {markers.map((k) => (
            <li key={k.key} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ background: COLORS[k.key] }} />
              {`${k.label}: ${m.optimise.expectedReturn} ${formatFraction(lang, k.point.expected_return)}, ${m.optimise.volatility} ${formatFraction(lang, k.point.volatility)}, ${m.optimise.sharpe} ${formatFixed(lang, k.point.sharpe, 2)}`}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
