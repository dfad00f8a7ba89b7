import { describe, expect, it } from "vitest";
import { historySchema, holdingSchema, summarySchema, symbolStatusSchema } from "../schemas";

// Payloads in the backend's shapes (portfolios/apis/overview.py, holdings.py).
describe("portfolio schemas normalise the backend shapes", () => {
  it("flattens a summary with totals and nested last prices", () => {
    const s = summarySchema.parse({
      currency: "USD",
      holdings: [
        {
          id: 3, symbol: "AAPL", name: "Apple Inc", quantity: 10, average_price: 150, cost: 1500,
          price: { price: 190, date: "2026-11-26", basis: "quote", source: "simulated", previous_close: 188, change: 2, change_percent: 1.06 },
          market_value: 1900, unrealized_pl: 400, unrealized_pl_percent: 26.67, realized_pl: 0, dividends: 0, fees: 0, day_change: 20, day_change_percent: 1.06, weight: 100,
        },
      ],
      totals: { market_value: 1900, cost: 1500, unrealized_pl: 400, unrealized_pl_percent: 26.67, realized_pl: 0, dividends: 0, day_change: 20, day_change_percent: 1.06, holdings_count: 1 },
      unpriced_symbols: [],
    });
    expect(s).toMatchObject({ total_value: 1900, total_cost: 1500, unrealized_pl: 400, day_change: 20, currency: "USD" });
    expect(s.holdings[0]).toMatchObject({ price: 190, price_date: "2026-11-26", source: "simulated", market_value: 1900, weight: 100 });
  });

  it("accepts decimal strings and a holding without prices", () => {
    expect(holdingSchema.parse({ id: 1, symbol: "MSFT", name: "Microsoft", quantity: "2.5000", average_price: "300.10", notes: "" })).toMatchObject({ quantity: 2.5, average_price: 300.1, price: null });
  });

  it("reads history returns and the benchmark index", () => {
    const h = historySchema.parse({
      currency: "USD", period: "all", start: "2026-01-02", end: "2026-01-05",
      series: [
        { date: "2026-01-02", value: 1000, contribution: 1000, distribution: 0, index: 1 },
        { date: "2026-01-05", value: 1010, contribution: 0, distribution: 0, index: 1.01 },
      ],
      returns: { time_weighted: { method: "chain-linked", value: 0.01, annualized: null }, money_weighted: { method: "XIRR", value: 0.012, annualized: true } },
      benchmark: { symbol: "SPY", available: true, method: "growth of 1", return: 0.02, series: [{ date: "2026-01-02", index: 1 }, { date: "2026-01-05", index: null }] },
      snapshots: [],
    });
    expect(h.returns.twr?.value).toBe(0.01);
    expect(h.returns.mwr?.value).toBe(0.012);
    expect(h.benchmark).toEqual({ symbol: "SPY", series: [{ date: "2026-01-02", value: 1 }] });
    expect(historySchema.parse({ series: [], benchmark: { symbol: "SPY", available: false, reason: "no prices" } }).benchmark).toBeNull();
  });

  it("keeps any collection steps the backend reports", () => {
    const s = symbolStatusSchema.parse({
      symbol: "AAPL", stock_exists: true, has_overview: true, has_prices: false, has_financial: false, is_complete: false, collection_state: "running",
      details: { daily_prices: 0, weekly_prices: 0, balance_sheets: 0, income_statements: 0, cash_flows: 0 },
      steps: { quote: { state: "done", rows_written: 1, rows_rejected: 0, reason: "", retry_at: null, updated_at: "2026-11-27T09:00:00Z" }, daily: { state: "waiting_for_quota", rows_written: 0, rows_rejected: 0, reason: "quota", retry_at: "2026-11-28T00:00:00Z", updated_at: "2026-11-27T09:00:00Z" } },
    });
    expect(Object.keys(s.steps ?? {})).toEqual(["quote", "daily"]);
    expect(s.steps?.daily?.state).toBe("waiting_for_quota");
  });
});
