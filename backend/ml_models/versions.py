"""The models in service: their version, what each predicts and the parameters each run records."""

from __future__ import annotations

from typing import Any

from ml_models import calibration, forecasting, risk, significance
from ml_models.models import ModelType

# Bump when features, learner, evaluation or the claim's test change: predictions name the version that made them.
MODEL_VERSION = "2026.12-lgbm-dm-cal-2"
BENCHMARK_SYMBOL = "SPY"

DESCRIPTIONS: dict[str, str] = {
    ModelType.PRICE_PREDICTION: "LightGBM on lagged returns, RSI, MACD, trend distance and volume; 5-day log return, "
    "with volatility-scaled conformal bands at 80% and 95%.",
    ModelType.TREND_ANALYSIS: "LightGBM classifier of the 20-day direction on the same features, Platt-calibrated "
    "on out-of-sample predictions; flat outcomes are left out.",
    ModelType.RISK_ASSESSMENT: "Historical volatility, VaR/CVaR (95%), Sharpe, Sortino and beta against SPY on the "
    "last year; drawdown on all history; a year-ahead VaR backtest with Kupiec's test.",
}

_CLAIM = {
    "claim_test": "one-sided Diebold-Mariano, Newey-West variance; Benjamini-Hochberg across the run",
    "alpha": significance.ALPHA,
    "min_independent_points": significance.MIN_INDEPENDENT_POINTS,
}
PARAMS: dict[str, dict[str, Any]] = {
    ModelType.PRICE_PREDICTION: {
        "horizon_days": 5, "folds": 4, "seed": 7, "features": list(forecasting.FEATURE_NAMES),
        "hac_lag": significance.hac_lag(5), **_CLAIM,
        "intervals": "split conformal, |error| / (EWMA volatility x sqrt(horizon))",
        "interval_levels": list(calibration.INTERVAL_LEVELS), "ewma_lambda": calibration.EWMA_LAMBDA,
    },
    ModelType.TREND_ANALYSIS: {
        "horizon_days": 20, "folds": 4, "seed": 7, "features": list(forecasting.FEATURE_NAMES),
        "hac_lag": significance.hac_lag(20), **_CLAIM,
        "probability_calibration": "platt, fitted on out-of-sample predictions",
        "min_moved_outcomes": forecasting.MIN_MOVED_OUTCOMES,
    },
    ModelType.RISK_ASSESSMENT: {
        "window_days": forecasting.TRADING_DAYS_PER_YEAR, "benchmark": BENCHMARK_SYMBOL,
        "min_beta_points": risk.MIN_BETA_POINTS, "min_benchmark_variance": risk.MIN_BENCHMARK_VARIANCE,
    },
}  # fmt: skip
