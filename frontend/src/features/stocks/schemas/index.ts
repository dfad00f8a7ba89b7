/**
 * Types and constants of the public stock endpoints. Responses are parsed with the schemas generated from the
 * API contract (src/api); only the WebSocket message, which the OpenAPI contract does not cover, is declared here.
 */
import { z } from "zod";
import type { zAdjustmentEnum, ChartBar, ChartEvent, ChartResponse, zIntradayChartResponse, SearchResult, zIndicatorsWithSignals, zSignalRule, zStance, zStatementReportWithItems, zStatementWithItems, zStockOverview } from "@/api";

export const chartTypeSchema = z.enum(["daily", "weekly"]);
export type ChartType = z.infer<typeof chartTypeSchema>;
export const PERIODS = ["1d", "5d", "1m", "3m", "6m", "1y", "2y", "5y", "max"] as const;
export type Period = (typeof PERIODS)[number];

export type PriceBar = ChartBar;
export type PriceBars = ChartResponse;
/** 1D/5D: 5-minute bars timed in New York time with their offset (`interval` "5min"), or daily bars with `fallback`. */
export type IntradayBars = z.infer<typeof zIntradayChartResponse>;
export const INTRADAY_PERIODS = ["1d", "5d"] as const satisfies readonly Period[];
export function isIntradayPeriod(period: Period): period is (typeof INTRADAY_PERIODS)[number] {
  return (INTRADAY_PERIODS as readonly Period[]).includes(period);
}
export function isIntradayBars(bars: PriceBars | IntradayBars): bars is IntradayBars {
  return "interval" in bars;
}
export type PriceEvent = ChartEvent;
/** raw: as traded; split: split-adjusted (the default, what chart users expect); total: also dividends. */
export type Adjustment = z.infer<typeof zAdjustmentEnum>;
export const DEFAULT_ADJUSTMENT: Adjustment = "split";
export type Overview = z.infer<typeof zStockOverview>;

export const statementKindSchema = z.enum(["balance-sheet", "income-statement", "cashflow"]);
export type StatementKind = z.infer<typeof statementKindSchema>;
export type StatementPeriod = "annual" | "quarterly";
export type StatementReport = z.infer<typeof zStatementReportWithItems>;
export type Statement = z.infer<typeof zStatementWithItems>;

export type SymbolMatch = SearchResult;

export type Stance = z.infer<typeof zStance>;
export type SignalRule = z.infer<typeof zSignalRule>;
export type Indicators = z.infer<typeof zIndicatorsWithSignals>;
export const INDICATOR_NAMES = ["sma", "ema", "bbands", "rsi", "macd", "stoch", "obv", "atr"] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];
export const OVERLAYS: IndicatorName[] = ["sma", "ema", "bbands"];
export const PANES: IndicatorName[] = ["rsi", "macd", "stoch", "obv", "atr"];

/** `price_update` on /ws/stocks/<symbol>/ (stocks/realtime.py price_update_message); other messages are ignored. */
export const priceUpdateSchema = z.object({
  type: z.literal("price_update"),
  symbol: z.string(),
  price: z.number(),
  change: z.number().nullable(),
  change_percent: z.number().nullable(),
  volume: z.int().nullable(),
  timestamp: z.iso.datetime({ offset: true }).nullable(),
  // Additive fields (docs/api.md "Last price"); optional so an older server's messages still parse.
  previous_close: z.number().nullable().optional(),
  session: z.iso.date().optional(),
  basis: z.enum(["quote", "daily_close"]).optional(),
  observed_at: z.iso.datetime({ offset: true }).optional(),
});
export type PriceUpdate = z.infer<typeof priceUpdateSchema>;
