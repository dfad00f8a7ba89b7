"""Probabilities that mean what they say and bands that hold their coverage when volatility moves."""

from __future__ import annotations

import numpy as np
import pytest

from ml_models import calibration, forecasting
from tests.ml_models.test_significance import _momentum, _random_walk


def _garch_returns(seed: int, n: int) -> np.ndarray:
    """Volatility clustering: GARCH(1,1) daily returns (omega 2e-6, alpha 0.08, beta 0.9)."""
    rng = np.random.default_rng(seed)
    returns, variance = np.zeros(n), 2e-6 / 0.02
    for t in range(n):
        returns[t] = np.sqrt(variance) * rng.standard_normal()
        variance = 2e-6 + 0.08 * returns[t] ** 2 + 0.9 * variance
    return returns


def _folds(values: np.ndarray, k: int = 6) -> list[np.ndarray]:
    return list(np.array_split(values, k))


def test_volatility_scaled_bands_keep_their_coverage_where_a_fixed_band_fails() -> None:
    # One-day forecasts of zero on a volatility-clustering series: the error is the next return.
    returns = _garch_returns(11, 12_000)
    sigma = calibration.ewma_volatility(returns)[:-1]  # known at t
    errors = returns[1:]
    keep = slice(100, None)  # let the EWMA settle
    scaled = calibration.intervals_calibrate(_folds(errors[keep]), _folds(sigma[keep]))
    fixed = calibration.intervals_calibrate(
        _folds(errors[keep]), _folds(np.ones_like(sigma[keep])), volatility=_folds(sigma[keep])
    )
    for band in scaled:
        assert band.coverage == pytest.approx(band.level, abs=0.03)
        assert all(abs(c - band.level) <= 0.03 for c in band.coverage_by_volatility), band  # every regime
    fixed_80 = fixed[0]
    # One width for every regime: too wide when calm, misses in the volatile third (measured 0.89 and 0.69).
    assert fixed_80.coverage_by_volatility[0] > 0.87
    assert fixed_80.coverage_by_volatility[2] < 0.72


def test_price_forecasts_carry_80_and_95_percent_bands_with_out_of_sample_coverage() -> None:
    close = 100 * np.exp(np.cumsum(_garch_returns(3, 3000)))
    price = forecasting.forecast_price(close, np.full(3000, 1e6))
    band_80, band_95 = price.intervals
    assert (band_80.level, band_95.level) == (0.8, 0.95)
    assert band_95.lower < band_80.lower < price.predicted_price < band_80.upper < band_95.upper
    assert (price.lower, price.upper) == (band_80.lower, band_80.upper)
    assert band_80.coverage == pytest.approx(0.8, abs=0.03)
    assert band_95.coverage == pytest.approx(0.95, abs=0.03)
    assert len(band_80.coverage_by_volatility) == 3


def test_on_coin_flip_data_probabilities_stay_near_the_base_rate_and_beat_the_raw_model() -> None:
    for seed in (200, 201, 202):
        close, volume = _random_walk(seed, n=3000)
        trend = forecasting.forecast_trend(close, volume)
        scores = trend.calibration
        assert abs(trend.probability_up - 0.5) < 0.1
        assert scores.brier < scores.brier_uncalibrated  # the raw model is overconfident on noise
        assert scores.brier <= scores.brier_base_rate + 0.02
        if scores.brier >= scores.brier_base_rate:
            assert trend.probability_source == "base_rate"
        assert sum(b.count for b in scores.reliability) == scores.scored_points


def test_a_planted_pattern_gives_calibrated_probabilities_that_beat_the_base_rate() -> None:
    trend = forecasting.forecast_trend(*_momentum(5))
    scores = trend.calibration
    assert scores.brier < scores.brier_base_rate - 0.02
    assert scores.log_loss < scores.log_loss_base_rate
    assert trend.probability_source == "model"
    # Reliable: where the calibrated model said a lot, it was up a lot, and where it said little, rarely.
    filled = [b for b in scores.reliability if b.count >= 50]
    assert filled[0].observed is not None
    assert filled[-1].observed is not None
    assert filled[0].observed < 0.4 < 0.6 < filled[-1].observed


def test_flat_outcomes_are_neither_up_nor_down() -> None:
    flat = np.full(600, 42.0)
    with pytest.raises(forecasting.InsufficientHistoryError, match="where the close moved; have 0"):
        forecasting.forecast_trend(flat, np.full(600, 1e6))


def test_platt_scaling_maps_overconfident_probabilities_back_to_the_rate() -> None:
    rng = np.random.default_rng(0)
    outcomes = rng.integers(0, 2, 4000)
    overconfident = rng.uniform(0.05, 0.95, 4000)  # says anything, knows nothing
    scaler = calibration.platt_fit(overconfident, outcomes)
    assert np.ptp(scaler.apply(overconfident)) < 0.1
    assert calibration.platt_fit(np.full(10, 0.9), np.ones(10, dtype=np.int64)).apply(np.array([0.9]))[0] < 1.0
