"""The live track record: stored predictions are scored once their horizon (NYSE sessions) passes, and the record
is shown per model version and per symbol."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from io import StringIO
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone

from ml_models import track_record
from ml_models.models import ModelPrediction, ModelType, PredictionScore, TrainingTrigger
from ml_models.services.scoring import predictions_score, target_session
from ml_models.services.training import predictions_train
from ml_models.versions import MODEL_VERSION
from stocks.models import DailyPrice, Stock
from stocks.schedule import calendar
from tests.factories import StockFactory

PRICE = {
    "horizon_days": 5,
    "last_close": 100.0,
    "predicted_price": 102.0,
    "lower": 97.0,
    "upper": 107.0,
    "intervals": [{"level": 0.8, "lower": 97.0, "upper": 107.0}, {"level": 0.95, "lower": 94.0, "upper": 110.0}],
}


def test_a_price_prediction_is_scored_in_log_returns_against_no_change_and_its_bands() -> None:
    score = track_record.score_price(PRICE, math.log(1.08))  # the close went to 108
    assert score.realised_close == pytest.approx(108.0)
    assert score.abs_error == pytest.approx(abs(math.log(1.02) - math.log(1.08)))
    assert score.baseline_abs_error == pytest.approx(math.log(1.08))
    assert (score.inside_80, score.inside_95) == (False, True)
    assert score.brier is None


def test_a_trend_prediction_is_scored_by_brier_against_its_base_rate_and_a_flat_outcome_is_not() -> None:
    result = {"horizon_days": 20, "probability_up": 0.7, "base_rate": 0.55}
    up = track_record.score_trend(result, 0.03)
    assert up.outcome_up is True
    assert up.brier == pytest.approx(0.09)
    assert up.brier_base_rate == pytest.approx(0.2025)
    down = track_record.score_trend(result, -0.01)
    assert down.brier == pytest.approx(0.49)
    flat = track_record.score_trend(result, 0.0)
    assert flat.outcome_up is None
    assert flat.brier is None


def test_the_horizon_is_counted_in_nyse_sessions() -> None:
    # Thanksgiving (Thursday 2024-11-28) is closed: five sessions after Friday 2024-11-22 end on Monday 2024-12-02.
    assert target_session(dt.date(2024, 11, 22), 5) == dt.date(2024, 12, 2)
    # A Saturday counts from the Friday before it.
    assert target_session(dt.date(2024, 11, 23), 1) == dt.date(2024, 11, 25)


def _sessions(first: dt.date, n: int) -> list[dt.date]:
    sessions = calendar().sessions_in_range(first.isoformat(), (first + dt.timedelta(days=2 * n)).isoformat())
    return [s.date() for s in sessions[:n]]


def _store_bars(stock: Stock, dates: list[dt.date], closes: np.ndarray) -> None:
    now = timezone.now()
    DailyPrice.objects.bulk_create(
        DailyPrice(
            stock=stock,
            date=d,
            open_price=Decimal(f"{c:.4f}"),
            high_price=Decimal(f"{c * 1.01:.4f}"),
            low_price=Decimal(f"{c * 0.99:.4f}"),
            close_price=Decimal(f"{c:.4f}"),
            volume=1_000_000 + i,
            fetched_at=now,
        )
        for i, (d, c) in enumerate(zip(dates, closes, strict=True))
    )


@pytest.fixture
def trained(db: Any) -> tuple[Stock, list[dt.date], np.ndarray]:
    """WALK: 600 sessions stored and its models trained; 30 more sessions of closes, not stored yet."""
    rng = np.random.default_rng(17)
    closes = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, 630)))
    dates = _sessions(dt.date(2021, 1, 4), 630)
    stock = StockFactory.create(symbol="WALK")
    _store_bars(stock, dates[:600], closes[:600])
    predictions_train(
        symbols=["WALK"],
        trigger=TrainingTrigger.COMMAND,
        model_types=[ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS, ModelType.RISK_ASSESSMENT],
    )
    return stock, dates, closes


def test_predictions_wait_for_their_horizon_then_are_scored_once_against_the_realised_close(
    trained: tuple[Stock, list[dt.date], np.ndarray],
) -> None:
    stock, dates, closes = trained
    first = predictions_score()
    assert (first.scored, first.pending) == (0, 2)  # risk assessments are not scored

    _store_bars(stock, dates[600:605], closes[600:605])  # five more sessions: the price horizon has passed
    after_five = predictions_score()
    assert (after_five.scored, after_five.pending) == (1, 1)
    price = PredictionScore.objects.select_related("prediction").get()
    assert price.prediction.model.model_type == ModelType.PRICE_PREDICTION
    assert price.target_date == dates[604]
    realised = math.log(closes[604] / closes[599])
    assert price.realised_log_return == pytest.approx(realised, abs=1e-5)  # closes are stored to 4 decimals
    predicted = price.prediction.result["predicted_price"] / price.prediction.result["last_close"]
    assert price.abs_error == pytest.approx(abs(math.log(predicted) - realised), abs=1e-5)
    assert price.baseline_abs_error == pytest.approx(abs(realised), abs=1e-5)
    band = price.prediction.result["intervals"][0]
    assert price.inside_80 == (band["lower"] <= price.realised_close <= band["upper"])

    _store_bars(stock, dates[605:630], closes[605:630])
    out = StringIO()
    call_command("score_predictions", stdout=out)
    assert "1 predictions scored, 0 waiting" in out.getvalue()
    trend = PredictionScore.objects.get(prediction__model__model_type=ModelType.TREND_ANALYSIS)
    assert trend.target_date == dates[619]
    assert trend.outcome_up == (closes[619] > closes[599])
    assert trend.probability_up is not None
    assert trend.brier == pytest.approx((trend.probability_up - float(bool(trend.outcome_up))) ** 2)
    assert predictions_score().scored == 0  # scored once
    assert PredictionScore.objects.count() == 2


def test_a_missing_target_bar_leaves_the_prediction_unscored(
    trained: tuple[Stock, list[dt.date], np.ndarray],
) -> None:
    stock, dates, closes = trained
    keep = [i for i in range(600, 610) if i != 604]  # no bar on the price prediction's target session
    _store_bars(stock, [dates[i] for i in keep], closes[keep])
    run = predictions_score(symbols=["WALK"])
    assert (run.scored, run.pending, run.unscorable) == (0, 1, 1)


def test_the_track_record_is_served_per_version_and_per_symbol_and_in_the_prediction(
    api_client: Any, trained: tuple[Stock, list[dt.date], np.ndarray]
) -> None:
    stock, dates, closes = trained
    before = api_client.get("/api/v1/analysis/predict/WALK/", {"model_type": "price_prediction"}).json()
    assert before["track_record"]["model"] == before["track_record"]["symbol"]
    assert before["track_record"]["model"]["scored"] == 0
    assert before["track_record"]["model"]["pending"] == 1
    _store_bars(stock, dates[600:630], closes[600:630])
    predictions_score()  # also drops the cached all-stocks record read just above
    body = api_client.get("/api/v1/analysis/track-record/", {"model_type": "price_prediction"}).json()
    assert body["version"] == MODEL_VERSION
    assert [m["version"] for m in body["models"]] == [MODEL_VERSION]
    record = body["models"][0]
    score = PredictionScore.objects.get(prediction__model__model_type=ModelType.PRICE_PREDICTION)
    assert record["scored"] == 1
    assert record["pending"] == 0
    assert score.abs_error is not None
    assert score.baseline_abs_error is not None
    assert record["error_ratio"] == pytest.approx(score.abs_error / score.baseline_abs_error)
    assert record["coverage_80"] == float(bool(score.inside_80))
    assert record["brier"] is None
    assert [s["symbol"] for s in body["symbols"]] == ["WALK"]

    trend = api_client.get("/api/v1/analysis/track-record/", {"model_type": "trend_analysis", "symbol": "walk"})
    assert trend.status_code == 200
    symbol_record = trend.json()["symbols"][0]
    assert symbol_record["moved"] == 1
    assert symbol_record["brier_base_rate"] is not None
    assert symbol_record["hit_rate"] in (0.0, 1.0)

    # The prediction made from the newest bar (none stored yet) is "being prepared": train it, then read it.
    predictions_train(symbols=["WALK"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.PRICE_PREDICTION])
    ready = api_client.get("/api/v1/analysis/predict/WALK/", {"model_type": "price_prediction"}).json()
    assert ready["track_record"]["symbol"]["scored"] == 1
    assert ready["track_record"]["symbol"]["pending"] == 1  # the new prediction waits for its horizon
    assert ready["track_record"]["model"]["scored"] == 1
    assert ModelPrediction.objects.filter(model__model_type=ModelType.PRICE_PREDICTION).count() == 2


def test_risk_has_no_track_record_and_bad_parameters_are_refused(
    api_client: Any, trained: tuple[Stock, list[dt.date], np.ndarray]
) -> None:
    risk = api_client.get("/api/v1/analysis/predict/WALK/", {"model_type": "risk_assessment"}).json()
    assert risk["status"] == "ready"
    assert risk["track_record"] is None
    bad = api_client.get("/api/v1/analysis/track-record/", {"model_type": "risk_assessment"})
    assert bad.status_code == 400
    assert bad.json()["extra"]["param"] == "model_type"
    unknown = api_client.get("/api/v1/analysis/track-record/", {"symbol": "NOPE"})
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "stock_not_found"


def test_scoring_is_on_the_beat_schedule_after_the_daily_bars_settle(settings: Any) -> None:
    from celery.schedules import crontab

    from config.celery import app
    from stocks.schedule import DAILY_SETTLE

    entry = settings.CELERY_BEAT_SCHEDULE["ml-predictions-score"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab)
    schedule: Any = entry["schedule"]  # celery-types does not declare crontab's parsed fields
    assert schedule.day_of_week == {1, 2, 3, 4, 5}
    # New York time (CELERY_TIMEZONE): after the 16:00 close plus the daily bars' settle time.
    [hour], [minute] = schedule.hour, schedule.minute
    assert dt.time(hour, minute) > (dt.datetime(2026, 1, 5, 16, 0) + DAILY_SETTLE).time()
