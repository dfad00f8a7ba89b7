"""The models in service: their version, what each predicts and the parameters each run records."""

from __future__ import annotations

from typing import Any

from ml_models import calibration, forecasting, risk, significance, universe
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

# The universe model (ml_models.universe): one LightGBM across every stored symbol. Its own version, so its
# predictions and the per-symbol model's are stored side by side and the read picks one (ml_models.selection).
UNIVERSE_VERSION = "2026.12-universe-1"
UNIVERSE_DESCRIPTIONS: dict[str, str] = {
    ModelType.PRICE_PREDICTION: "One LightGBM across every stored symbol (cross-sectional, Qlib-like) on momentum, "
    "volatility, volume and filed fundamentals; 5-day log return in excess of the universe's mean, with "
    "volatility-scaled conformal bands at 80% and 95%.",
    ModelType.TREND_ANALYSIS: "One LightGBM classifier across every stored symbol of the 20-day direction on the same "
    "features, Platt-calibrated on pooled out-of-sample predictions; flat outcomes are left out.",
}
_UNIVERSE_COMMON: dict[str, Any] = {
    "folds": universe.FOLDS,
    "seed": 7,
    "features": list(universe.FEATURE_NAMES),
    "learner": universe.LEARNER,
    "rounds": universe.ROUNDS,
    "min_bars": universe.MIN_BARS,
    "filing_lag_days": universe.FILING_LAG_DAYS,
    "min_cross_section": universe.MIN_CROSS_SECTION,
    **_CLAIM,
}
UNIVERSE_PARAMS: dict[str, dict[str, Any]] = {
    ModelType.PRICE_PREDICTION: {
        **_UNIVERSE_COMMON, "horizon_days": universe.PRICE_HORIZON, "embargo_days": universe.PRICE_HORIZON,
        "hac_lag": significance.hac_lag(universe.PRICE_HORIZON), "objective": "regression",
        "target": "5-day forward log return minus that day's universe mean",
        "intervals": "split conformal, |error| / (EWMA volatility x sqrt(horizon))",
        "interval_levels": list(calibration.INTERVAL_LEVELS),
    },
    ModelType.TREND_ANALYSIS: {
        **_UNIVERSE_COMMON, "horizon_days": universe.TREND_HORIZON, "embargo_days": universe.TREND_HORIZON,
        "hac_lag": significance.hac_lag(universe.TREND_HORIZON), "objective": "binary",
        "target": "20-day forward log return > 0 (flat outcomes left out)",
        "probability_calibration": "platt, fitted on pooled out-of-sample predictions",
    },
}  # fmt: skip
