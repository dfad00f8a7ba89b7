"""Feature drift: PSI of each feature of the latest bars against the training window, stored per training run
and flagged in the prediction and the refresh status."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ml_models import drift, forecasting
from ml_models.models import ModelType, TrainingHistory, TrainingTrigger
from ml_models.services.training import predictions_train
from tests.ml_models.conftest import store_history


def test_psi_is_the_binned_jeffreys_divergence() -> None:
    # Two normals with equal variance and means d standard deviations apart have Jeffreys divergence d^2; binning
    # into deciles can only lose information, so PSI falls a little below it.
    rng = np.random.default_rng(1)
    reference, shifted = rng.normal(0, 1, 200_000), rng.normal(0.5, 1, 200_000)
    value = drift.psi(reference, shifted)
    assert 0.2 < value < 0.25
    assert drift.psi(reference, rng.normal(0, 1, 200_000)) < 0.001


def test_psi_of_a_hand_counted_case() -> None:
    # Reference deciles of 0..99 are 10 bins of ten; the recent sample puts half its values in the first bin and
    # half in the last: a = (0.5, 1e-4 x 8, 0.5) floored, e = 0.1 each.
    reference = np.arange(100, dtype=np.float64)
    recent = np.array([0.0] * 50 + [99.0] * 50)
    floor = drift.SHARE_FLOOR
    expected = 2 * (0.5 - 0.1) * np.log(0.5 / 0.1) + 8 * (floor - 0.1) * np.log(floor / 0.1)
    assert drift.psi(reference, recent) == pytest.approx(expected)


@pytest.mark.parametrize(("value", "flag"), [(0.05, "stable"), (0.1, "watch"), (0.25, "watch"), (0.26, "drift")])
def test_flags_follow_the_usual_thresholds(value: float, flag: str) -> None:
    assert drift.flag(value) == flag


def _shocked(n: int, seed: int = 9) -> np.ndarray:
    """A walk whose daily volatility quadruples for its last quarter."""
    rng = np.random.default_rng(seed)
    returns = np.concatenate([rng.normal(0.0003, 0.008, n - 63), rng.normal(0.0, 0.032, 63)])
    return 50 * np.exp(np.cumsum(returns))


def test_a_volatility_shock_is_flagged() -> None:
    close = _shocked(900)
    volume = np.full(len(close), 1e6) + np.arange(len(close), dtype=np.float64)
    report = drift.feature_drift(forecasting.features(close, volume), forecasting.FEATURE_NAMES)
    assert report is not None
    assert report.flag == "drift"
    by_name = {f.feature: f for f in report.features}
    assert by_name["vol_20"].flag == "drift"
    assert by_name["vol_20"].usual_psi is not None
    assert by_name["vol_20"].psi > by_name["vol_20"].usual_psi
    assert report.recent_rows == 63
    assert report.reference_rows == 900 - 199 - 63  # 200-day SMA warm-up


def test_random_walks_rarely_show_drift_though_their_raw_psi_passes_the_threshold() -> None:
    flagged = raw_over = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        close = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, 1500)))
        report = drift.feature_drift(
            forecasting.features(close, rng.uniform(1e6, 2e6, 1500)), forecasting.FEATURE_NAMES
        )
        assert report is not None
        flagged += report.flag == "drift"
        raw_over += max(f.psi for f in report.features) > drift.DRIFT_PSI
    assert raw_over == 20  # smoothed features (a 200-day distance) pass 0.25 by chance on every walk
    assert flagged <= 6  # against their own past, at most 30% of noise series are flagged (10 of 40 measured)


def test_too_short_a_history_has_no_drift_report() -> None:
    close = _shocked(300)
    assert (
        drift.feature_drift(forecasting.features(close, np.ones(300, dtype=np.float64)), forecasting.FEATURE_NAMES)
        is None
    )


@pytest.mark.django_db
def test_each_run_stores_its_drift_and_the_prediction_and_refresh_status_flag_it(api_client: Any) -> None:
    store_history("SHOK", 900, close=_shocked(900))
    predictions_train(symbols=["SHOK"], trigger=TrainingTrigger.COMMAND)
    runs = {r.model.model_type: r for r in TrainingHistory.objects.select_related("model")}
    stored = runs[ModelType.PRICE_PREDICTION].metrics["drift"]
    assert stored["flag"] == "drift"
    assert stored == runs[ModelType.TREND_ANALYSIS].metrics["drift"]
    assert "drift" not in runs[ModelType.RISK_ASSESSMENT].metrics  # risk reads no features
    assert {f["feature"] for f in stored["features"]} == set(forecasting.FEATURE_NAMES)

    body = api_client.get("/api/v1/analysis/predict/SHOK/", {"model_type": "trend_analysis"}).json()
    assert body["drift"]["flag"] == "drift"
    assert body["drift"]["worst_feature"] == stored["worst_feature"]
    assert body["drift"]["thresholds"] == {"watch": 0.1, "drift": 0.25}
    risk = api_client.get("/api/v1/analysis/predict/SHOK/", {"model_type": "risk_assessment"}).json()
    assert risk["drift"] is None

    status = api_client.get("/api/v1/stocks/api/refresh-status/", {"symbols": "SHOK"}).json()
    [symbol] = status["symbols"]
    assert symbol["model_drift"]["flag"] == "drift"
    assert symbol["model_drift"]["worst_psi"] == pytest.approx(stored["worst_psi"])
    assert symbol["model_drift"]["worst_feature"] == stored["worst_feature"]


@pytest.mark.django_db
def test_a_symbol_never_trained_shows_no_drift(api_client: Any) -> None:
    store_history("NEWB", 400)
    status = api_client.get("/api/v1/stocks/api/refresh-status/", {"symbols": "NEWB"}).json()
    assert status["symbols"][0]["model_drift"] is None
