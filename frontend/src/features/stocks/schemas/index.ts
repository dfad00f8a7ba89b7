/** Zod schemas for the public stock endpoints. Tolerant of extra keys, strict on the keys the UI uses. */
import { z } from "zod";
import type { ApiSchema } from "@/api";
import { listOf, num, optNum, optStr } from "@/lib/schema-helpers";

export const chartTypeSchema = z.enum(["daily", "weekly"]);
export type ChartType = z.infer<typeof chartTypeSchema>;
export const PERIODS = ["1d", "5d", "1m", "3m", "6m", "1y", "2y", "5y", "max"] as const;
export type Period = (typeof PERIODS)[number];

export const priceBarSchema = z.object({
  time: z.iso.date(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
}) satisfies z.ZodType<ApiSchema<"ChartBar">>;
export type PriceBar = z.infer<typeof priceBarSchema>;

export const priceBarsSchema = z.object({
  symbol: z.string(),
  type: z.string(),
  period: z.string(),
  days: z.number().nullable(),
  count: z.number(),
  as_of: z.iso.datetime({ offset: true }).nullable(),
  source: z.string(),
  simulated: z.boolean(),
  data: z.array(priceBarSchema),
}) satisfies z.ZodType<ApiSchema<"ChartResponse">>;
export type PriceBars = z.infer<typeof priceBarsSchema>;

const overviewFieldsSchema = z.object({
  name: optStr,
  exchange: optStr,
  currency: optStr,
  sector: optStr,
  industry: optStr,
  description: optStr,
  market_cap: optNum,
  market_capitalization: optNum,
  pe_ratio: optNum,
  eps: optNum,
  dividend_yield: optNum,
  beta: optNum,
  week_52_high: optNum,
  week_52_low: optNum,
  price: optNum,
  real_time_price: optNum,
  previous_close: optNum,
  change: optNum,
  change_percent: optNum,
  volume: optNum,
  latest_trading_day: optStr,
  analyst_target_price: optNum,
  forward_pe: optNum,
  price_to_book_ratio: optNum,
  profit_margin: optNum,
  return_on_equity_ttm: optNum,
});

/**
 * The backend nests company fields under `overview` ({symbol, as_of, source, simulated, overview: {...}});
 * a flat object is accepted too. Both normalise to one flat shape.
 */
export const overviewSchema = z
  .object({
    symbol: z.string(),
    source: optStr,
    as_of: optStr,
    simulated: z.boolean().optional(),
    has_overview: z.boolean().optional(),
    overview: overviewFieldsSchema.optional(),
  })
  .and(overviewFieldsSchema)
  .transform((v) => {
    const o = { ...v, ...(v.overview ?? {}) };
    return {
      symbol: v.symbol,
      name: o.name,
      exchange: o.exchange,
      currency: o.currency,
      sector: o.sector,
      industry: o.industry,
      description: o.description,
      market_cap: o.market_capitalization ?? o.market_cap,
      pe_ratio: o.pe_ratio,
      eps: o.eps,
      dividend_yield: o.dividend_yield,
      beta: o.beta,
      week_52_high: o.week_52_high,
      week_52_low: o.week_52_low,
      price: o.real_time_price ?? o.price ?? o.previous_close,
      change: o.change,
      change_percent: o.change_percent,
      volume: o.volume,
      latest_trading_day: o.latest_trading_day,
      analyst_target_price: o.analyst_target_price,
      forward_pe: o.forward_pe,
      price_to_book_ratio: o.price_to_book_ratio,
      source: v.source,
      simulated: v.simulated ?? v.source === "simulated",
      as_of: v.as_of,
      has_overview: v.has_overview ?? true,
    };
  });
export type Overview = z.infer<typeof overviewSchema>;

export const statementKindSchema = z.enum(["balance-sheet", "income-statement", "cashflow"]);
export type StatementKind = z.infer<typeof statementKindSchema>;
export type StatementPeriod = "annual" | "quarterly";

/** One report: metadata plus any number of snake_case line items (numbers, numeric strings or null). */
export const statementReportSchema = z
  .object({
    fiscal_date_ending: z.string(),
    fiscal_year: z.number().nullish(),
    fiscal_quarter: z.number().nullish(),
    reported_currency: optStr,
    ratios: z.record(z.string(), z.number().nullable()).nullish(),
  })
  .catchall(z.unknown());
export type StatementReport = z.infer<typeof statementReportSchema>;

export const statementSchema = z.object({
  symbol: z.string(),
  period: z.string(),
  source: optStr,
  as_of: optStr,
  reports: z.array(statementReportSchema),
  /** Older shape: one ratios object for the statement; the backend puts `ratios` on each report. */
  ratios: z.record(z.string(), z.unknown()).nullish(),
});
export type Statement = z.infer<typeof statementSchema>;

export const symbolMatchSchema = z.object({
  symbol: z.string(),
  name: optStr,
  type: optStr,
  region: optStr,
  currency: optStr,
  match_score: optNum,
  stored: z.boolean().optional(),
  in_database: z.boolean().optional(),
}).transform(({ in_database, stored, ...rest }) => ({ ...rest, stored: in_database ?? stored ?? false }));
export type SymbolMatch = z.infer<typeof symbolMatchSchema>;
export const symbolSearchSchema = z.object({ results: z.array(symbolMatchSchema) });

export const popularSchema = z.object({ results: listOf(z.object({ symbol: z.string(), name: optStr, in_database: z.boolean().optional() })) });

export const refreshStatusSchema = z.object({
  provider: optStr,
  quota: z.object({ remaining_today: optNum, limit_per_day: optNum }).nullish(),
  market: z.object({ is_open: z.boolean(), next_open: optStr, next_close: optStr }).nullish(),
  symbols: z.array(z.object({ symbol: z.string(), as_of: optStr, next_refresh: optStr })).default([]),
});
export type RefreshStatus = z.infer<typeof refreshStatusSchema>;

const series = z.array(num.nullable());

export const STANCES = ["strong_buy", "buy", "neutral", "sell", "strong_sell", "unavailable"] as const;
export type Stance = (typeof STANCES)[number];
const stanceSchema = z.enum(STANCES).catch("unavailable");
const explanationSchema = z.object({ ko: z.string(), en: z.string() }).partial().nullish().transform((v) => v ?? {});

/** One track-record line: events of one direction over one horizon. Rates and returns are fractions. */
export interface TrackRecordRow {
  horizon: string;
  direction: "bullish" | "bearish";
  events: number | null;
  hit_rate: number | null;
  mean_return: number | null;
  buy_and_hold: number | null;
}

export interface SignalItem {
  indicator: string;
  stance: Stance;
  score: number | null;
  date: string | null;
  explanation: { ko?: string; en?: string };
  records: TrackRecordRow[];
}

const directionRecord = z.object({ events: optNum, positive_rate: optNum, hit_rate: optNum, mean_return: optNum, buy_and_hold_mean_return: optNum });

/** Backend shape: `rules` keyed by rule name, track_record {"5d": {bullish, bearish}, "20d": ...}. */
const ruleSchema = z.object({
  score: optNum,
  stance: stanceSchema,
  explanation: explanationSchema,
  recent_events: z.array(z.object({ date: optStr }).loose()).optional(),
  track_record: z.record(z.string(), z.object({ bullish: directionRecord.optional(), bearish: directionRecord.optional() })).optional(),
});

/** Shape in the first API notes: `items` with buy/sell/neutral and a flat track record. */
const itemSchema = z.object({
  indicator: z.string(),
  signal: z.enum(["buy", "sell", "neutral"]),
  date: optStr,
  explanation: explanationSchema,
  track_record: z
    .object({ count: optNum, hit_rate_5d: optNum, hit_rate_20d: optNum, mean_return_5d: optNum, mean_return_20d: optNum, buy_hold_5d: optNum, buy_hold_20d: optNum })
    .nullish(),
});

const signalsSchema = z
  .object({
    as_of: optStr,
    composite: z.object({ score: optNum, stance: z.string().optional(), label: z.string().optional(), explanation: explanationSchema }).nullish(),
    rules: z.record(z.string(), ruleSchema).optional(),
    items: z.array(itemSchema).optional(),
  })
  .transform((v) => {
    const items: SignalItem[] = [];
    for (const [name, r] of Object.entries(v.rules ?? {})) {
      const records: TrackRecordRow[] = [];
      for (const [horizon, dirs] of Object.entries(r.track_record ?? {})) {
        for (const direction of ["bullish", "bearish"] as const) {
          const d = dirs[direction];
          if (d) records.push({ horizon, direction, events: d.events, hit_rate: d.hit_rate, mean_return: d.mean_return, buy_and_hold: d.buy_and_hold_mean_return });
        }
      }
      const last = r.recent_events?.[r.recent_events.length - 1];
      items.push({ indicator: name, stance: r.stance, score: r.score, date: last?.date ?? null, explanation: r.explanation, records });
    }
    for (const it of v.items ?? []) {
      const tr = it.track_record;
      const direction = it.signal === "sell" ? "bearish" : "bullish";
      const records: TrackRecordRow[] = tr
        ? [
            { horizon: "5d", direction, events: tr.count, hit_rate: tr.hit_rate_5d, mean_return: tr.mean_return_5d, buy_and_hold: tr.buy_hold_5d },
            { horizon: "20d", direction, events: tr.count, hit_rate: tr.hit_rate_20d, mean_return: tr.mean_return_20d, buy_and_hold: tr.buy_hold_20d },
          ]
        : [];
      items.push({ indicator: it.indicator, stance: it.signal, score: null, date: it.date, explanation: it.explanation, records });
    }
    const c = v.composite;
    return {
      as_of: v.as_of,
      composite: c ? { score: c.score, stance: (STANCES as readonly string[]).includes(c.stance ?? "") ? (c.stance as Stance) : null, label: c.label ?? c.stance ?? "", explanation: c.explanation } : null,
      items,
    };
  });
const withParams = <T extends z.ZodRawShape>(shape: T) => z.object({ params: z.record(z.string(), z.unknown()).optional(), ...shape });

export const indicatorsSchema = z.object({
  symbol: z.string(),
  type: z.string().optional(),
  dates: z.array(z.string()),
  indicators: z.object({
    sma: withParams({ sma: series }).optional(),
    ema: withParams({ ema: series }).optional(),
    rsi: withParams({ rsi: series }).optional(),
    macd: withParams({ macd: series, signal: series, hist: series }).optional(),
    bbands: withParams({ upper: series, middle: series, lower: series }).optional(),
    stoch: withParams({ k: series, d: series }).optional(),
    obv: withParams({ obv: series }).optional(),
    atr: withParams({ atr: series }).optional(),
  }),
  signals: signalsSchema.nullish(),
  source: optStr,
  simulated: z.boolean().optional(),
});
export type Indicators = z.infer<typeof indicatorsSchema>;
export const INDICATOR_NAMES = ["sma", "ema", "bbands", "rsi", "macd", "stoch", "obv", "atr"] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];
export const OVERLAYS: IndicatorName[] = ["sma", "ema", "bbands"];
export const PANES: IndicatorName[] = ["rsi", "macd", "stoch", "obv", "atr"];

export const priceUpdateSchema = z.object({
  type: z.literal("price_update"),
  symbol: z.string(),
  price: num,
  change: optNum,
  change_percent: optNum,
  volume: optNum,
  timestamp: optStr,
});
export type PriceUpdate = z.infer<typeof priceUpdateSchema>;
