"use client";
/** Model forecasts (price, trend, risk) with their walk-forward evaluation and the disclaimer. */
import { useId, useState } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fmt, formatFraction, formatNumber, labelOf } from "@/i18n/format";
import { ErrorState } from "@/components/error-state";
import { Badge, Card, Skeleton, cx } from "@/components/ui";
import { usePrediction } from "../api/get-prediction";
import type { Drift, PredictionTrackRecord, RiskAssessment, RiskFigureLabel, TrackRecord } from "@/api";
import { MODEL_TYPES, type ModelType, type Prediction } from "../schemas";
import { ReliabilityChart } from "./reliability-chart";


/** [label, value, optional note: the figure's window and return convention, or why it is missing]. */
type Row = [string, string] | [string, string, string];

function Rows({ rows }: { rows: Row[] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
      {rows.map(([k, v, note]) => (
        <div key={k} className="min-w-0">
          <dt className="text-xs text-muted">{k}</dt>
          <dd className="font-medium tabular-nums">{v}</dd>
          {note && <dd className="text-xs text-muted">{note}</dd>}
        </div>
      ))}
    </dl>
  );
}

function useWindowNote() {
  const { m, lang } = useMessages();
  return (label: RiskFigureLabel | undefined) =>
    label === undefined
      ? ""
      : `${label.window_days === null ? m.predict.allHistory : fmt(m.predict.lastDays, { days: formatNumber(lang, label.window_days, 0) })}, ${labelOf(m.predict.returns, label.returns)}`;
}

function riskRows(p: RiskAssessment, m: ReturnType<typeof useMessages>["m"], lang: ReturnType<typeof useMessages>["lang"], note: ReturnType<typeof useWindowNote>): Row[] {
  const rf = fmt(m.predict.riskFree, { rate: formatFraction(lang, p.risk_free_rate) });
  const beta: Row =
    p.beta === null
      ? [m.predict.beta, m.predict.betaNone, p.beta_reason_code ? labelOf(m.predict.betaReasons, p.beta_reason_code) : ""]
      : [m.predict.beta, formatNumber(lang, p.beta), `${note(p.labels.beta)} · ${fmt(m.predict.betaPoints, { count: p.beta_points })}`];
  return [
    [m.predict.level, labelOf(m.predict.levels, p.level)],
    [m.predict.volatility, formatFraction(lang, p.annual_volatility), note(p.labels.annual_volatility)],
    [m.predict.var95, formatFraction(lang, p.var_95_1d), note(p.labels.var_95_1d)],
    [m.predict.cvar95, formatFraction(lang, p.cvar_95_1d), note(p.labels.cvar_95_1d)],
    [m.predict.maxDrawdown, formatFraction(lang, p.max_drawdown), note(p.labels.max_drawdown)],
    [m.predict.sharpe, formatNumber(lang, p.sharpe), `${note(p.labels.sharpe)} · ${rf}`],
    [m.predict.sortino, formatNumber(lang, p.sortino), `${note(p.labels.sortino)} · ${rf}`],
    beta,
  ];
}

function VarBacktestLine({ p }: { p: RiskAssessment }) {
  const { m, lang } = useMessages();
  const b = p.var_backtest;
  if (b === null) return null;
  return (
    <div className="rounded-md bg-subtle p-3 text-xs">
      <p className="mb-1 flex flex-wrap items-center gap-2 font-semibold">
        {m.predict.varBacktest}
        <Badge tone={b.rejected ? "warn" : "up"}>{b.rejected ? m.predict.kupiecRejected : m.predict.kupiecOk}</Badge>
      </p>
      <p className="text-muted">
        {fmt(m.predict.kupiec, {
          breaches: formatNumber(lang, b.breaches, 0),
          days: formatNumber(lang, b.days, 0),
          rate: formatFraction(lang, b.breach_rate),
          expected: formatFraction(lang, b.expected_rate),
          // Three decimals would round a tiny p-value to a misleading 0.
          p: b.kupiec_p_value < 0.001 ? `< ${formatNumber(lang, 0.001, 3)}` : formatNumber(lang, b.kupiec_p_value, 3),
        })}
      </p>
    </div>
  );
}

function TrackRecordLine({ label, record, trend }: { label: string; record: TrackRecord; trend: boolean }) {
  const { m, lang } = useMessages();
  const share = (v: number | null) => formatFraction(lang, v);
  const text =
    record.scored === 0
      ? fmt(m.predict.trackNone, { pending: formatNumber(lang, record.pending, 0) })
      : trend
        ? fmt(m.predict.trackTrend, {
            moved: formatNumber(lang, record.moved, 0),
            brier: formatNumber(lang, record.brier, 3),
            base: formatNumber(lang, record.brier_base_rate, 3),
            hit: share(record.hit_rate),
          })
        : fmt(m.predict.trackPrice, {
            scored: formatNumber(lang, record.scored, 0),
            ratio: formatNumber(lang, record.error_ratio, 3),
            c80: share(record.coverage_80),
            c95: share(record.coverage_95),
          });
  return (
    <p className="text-muted">
      <span className="font-medium text-fg">{label}</span>: {text}
    </p>
  );
}

function TrackRecordBox({ record, trend }: { record: PredictionTrackRecord; trend: boolean }) {
  const { m } = useMessages();
  return (
    <section aria-label={m.predict.trackRecord} className="rounded-md bg-subtle p-3 text-xs">
      <p className="mb-1 font-semibold">{m.predict.trackRecord}</p>
      <TrackRecordLine label={m.predict.trackSymbol} record={record.symbol} trend={trend} />
      <TrackRecordLine label={m.predict.trackModel} record={record.model} trend={trend} />
      <p className="mt-1 text-muted">{m.predict.trackOverlap}</p>
    </section>
  );
}

function DriftLine({ drift }: { drift: Drift }) {
  const { m, lang } = useMessages();
  const worst = drift.features.find((f) => f.feature === drift.worst_feature);
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-muted">
      <span className="font-semibold text-fg">{m.predict.drift}</span>
      <Badge tone={drift.flag === "drift" ? "warn" : drift.flag === "watch" ? "accent" : "neutral"}>{labelOf(m.predict.driftFlags, drift.flag)}</Badge>
      {fmt(m.predict.driftDetail, {
        feature: labelOf(m.predict.features, drift.worst_feature),
        psi: formatNumber(lang, drift.worst_psi, 3),
        usual: formatNumber(lang, worst?.usual_psi, 3),
      })}
    </p>
  );
}

function Body({ data }: { data: Prediction }) {
  const { m, lang } = useMessages();
  const p = data.prediction;
  const e = data.evaluation;
  const note = useWindowNote();
  // One of PricePrediction, TrendPrediction or RiskAssessment (the contract's PredictionValues), told apart by its fields.
  const rows: Row[] =
    "predicted_price" in p
      ? [
          [m.predict.horizon, `${formatNumber(lang, p.horizon_days, 0)}${m.predict.days}`],
          [m.predict.lastClose, formatNumber(lang, p.last_close)],
          // Without tested skill the model's point forecast is not shown as a prediction: the no-change baseline is.
          e.beats_baseline ? [m.predict.predicted, formatNumber(lang, p.predicted_price)] : [m.predict.baselineForecast, formatNumber(lang, p.last_close)],
          ...p.intervals.map((band): [string, string] => [
            `${m.predict.band} ${formatFraction(lang, band.level)}`,
            `${formatNumber(lang, band.lower)} – ${formatNumber(lang, band.upper)} (${m.predict.coverage} ${formatFraction(lang, band.coverage)})`,
          ]),
        ]
      : "probability_up" in p
        ? [
            [m.predict.horizon, `${formatNumber(lang, p.horizon_days, 0)}${m.predict.days}`],
            [m.predict.direction, p.direction === "up" ? m.predict.up : m.predict.down],
            [p.probability_source === "base_rate" ? m.predict.probabilityBaseRate : m.predict.probabilityUp, formatFraction(lang, p.probability_up)],
          ]
        : riskRows(p, m, lang, note);
  return (
    <div className="flex flex-col gap-3">
      <Rows rows={rows} />
      {e.skill !== undefined && (
        <div className="rounded-md bg-subtle p-3 text-xs">
          <p className="mb-1 flex flex-wrap items-center gap-2 font-semibold">
            {m.predict.evaluation}
            <Badge tone={e.beats_baseline ? "up" : "warn"}>{e.beats_baseline ? m.predict.beatsBaseline : m.predict.noBetter}</Badge>
          </p>
          <p className="text-muted">
            {labelOf(m.predict.metrics, e.metric ?? "")}: {formatNumber(lang, e.model, 4)} ({m.predict.baseline} {labelOf(m.predict.baselines, e.metric ?? "")}: {formatNumber(lang, e.baseline, 4)}) · {m.predict.skill} {formatNumber(lang, e.skill, 3)} ·{" "}
            {formatNumber(lang, e.test_points, 0)} {m.predict.testPoints}
          </p>
          {e.p_value !== undefined && (
            <p className="text-muted">
              {m.predict.pValue} {formatNumber(lang, e.p_value, 3)} · {m.predict.foldWins} {e.fold_wins}/{e.folds} · {m.predict.independentPoints}{" "}
              {formatNumber(lang, e.independent_points, 0)}
            </p>
          )}
          {e.calibration && (
            <p className="text-muted">
              {m.predict.brier} {formatNumber(lang, e.calibration.brier, 3)} ({m.predict.baseRate} {formatNumber(lang, e.calibration.brier_base_rate, 3)}) · {m.predict.logLoss}{" "}
              {formatNumber(lang, e.calibration.log_loss, 3)} ({m.predict.baseRate} {formatNumber(lang, e.calibration.log_loss_base_rate, 3)})
            </p>
          )}
          <p className="text-muted">
            {m.predict.modelScope}: {labelOf(m.predict.scopes, data.model_scope)}
            {data.universe_metrics &&
              ` · ${m.predict.ic} ${formatNumber(lang, data.universe_metrics.ic, 3)} · ${m.predict.rankIc} ${formatNumber(lang, data.universe_metrics.rank_ic, 3)} · ${m.predict.icir} ${formatNumber(lang, data.universe_metrics.icir, 2)} (${formatNumber(lang, data.universe_metrics.days, 0)}${m.predict.icDays})`}
          </p>
          {e.method && <p className="mt-1 text-muted">{m.predict.method}</p>}
          {e.calibration && (
            <div className="mt-2">
              <ReliabilityChart bins={e.calibration.reliability} brier={e.calibration.brier} brierBaseRate={e.calibration.brier_base_rate} />
            </div>
          )}
        </div>
      )}
      {"annual_volatility" in p && <VarBacktestLine p={p} />}
      {data.track_record && <TrackRecordBox record={data.track_record} trend={"probability_up" in p} />}
      {data.drift && <DriftLine drift={data.drift} />}
      <p className="text-xs text-muted">{data.disclaimer[lang]}</p>
    </div>
  );
}

function Tab({ symbol, type }: { symbol: string; type: ModelType }) {
  const { m } = useMessages();
  const q = usePrediction(symbol, type);
  if (q.isPending) return <Skeleton className="h-28 w-full" label={m.common.loading} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.status === "preparing") {
    return (
      <p role="status" className="text-sm text-muted">
        {m.predict.preparing}
      </p>
    );
  }
  return <Body data={q.data} />;
}

export function PredictionPanel({ symbol }: { symbol: string }) {
  const { m } = useMessages();
  const [type, setType] = useState<ModelType>("price_prediction");
  const baseId = useId();
  const labels: Record<ModelType, string> = { price_prediction: m.predict.price, trend_analysis: m.predict.trend, risk_assessment: m.predict.risk };
  return (
    <Card title={m.predict.title} titleId="predict-title">
      <div role="tablist" aria-label={m.predict.title} className="mb-3 flex gap-1 overflow-x-auto border-b border-line">
        {MODEL_TYPES.map((t) => (
          <button
            key={t}
            id={`${baseId}-${t}`}
            type="button"
            role="tab"
            aria-selected={t === type}
            aria-controls={`${baseId}-panel`}
            onClick={() => setType(t)}
            className={cx("-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm", t === type ? "border-accent font-semibold text-accent" : "border-transparent text-muted hover:text-fg")}
          >
            {labels[t]}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-${type}`}>
        <Tab symbol={symbol} type={type} />
      </div>
    </Card>
  );
}
