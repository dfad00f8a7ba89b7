/**
 * Where docs/openapi.yaml leaves an object open (`additionalProperties: {}`: a DictField with only a help text),
 * the generated schema accepts any object, which the UI cannot read. These extend the generated schemas with the
 * one shape the backend renders there today (stocks/selectors.py, analysis/signals.py,
 * portfolios/selectors/history.py), strictly: a missing or mistyped field is a SchemaError, never a default.
 * Written by hand only because the contract does not describe these fields yet; each extension is deleted once
 * its serializer describes the field and `make schema` generates it.
 */
import { z } from "zod";
import { zIndicatorsResponse, zOverviewResponse, zPortfolioHistory, zStatementReport, zStatementsResponse } from "./generated/zod.gen";

const metric = z.number().nullable();

/** OverviewResponse.overview: the Stock row (company facts, metrics, last quote); only the fields the UI reads. */
export const zCompanyOverview = z.object({
  name: z.string(),
  exchange: z.string(),
  currency: z.string(),
  sector: z.string(),
  industry: z.string(),
  description: z.string(),
  market_capitalization: metric,
  pe_ratio: metric,
  eps: metric,
  dividend_yield: metric,
  beta: metric,
  week_52_high: metric,
  week_52_low: metric,
});
export const zStockOverview = zOverviewResponse.extend({ overview: zCompanyOverview });

/** StatementReport: besides the described fields, every line item (a number, or null when not reported). */
export const zStatementReportWithItems = zStatementReport
  .extend({ source: z.string(), fetched_at: z.iso.datetime({ offset: true }) })
  .catchall(z.number().nullable());
export const zStatementWithItems = zStatementsResponse.extend({ reports: z.array(zStatementReportWithItems) });

/** IndicatorsResponse.indicators: NAME -> {params, OUTPUT: [number | null]} for the requested names. */
const series = z.array(z.number().nullable());
const indicator = <T extends z.ZodRawShape>(outputs: T) => z.object({ params: z.record(z.string(), z.number()), ...outputs });
export const zIndicatorOutputs = z.object({
  sma: indicator({ sma: series }).optional(),
  ema: indicator({ ema: series }).optional(),
  rsi: indicator({ rsi: series }).optional(),
  macd: indicator({ macd: series, signal: series, hist: series }).optional(),
  bbands: indicator({ upper: series, middle: series, lower: series }).optional(),
  stoch: indicator({ k: series, d: series }).optional(),
  obv: indicator({ obv: series }).optional(),
  atr: indicator({ atr: series }).optional(),
});

/** IndicatorsResponse.signals (analysis/signals.py signals_evaluate). Rates and returns are fractions. */
export const zStance = z.enum(["strong_buy", "buy", "neutral", "sell", "strong_sell", "unavailable"]);
const explanation = z.object({ en: z.string(), ko: z.string() });
const directionRecord = z.object({
  events: z.int(),
  positive_rate: z.number().nullable(),
  hit_rate: z.number().nullable(),
  mean_return: z.number().nullable(),
  buy_and_hold_mean_return: z.number().nullable(),
});
export const zSignalRule = z.object({
  score: z.number().nullable(),
  stance: zStance,
  explanation,
  recent_events: z.array(z.object({ date: z.iso.date(), direction: z.enum(["bullish", "bearish"]) })),
  track_record: z.record(z.string(), z.object({ bullish: directionRecord, bearish: directionRecord })),
});
export const zSignals = z.object({
  as_of: z.iso.date().nullable(),
  composite: z.object({ score: z.number().nullable(), stance: zStance, explanation, signals_used: z.int() }),
  rules: z.record(z.string(), zSignalRule),
});
export const zIndicatorsWithSignals = zIndicatorsResponse.extend({ indicators: zIndicatorOutputs, signals: zSignals });

/** PortfolioHistory.benchmark: the benchmark's growth of 1 on the portfolio's dates, or why there is none. */
export const zBenchmark = z.discriminatedUnion("available", [
  z.object({
    symbol: z.string(),
    available: z.literal(true),
    method: z.string(),
    return: z.number().nullable(),
    series: z.array(z.object({ date: z.iso.date(), index: z.number().nullable() })),
  }),
  z.object({ symbol: z.string(), available: z.literal(false), reason: z.string() }),
]);
export const zPortfolioHistoryWithBenchmark = zPortfolioHistory.extend({ benchmark: zBenchmark.nullable() });
