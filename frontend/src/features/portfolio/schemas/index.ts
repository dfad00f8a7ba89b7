/** Zod schemas for the signed-in portfolio endpoints. */
import { z } from "zod";
import { listOf, num, optNum, optStr } from "@/lib/schema-helpers";

/** The backend's last-price object (summary rows, watchlist); a bare number is accepted too. */
export const lastPriceSchema = z.object({
  price: optNum,
  date: optStr,
  source: optStr,
  change: optNum,
  change_percent: optNum,
});

/**
 * A holding. The list endpoint sends {id, symbol, name, quantity, average_price, notes}; summary rows add
 * cost, value, P/L and `price` as an object. Normalised to one flat shape.
 */
export const holdingSchema = z
  .object({
    id: z.union([z.number(), z.string()]),
    symbol: z.string(),
    name: optStr,
    quantity: num,
    average_price: num,
    notes: optStr,
    price: z.union([num, lastPriceSchema]).nullish(),
    price_date: optStr,
    source: optStr,
    market_value: optNum,
    cost: optNum,
    unrealized_pl: optNum,
    unrealized_pl_percent: optNum,
    realized_pl: optNum,
    day_change: optNum,
    day_change_percent: optNum,
    weight: optNum,
  })
  .transform(({ price, ...h }) => {
    const p = typeof price === "object" && price !== null ? price : null;
    return {
      ...h,
      price: p ? p.price : typeof price === "number" ? price : null,
      price_date: p ? p.date : h.price_date,
      source: p ? p.source : h.source,
    };
  });
export type Holding = z.infer<typeof holdingSchema>;
export const holdingListSchema = listOf(holdingSchema);

export const holdingInputSchema = z.object({
  symbol: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
  quantity: z.coerce.number().positive(),
  average_price: z.coerce.number().positive(),
  notes: z.string().max(500).optional(),
});
export type HoldingInput = z.infer<typeof holdingInputSchema>;

const totalsSchema = z.object({
  market_value: optNum,
  cost: optNum,
  unrealized_pl: optNum,
  unrealized_pl_percent: optNum,
  realized_pl: optNum,
  day_change: optNum,
  day_change_percent: optNum,
});

/** Backend: {currency, holdings, totals: {...}, unpriced_symbols}; a flat {total_value, ...} is accepted too. */
export const summarySchema = z
  .object({
    currency: optStr,
    totals: totalsSchema.optional(),
    total_value: optNum,
    total_cost: optNum,
    unrealized_pl: optNum,
    unrealized_pl_percent: optNum,
    realized_pl: optNum,
    day_change: optNum,
    day_change_percent: optNum,
    as_of: optStr,
    holdings: listOf(holdingSchema).default([]),
    unpriced_symbols: z.array(z.string()).default([]),
  })
  .transform((v) => {
    const t = v.totals;
    return {
      currency: v.currency ?? "USD",
      total_value: t ? t.market_value : v.total_value,
      total_cost: t ? t.cost : v.total_cost,
      unrealized_pl: t ? t.unrealized_pl : v.unrealized_pl,
      unrealized_pl_percent: t ? t.unrealized_pl_percent : v.unrealized_pl_percent,
      realized_pl: t ? t.realized_pl : v.realized_pl,
      day_change: t ? t.day_change : v.day_change,
      day_change_percent: t ? t.day_change_percent : v.day_change_percent,
      as_of: v.as_of,
      holdings: v.holdings,
      unpriced_symbols: v.unpriced_symbols,
    };
  });
export type Summary = z.infer<typeof summarySchema>;

const returnSchema = z.object({ value: optNum, method: optStr }).nullish();

/**
 * Backend: series [{date, value, contribution, distribution, index}], returns {time_weighted, money_weighted},
 * benchmark {symbol, available, series: [{date, index}] | reason} | null. Normalised for the chart.
 */
export const historySchema = z
  .object({
    series: z.array(z.object({ date: z.string(), value: num, cost: optNum, index: optNum })),
    returns: z
      .object({ twr: returnSchema, mwr: returnSchema, time_weighted: returnSchema, money_weighted: returnSchema })
      .partial()
      .nullish(),
    benchmark: z
      .object({
        symbol: z.string(),
        available: z.boolean().optional(),
        reason: optStr,
        series: z.array(z.object({ date: z.string(), value: optNum, index: optNum })).optional(),
      })
      .nullish(),
  })
  .transform((v) => ({
    series: v.series.map((p) => ({ date: p.date, value: p.value, cost: p.cost })),
    returns: {
      twr: v.returns?.time_weighted ?? v.returns?.twr ?? null,
      mwr: v.returns?.money_weighted ?? v.returns?.mwr ?? null,
    },
    benchmark:
      v.benchmark && v.benchmark.available !== false && v.benchmark.series
        ? {
            symbol: v.benchmark.symbol,
            series: v.benchmark.series.flatMap((p) => {
              const value = p.index ?? p.value;
              return value === null ? [] : [{ date: p.date, value }];
            }),
          }
        : null,
  }));
export type History = z.infer<typeof historySchema>;

/** Steps shown in this order; the backend may also report others (quote, corporate_actions). */
export const STEP_NAMES = ["quote", "overview", "daily", "weekly", "financials", "corporate_actions"] as const;
export type StepName = (typeof STEP_NAMES)[number];
export const stepStateSchema = z.enum(["pending", "running", "done", "partial", "failed", "waiting_for_quota"]).catch("pending");
export type StepState = z.infer<typeof stepStateSchema>;
const stepSchema = z.object({ state: stepStateSchema, reason: optStr, updated_at: optStr, retry_at: optStr });

export const symbolStatusSchema = z.object({
  symbol: z.string(),
  stock_exists: z.boolean(),
  has_overview: z.boolean(),
  has_prices: z.boolean(),
  has_financial: z.boolean(),
  is_complete: z.boolean(),
  collection_state: optStr,
  details: z.record(z.string(), z.number().nullable()).nullish(),
  steps: z.record(z.string(), stepSchema).nullish(),
});
export type SymbolStatus = z.infer<typeof symbolStatusSchema>;

export const TX_TYPES = ["buy", "sell", "dividend", "split"] as const;
export const transactionSchema = z.object({
  id: z.union([z.number(), z.string()]),
  date: z.string(),
  symbol: z.string(),
  type: z.enum(TX_TYPES),
  quantity: optNum,
  price: optNum,
  fee: optNum,
});
export type Transaction = z.infer<typeof transactionSchema>;

export const transactionInputSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  symbol: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
  type: z.enum(TX_TYPES),
  quantity: z.coerce.number().positive(),
  price: z.coerce.number().min(0),
  fee: z.coerce.number().min(0).default(0),
});
export type TransactionInput = z.infer<typeof transactionInputSchema>;
export const transactionListSchema = listOf(transactionSchema);

/** Success: backend {import_id, rows, holdings_created}; older notes {imported, rejected}. */
export const importResultSchema = z
  .object({
    rows: z.number().optional(),
    imported: z.number().optional(),
    import_id: z.number().optional(),
    holdings_created: z.array(z.string()).default([]),
    rejected: z.array(z.object({ line: z.number(), reason: z.string() })).default([]),
  })
  .transform((v) => ({ imported: v.rows ?? v.imported ?? 0, holdings_created: v.holdings_created, rejected: v.rejected.map((r) => ({ ...r, field: null as string | null })) }));

/** A refused import (400) lists the bad rows in extra.errors: [{line, field, reason}]; nothing is imported. */
export const importErrorsSchema = z.array(z.object({ line: num.nullish(), field: optStr, reason: z.string() }));
export type ImportResult = z.infer<typeof importResultSchema>;

/** Messages pushed on /ws/portfolio/. Unknown message types are ignored. */
export const portfolioSocketMessageSchema = z.union([
  z.object({ type: z.literal("portfolio_update"), total_value: optNum, day_change: optNum }).loose(),
  z.object({ type: z.enum(["alert", "alert_triggered"]), symbol: optStr, message: optStr }).loose(),
]);
export type PortfolioSocketMessage = z.infer<typeof portfolioSocketMessageSchema>;
