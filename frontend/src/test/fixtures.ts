/**
 * Response bodies in the backend's shapes, trimmed from the demo backend's real answers. Each is typed against the
 * generated contract, so a fixture that drifts from docs/openapi.yaml stops the test suite from compiling.
 */
import type { z } from "zod";
import type {
  AlertOutput,
  HoldingOutput,
  PortfolioSummary,
  PortfolioSummaryHolding,
  PredictionResponse,
  RefreshStatus,
  SearchResponse,
  SymbolCollectionStatus,
  SymbolCollectionStep,
  TransactionOutput,
  UserOutput,
  WatchlistEntry,
  zIndicatorsWithSignals,
  zPortfolioHistoryWithBenchmark,
  zStockOverview,
} from "@/api";

export const overviewBody = {
  symbol: "AAPL", as_of: "2026-11-27T09:00:00Z", source: "simulated", simulated: true, has_overview: true,
  last_price: {
    price: 190.5, date: "2026-11-27", basis: "quote", source: "simulated", observed_at: "2026-11-27T16:05:00Z", volume: 50_000_000,
    previous_session: "2026-11-25", previous_close: 189, change: 1.5, change_percent: 0.7937,
  },
  overview: {
    name: "Apple Inc", exchange: "NASDAQ", currency: "USD", sector: "TECHNOLOGY", industry: "ELECTRONIC COMPUTERS", description: "Apple designs phones.",
    market_capitalization: 3.0e12, pe_ratio: 30.1, eps: 6.4, dividend_yield: 0.0044, beta: 1.2, week_52_high: 200, week_52_low: 160,
  },
} satisfies z.input<typeof zStockOverview>;

export const refreshStatusBody = {
  provider: "simulated", quota: { remaining_today: null, limit_per_day: null, unlimited: true },
  market: { is_open: false, next_open: "2026-11-27T14:30:00Z", next_close: "2026-11-27T21:00:00Z" }, quote_period_seconds: 60,
  symbols: [{ symbol: "AAPL", as_of: "2026-11-27T09:00:00Z", next_refresh: "2026-11-27T10:00:00Z", datasets: {}, intraday_interest: [], model_drift: null }],
  dead_letters: { open: 0, total: 0, latest: [] },
  consistency: {
    checked_at: null, symbols_checked: 0, findings: 0, latest: [],
    by_kind: { weekly_mismatch: 0, balance_sheet_unbalanced: 0, missing_sessions: 0, bar_constraint: 0 },
    tolerances: { weekly_price_relative: 0.001, weekly_volume_relative: 0.01, balance_sheet_relative: 0.01 },
  },
} satisfies RefreshStatus;

const record = (events: number) => ({ events, positive_rate: 0.6, hit_rate: 0.55, mean_return: 0.012, buy_and_hold_mean_return: 0.008 });
export const indicatorsBody = {
  symbol: "AAPL", type: "daily", period: "1y", days: null, count: 2, as_of: null, source: "simulated", simulated: true,
  dates: ["2026-11-25", "2026-11-26"],
  indicators: { rsi: { params: { timeperiod: 14 }, rsi: [null, 55.2] } },
  signals: {
    as_of: "2026-11-26",
    composite: { score: 0.35, stance: "buy", explanation: { en: "2 signals average +0.35: bullish.", ko: "2개 신호의 평균은 +0.35입니다: 매수." }, signals_used: 2 },
    rules: {
      rsi: {
        score: 0.2, stance: "buy", explanation: { en: "RSI is 55.", ko: "RSI는 55입니다." },
        recent_events: [{ date: "2026-11-20", direction: "bullish" }],
        track_record: { "5d": { bullish: record(12), bearish: record(9) }, "20d": { bullish: record(11), bearish: record(8) } },
      },
      obv: { score: null, stance: "unavailable", explanation: { en: "Not enough history.", ko: "이력이 부족합니다." }, recent_events: [], track_record: {} },
    },
  },
} satisfies z.input<typeof zIndicatorsWithSignals>;

/** Not `satisfies`: TypeScript cannot type line items (numbers) beside the described string fields; tests parse it. */
export const statementBody = {
  symbol: "AAPL", statement: "income-statement", period: "annual", count: 2, as_of: "2026-11-27T09:00:00Z", source: "simulated", simulated: true,
  reports: [
    { period_type: "annual", fiscal_year: 2026, fiscal_quarter: null, fiscal_date_ending: "2026-09-30", reported_currency: "USD", fetched_at: "2026-11-27T09:00:00Z", source: "simulated", total_revenue: 400, net_income: 100, non_interest_income: null, ratios: { net_margin: 0.25 } },
    { period_type: "annual", fiscal_year: 2025, fiscal_quarter: null, fiscal_date_ending: "2025-09-30", reported_currency: "USD", fetched_at: "2026-11-27T09:00:00Z", source: "simulated", total_revenue: 380, net_income: 90, non_interest_income: null, ratios: { net_margin: null } },
  ],
};

export const holdingBody = {
  id: 1, symbol: "AAPL", name: "Apple Inc", quantity: 10, average_price: 150, notes: "Demo holding", created_at: "2026-11-27T09:00:00Z", updated_at: "2026-11-27T09:00:00Z",
} satisfies HoldingOutput;

const figure = (method: string, value: number | null, gross: number | null) => ({ method, formula: `${method} formula`, value, gross, reason: null });
const periodPl = (start: string, pl: number, ret: number) => ({ start, end: "2026-01-05", pl, return: ret, formula: "P/L", complete: true });

export const returnsBody = {
  time_weighted: { ...figure("chain-linked", 0.01, 0.011), annualized: null },
  money_weighted: { ...figure("XIRR", 0.012, 0.013), annualized: true },
  roai: { ...figure("ROAI", 0.0703, 0.0771), time_weighted_investment: 474.94, window: "since_start" },
  simple: figure("simple", 0.0105, 0.0106),
};

export const periodPlBody = {
  "1d": periodPl("2026-01-02", 10, 0.01), wtd: periodPl("2026-01-02", 10, 0.01), mtd: periodPl("2026-01-02", 10, 0.01),
  ytd: periodPl("2026-01-02", 10, 0.01), "1y": { ...periodPl("2026-01-02", 10, 0.01), complete: false }, since_start: periodPl("2026-01-02", 10, 0.01),
};

export const summaryHoldingBody = {
  id: 1, symbol: "AAPL", name: "Apple Inc", currency: "USD", currency_source: "overview", quantity: 10, average_price: 150, cost: 1500,
  price: { price: 190, date: "2026-11-25", basis: "quote", source: "simulated", observed_at: "2026-11-25T20:00:00Z", volume: 1_000, previous_session: "2026-11-24", previous_close: 188, change: 2, change_percent: 1.06 },
  market_value: 1900, unrealized_pl: 400, unrealized_pl_percent: 26.67, realized_pl: 0, dividends: 0, fees: 0, day_change: 20, day_change_percent: 1.06,
  base: { currency: "USD", fx_rate: 1, fx_date: "2026-11-25", market_value: 1900, cost: 1500, average_price: 150, unrealized_pl: 400, unrealized_pl_percent: 26.67, realized_pl: 0, dividends: 0, fees: 0, day_change: 20 },
  weight: 100,
} satisfies PortfolioSummaryHolding;

export const summaryBody = {
  currency: "USD",
  as_of: "2026-11-25",
  holdings: [summaryHoldingBody],
  totals: { market_value: 1900, cost: 1500, unrealized_pl: 400, unrealized_pl_percent: 26.67, realized_pl: 0, dividends: 0, fees: 0, day_change: 20, day_change_percent: 1.06, holdings_count: 1, partial_reason: null, cash: -1500, account_value: 400 },
  returns: returnsBody,
  period_pl: periodPlBody,
  unpriced_symbols: [],
  unconverted_symbols: [],
  fx_missing: [],
} satisfies PortfolioSummary;

export const historyBody = {
  currency: "USD", as_of: "2026-01-05", period: "all", start: "2026-01-02", end: "2026-01-05",
  series: [
    { date: "2026-01-02", value: 1000, contribution: 1000, distribution: 0, index: 1 },
    { date: "2026-01-05", value: 1010, contribution: 0, distribution: 0, index: 1.01 },
  ],
  returns: returnsBody,
  period_pl: periodPlBody,
  risk: null,
  benchmark: { symbol: "SPY", available: true, method: "growth of 1", return: 0.02, series: [{ date: "2026-01-02", index: 1 }, { date: "2026-01-05", index: 1.02 }] },
  fx_missing: [],
  snapshots: [],
} satisfies z.input<typeof zPortfolioHistoryWithBenchmark>;

export const transactionBody = {
  id: 1, holding_id: 1, symbol: "AAPL", type: "buy", date: "2026-01-02", quantity: 10, ratio: null, price: 150.5, fee: 1, import_id: null, created_at: "2026-01-02T09:00:00Z",
} satisfies TransactionOutput;

export const watchlistEntryBody = {
  id: 1, symbol: "GOOGL", name: "Alphabet Inc Class A", notes: "", created_at: "2026-11-27T09:00:00Z",
  price: { price: 222.3167, date: "2026-11-25", basis: "quote", source: "simulated", observed_at: "2026-11-25T20:00:00Z", volume: 1_000, previous_session: "2026-11-24", previous_close: 229.7263, change: -7.4096, change_percent: -3.2254 },
} satisfies WatchlistEntry;

export const alertBody = {
  id: 1, symbol: "AAPL", kind: "price_above", threshold: 200, armed: true, triggered_at: null, triggered_value: null, created_at: "2026-11-27T09:00:00Z", updated_at: "2026-11-27T09:00:00Z",
} satisfies AlertOutput;

export const predictionBody = {
  status: "ready", symbol: "AAPL", model_type: "price_prediction", model: { version: "1", description: "gbm" }, trained_at: "2026-11-27T22:00:00Z", as_of: "2026-11-27", source: "simulated",
  prediction: {
    horizon_days: 5, last_close: 190, predicted_price: 191.2, lower: 184, upper: 197,
    intervals: [
      { level: 0.8, lower: 184, upper: 197, coverage: 0.81, rolling_coverage: 0.79, coverage_by_volatility: [0.8, 0.82, 0.81] },
      { level: 0.95, lower: 179, upper: 203, coverage: 0.95, rolling_coverage: 0.94, coverage_by_volatility: [0.94, 0.96, 0.95] },
    ],
  },
  evaluation: { metric: "mae", model: 0.03, baseline: 0.034, baseline_name: "random walk", test_points: 240, folds: 4, skill: 0.12, method: "walk-forward",
    p_value: 0.004, q_value: 0.008, fdr_family_size: 2, hac_lag: 8, fold_wins: 3, independent_points: 48, min_independent_points: 30, alpha: 0.05, beats_baseline: true },
  drift: {
    reference_rows: 600, recent_rows: 63, earlier_windows: 9, flag: "drift", worst_feature: "vol_20", worst_psi: 0.41, thresholds: { watch: 0.1, drift: 0.25 },
    features: [{ feature: "vol_20", psi: 0.41, usual_psi: 0.3, flag: "drift" }, { feature: "ret_1", psi: 0.02, usual_psi: 0.05, flag: "stable" }],
  },
  track_record: {
    symbol: { scored: 12, pending: 5, mean_abs_error: 0.021, baseline_mean_abs_error: 0.02, error_ratio: 1.05, coverage_80: 0.75, coverage_95: 0.9167, moved: 0, brier: null, brier_base_rate: null, hit_rate: null },
    model: { scored: 0, pending: 40, mean_abs_error: null, baseline_mean_abs_error: null, error_ratio: null, coverage_80: null, coverage_95: null, moved: 0, brier: null, brier_base_rate: null, hit_rate: null },
  },
  disclaimer: { ko: "투자 조언이 아닙니다.", en: "Not advice." },
  model_scope: "universe",
  universe_metrics: { ic: 0.042, icir: 0.35, rank_ic: 0.039, rank_icir: 0.31, days: 1260, symbols: 120, p_value: 0.001 },
  model_card: "/api/v1/analysis/models/7/",
  selection: { rule: "The universe model is the main model.", competitor: null },
} satisfies PredictionResponse;

const noRecord = { scored: 0, pending: 0, mean_abs_error: null, baseline_mean_abs_error: null, error_ratio: null, coverage_80: null, coverage_95: null, moved: 0, brier: null, brier_base_rate: null, hit_rate: null };

export const trendBody = {
  ...predictionBody,
  model_type: "trend_analysis",
  prediction: { horizon_days: 20, probability_up: 0.56, probability_source: "model", probability_up_uncalibrated: 0.61, base_rate: 0.54, direction: "up" },
  evaluation: {
    ...predictionBody.evaluation, metric: "accuracy",
    calibration: {
      method: "platt", scored_points: 900, brier: 0.241, brier_uncalibrated: 0.262, brier_base_rate: 0.248, log_loss: 0.675, log_loss_uncalibrated: 0.72, log_loss_base_rate: 0.69,
      reliability: [
        { low: 0, high: 0.2, count: 0, mean_predicted: null, observed: null },
        { low: 0.2, high: 0.4, count: 120, mean_predicted: 0.35, observed: 0.31 },
        { low: 0.4, high: 0.6, count: 600, mean_predicted: 0.52, observed: 0.55 },
        { low: 0.6, high: 0.8, count: 180, mean_predicted: 0.66, observed: 0.63 },
        { low: 0.8, high: 1, count: 0, mean_predicted: null, observed: null },
      ],
    },
  },
  track_record: {
    symbol: { ...noRecord, scored: 30, pending: 20, moved: 28, brier: 0.236, brier_base_rate: 0.251, hit_rate: 0.6071 },
    model: { ...noRecord, scored: 300, pending: 200, moved: 290, brier: 0.249, brier_base_rate: 0.248, hit_rate: 0.52 },
  },
} satisfies PredictionResponse;

const yearLog = { window_days: 252, returns: "log", description: "daily log returns" } as const;
const yearExcess = { window_days: 252, returns: "simple_excess", description: "daily simple returns less the daily risk-free rate" } as const;

export const riskBody = (beta: { beta: number | null; beta_reason: string | null; beta_reason_code: string | null }) =>
  ({
    ...predictionBody,
    model_type: "risk_assessment",
    prediction: {
      annual_volatility: 0.24, var_95_1d: 0.023, cvar_95_1d: 0.031, max_drawdown: 0.38, sharpe: 0.82, sortino: 1.17, risk_free_rate: 0.04,
      ...beta, beta_points: beta.beta === null ? 0 : 251, level: "medium", backtest_var_breaches: 0.081,
      var_backtest: { days: 1000, breaches: 81, expected_rate: 0.05, breach_rate: 0.081, kupiec_likelihood_ratio: 17.1, kupiec_p_value: 0.00004, rejected: true },
      labels: {
        annual_volatility: yearLog, var_95_1d: yearLog, cvar_95_1d: yearLog, sharpe: yearExcess, sortino: yearExcess,
        beta: { window_days: 252, returns: "simple", description: "daily simple returns on dates shared with the benchmark" },
        max_drawdown: { window_days: null, returns: "closes", description: "daily closes (total-return adjusted)" },
        var_backtest: { window_days: null, returns: "log", description: "daily log returns, each day against the VaR of the 252 days before" },
      },
    },
    evaluation: {},
    drift: null,
    track_record: null,
  }) satisfies PredictionResponse;

export const QUOTA_RETRY_AT = "2026-11-27T14:05:00Z";

export const collectionStep = (state: SymbolCollectionStep["state"]): SymbolCollectionStep => ({
  state, rows_written: 0, rows_rejected: 0, reason: state === "waiting_for_quota" ? "Daily quota used" : "",
  retry_at: state === "waiting_for_quota" ? QUOTA_RETRY_AT : null, updated_at: "2026-11-27T09:00:00Z", stalled: false,
});

/** A company being collected (financials waiting for quota), or the same company with everything stored. */
export const collectionStatusBody = (complete: boolean): SymbolCollectionStatus => ({
  symbol: "AAPL", stock_exists: true, has_overview: true, has_prices: complete, has_financial: complete, financials_apply: true,
  is_complete: complete, collection_state: complete ? "done" : "running", collecting: !complete,
  steps_done: complete ? 4 : 1, steps_total: 4,
  waiting_for_quota: complete ? null : { step: "financials", retry_at: QUOTA_RETRY_AT },
  details: { daily_prices: complete ? 730 : 0, weekly_prices: 0, balance_sheets: 0, income_statements: 0, cash_flows: 0 },
  steps: { overview: collectionStep("done"), daily: collectionStep(complete ? "done" : "running"), weekly: collectionStep(complete ? "done" : "pending"), financials: collectionStep(complete ? "done" : "waiting_for_quota") },
});

/** SPY as issue 16 found it: every step done, statements not applicable to an ETF. */
export const etfStatusBody = (): SymbolCollectionStatus => ({
  ...collectionStatusBody(true), symbol: "SPY", has_financial: false, financials_apply: false, steps_done: 4, steps_total: 4,
  steps: { overview: collectionStep("done"), daily: collectionStep("done"), weekly: collectionStep("done"), financials: collectionStep("not_applicable"), corporate_actions: collectionStep("done") },
});

export const userBody = {
  id: 1, username: "kim", email: "kim@example.com", display_name: "", language: "ko", base_currency: "USD", date_joined: "2026-11-27T09:00:00Z",
} satisfies UserOutput;

export const searchBody = (
  keywords: string,
  results: Array<{ symbol: string; name: string; in_database: boolean; korean_name?: string }>,
  lookup: SearchResponse["lookup"] = { state: "none", code: "", retry_after_seconds: null },
): SearchResponse => ({
  keywords,
  source: lookup.state === "done" ? "provider" : "local",
  count: results.length,
  lookup,
  results: results.map((r) => ({
    korean_name: "",
    ...r,
    asset_type: "Equity",
    exchange: r.in_database ? "NASDAQ" : "",
    region: r.in_database ? "" : "United States",
    currency: "USD",
    match_score: r.in_database ? null : 0.9,
    match: r.in_database ? "local" : "catalogue",
  })),
});
