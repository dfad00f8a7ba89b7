"""GET /api/v1/analysis/predict/<symbol>/ reads what a worker stored, or says it is being prepared; never trains."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from ml_models.models import ModelPrediction, TrainingHistory
from ml_models.tasks import predictions_train_task
from ml_models.versions import MODEL_VERSION
from tests.ml_models.conftest import START, store_history

pytestmark = pytest.mark.django_db
URL = "/api/v1/analysis/predict/{}/"

PREDICTION_FIELDS = {
    "price_prediction": {"horizon_days", "last_close", "predicted_price", "lower", "upper", "intervals"},
    "trend_analysis": {
        "horizon_days",
        "probability_up",
        "probability_source",
        "probability_up_uncalibrated",
        "base_rate",
        "direction",
    },
    "risk_assessment": {
        "annual_volatility",
        "var_95_1d",
        "cvar_95_1d",
        "max_drawdown",
        "sharpe",
        "sortino",
        "risk_free_rate",
        "beta",
        "beta_points",
        "beta_reason",
        "beta_reason_code",
        "level",
        "backtest_var_breaches",
        "var_backtest",
        "labels",
    },
}


def test_nothing_stored_answers_being_prepared_at_once_and_queues_one_training(
    api_client: Any, training_queue: Callable[[], list[list[Any]]]
) -> None:
    store_history("AAPL", 800)
    first = api_client.get(URL.format("aapl"), {"model_type": "trend_analysis"})
    assert first.status_code == 200, first.content
    assert first.json() == {
        "status": "preparing",
        "symbol": "AAPL",
        "model_type": "trend_analysis",
        "queued": True,
        "retry_after_seconds": 15,
    }
    again = api_client.get(URL.format("AAPL"), {"model_type": "price_prediction"})
    assert again.json()["status"] == "preparing"
    assert again.json()["queued"] is False  # already queued for these bars: not queued on every GET
    assert ModelPrediction.objects.count() == 0
    assert TrainingHistory.objects.count() == 0
    assert training_queue() == [["AAPL", "first_read"]]


@pytest.mark.parametrize("model_type", ["price_prediction", "trend_analysis", "risk_assessment"])
def test_once_the_worker_ran_each_model_answers_with_its_version_and_evaluation(
    api_client: Any, training_queue: Callable[[], list[list[Any]]], model_type: str
) -> None:
    store_history("AAPL", 800)
    assert api_client.get(URL.format("AAPL"), {"model_type": model_type}).json()["status"] == "preparing"
    for args in training_queue():  # the worker picks the task up
        predictions_train_task(*args)

    response = api_client.get(URL.format("aapl"), {"model_type": model_type})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert (body["symbol"], body["model_type"], body["source"]) == ("AAPL", model_type, "simulated")
    assert body["as_of"] == (START + dt.timedelta(days=799)).isoformat()
    assert body["model"]["version"] == MODEL_VERSION
    assert body["trained_at"]
    assert set(body["disclaimer"]) == {"ko", "en"}
    assert set(body["prediction"]) == PREDICTION_FIELDS[model_type]  # exactly what the schema documents
    evaluation = body["evaluation"]
    if model_type == "risk_assessment":
        assert evaluation == {}
        return
    assert 0.0 <= evaluation["p_value"] <= evaluation["q_value"] <= 1.0
    assert evaluation["fdr_family_size"] == 2  # price and trend were trained, and adjusted, together
    assert 0 <= evaluation["fold_wins"] <= evaluation["folds"] == 4
    assert evaluation["independent_points"] == evaluation["test_points"] // body["prediction"]["horizon_days"]
    expected = (
        evaluation["skill"] > 0
        and evaluation["q_value"] <= 0.05
        and evaluation["fold_wins"] * 2 > evaluation["folds"]
        and evaluation["independent_points"] >= evaluation["min_independent_points"]
    )
    assert evaluation["beats_baseline"] is expected
    if model_type == "price_prediction":
        bands = body["prediction"]["intervals"]
        assert [b["level"] for b in bands] == [0.8, 0.95]
        assert bands[1]["lower"] < bands[0]["lower"] < bands[0]["upper"] < bands[1]["upper"]
        assert all(0 <= b["coverage"] <= 1 and len(b["coverage_by_volatility"]) == 3 for b in bands)
    else:
        calibration = evaluation["calibration"]
        assert calibration["method"] == "platt"
        assert {"brier", "brier_base_rate", "log_loss", "log_loss_base_rate"} <= set(calibration)
        assert sum(b["count"] for b in calibration["reliability"]) == calibration["scored_points"]


def test_errors_name_the_problem(api_client: Any, training_queue: Callable[[], list[list[Any]]]) -> None:
    store_history("SHORT", 50)
    unknown = api_client.get(URL.format("ZZZZ"))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "stock_not_found")
    bad_type = api_client.get(URL.format("SHORT"), {"model_type": "astrology"})
    assert bad_type.status_code == 400
    assert "model_type" in bad_type.json()["message"]
    short = api_client.get(URL.format("SHORT"))
    assert short.status_code == 409
    assert "have 50" in short.json()["message"]
    assert api_client.get(URL.format("bad symbol!")).status_code == 400
    assert training_queue() == []  # a history too short to ever train on queues nothing
