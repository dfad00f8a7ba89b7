"""The models are scored only on data they were not trained on, and the scores tell skill from luck."""

from __future__ import annotations

import numpy as np
import pytest

from ml_models import forecasting


def _random_walk(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0.0002, 0.015, n)))
    return close, rng.uniform(1e6, 2e6, n)


def _momentum(n: int, seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Returns that follow the sign of the last 20 days: a pattern a model can learn and a random walk cannot."""
    rng = np.random.default_rng(seed)
    returns = rng.normal(0, 0.01, n)
    for t in range(20, n):
        returns[t] += 0.004 * np.sign(returns[t - 20 : t].sum())
    return 100 * np.exp(np.cumsum(returns)), rng.uniform(1e6, 2e6, n)


def test_folds_never_train_on_the_test_period_or_its_targets() -> None:
    horizon = 20
    for train, test in forecasting._folds(2000, 4, horizon):
        assert train.max() + horizon < test.min()


def test_features_use_no_future_data() -> None:
    close, volume = _random_walk(600)
    full = forecasting.features(close, volume)
    cut = forecasting.features(close[:400], volume[:400])
    np.testing.assert_allclose(full[:400], cut, equal_nan=True)


def test_a_learnable_trend_is_predicted_better_than_the_baseline() -> None:
    close, volume = _momentum(3000)
    trend = forecasting.forecast_trend(close, volume)
    assert trend.evaluation.model > trend.evaluation.baseline
    assert trend.evaluation.skill > 0.05
    assert trend.evaluation.test_points > 1000


def test_on_a_random_walk_the_model_shows_no_real_skill() -> None:
    close, volume = _random_walk(3000)
    price = forecasting.forecast_price(close, volume)
    assert price.evaluation.skill < 0.05
    assert price.lower < price.predicted_price < price.upper
    assert price.evaluation.metric == "mae_log_return"


def test_risk_of_a_known_series() -> None:
    close, _ = _random_walk(1500)
    risk = forecasting.assess_risk(close, close * 2.0)
    assert risk.beta == pytest.approx(1.0)
    assert 0.15 < risk.annual_volatility < 0.35  # drawn with 1.5% daily volatility: about 24% a year
    assert risk.cvar_95_1d >= risk.var_95_1d > 0
    assert 0.02 < risk.backtest_var_breaches < 0.09  # a calibrated 95% VaR is breached on about 5% of days


def test_short_histories_are_refused_with_the_count() -> None:
    close, volume = _random_walk(120)
    with pytest.raises(forecasting.InsufficientHistoryError, match="have 120"):
        forecasting.forecast_price(close, volume)
