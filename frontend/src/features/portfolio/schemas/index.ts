/**
 * Types, constants and form inputs of the signed-in portfolio endpoints. Responses are parsed with the schemas
 * generated from the API contract (src/api); only the WebSocket messages and the refused-import rows in an error
 * body, which the OpenAPI contract does not cover, are declared here.
 */
import { z } from "zod";
import type { HoldingCreated, HoldingOutput, Optimisation, OptimisationInputRequest, Performance, PortfolioSummary, PortfolioSummaryHolding, SymbolCollectionStatus, TransactionImportResult, TransactionOutput, zPortfolioHistoryWithBenchmark } from "@/api";

/** A row of the holdings list (id, symbol, name, quantity, average price, notes). */
export type Holding = HoldingOutput;
/** A summary row: the holding priced (last price object or null), with value, P/L and weight. */
export type PricedHolding = PortfolioSummaryHolding;
export type Summary = PortfolioSummary;
export type CreatedHolding = HoldingCreated;
export type History = z.infer<typeof zPortfolioHistoryWithBenchmark>;

export const holdingInputSchema = z.object({
  symbol: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
  quantity: z.coerce.number().positive(),
  average_price: z.coerce.number().positive(),
  /** The opening buy's date (the exchange's today by default on the server); never after the exchange's today. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  fee: z.coerce.number().min(0).optional(),
  notes: z.string().max(500).optional(),
});
export type HoldingInput = z.infer<typeof holdingInputSchema>;

/** Today on the exchange's clock (New York), as YYYY-MM-DD: the latest trade date the API accepts. */
export function marketToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Steps shown in this order; the backend may also report others. */
export const STEP_NAMES = ["quote", "overview", "daily", "weekly", "financials", "corporate_actions"] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type SymbolStatus = SymbolCollectionStatus;

export const TX_TYPES = ["buy", "sell", "dividend", "split"] as const;
export type Transaction = TransactionOutput;

/** A split's new:old shares as the API reads them: "2:1", "1:3", "3-for-2", or a decimal ratio. */
export const SPLIT_RATIO = /^\s*(?:[1-9]\d{0,6}\s*(?::|\/|-for-|\s+for\s+)\s*[1-9]\d{0,6}|\d+(?:\.\d+)?)\s*$/i;

/** The form's values as the API takes them: a split sends `ratio` (exact, new:old shares), the others `quantity`. */
export const transactionInputSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    symbol: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
    type: z.enum(TX_TYPES),
    quantity: z.string().trim(),
    price: z.coerce.number().min(0),
    fee: z.coerce.number().min(0).default(0),
  })
  .superRefine((v, ctx) => {
    const valid = v.type === "split" ? SPLIT_RATIO.test(v.quantity) && Number(v.quantity) !== 0 : Number(v.quantity) > 0;
    if (!valid) ctx.addIssue({ code: "custom", path: ["quantity"], message: "invalid" });
  })
  .transform(({ quantity, ...rest }) => (rest.type === "split" ? { ...rest, ratio: quantity } : { ...rest, quantity: Number(quantity) }));
export type TransactionInput = z.output<typeof transactionInputSchema>;
export type ImportResult = TransactionImportResult;

/** A refused import (400, core.exceptions error body) lists the bad rows in extra.errors; nothing is imported. */
/** A refused import's rows (extra.errors): line, field, the English reason and its code and params for the catalogue. */
export const importErrorsSchema = z.array(
  z.object({ line: z.int(), field: z.string(), reason: z.string(), code: z.string().optional(), params: z.record(z.string(), z.unknown()).optional() }),
);

/** Messages pushed on /ws/portfolio/ (portfolios/realtime.py). Unknown message types are ignored. */
export const portfolioSocketMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("portfolio_update"), total_value: z.number().nullable(), day_change: z.number().nullable() }),
  z.object({ type: z.literal("alert"), symbol: z.string(), kind: z.string(), value: z.number().nullable(), threshold: z.number().nullable(), message: z.string() }),
]);
export type PortfolioSocketMessage = z.infer<typeof portfolioSocketMessageSchema>;

/** The optimisation request body and answer (POST /api/v1/users/portfolio/optimise/). */
export type OptimisationInput = OptimisationInputRequest;
export type OptimisationResult = Optimisation;
/** Annual expected return, volatility (fractions) and Sharpe ratio of one portfolio. */
export type PortfolioPoint = Performance;
export const OPTIMISATION_METHODS = ["max_sharpe", "min_volatility", "efficient_return", "efficient_risk", "hrp"] as const satisfies ReadonlyArray<NonNullable<OptimisationInput["method"]>>;
