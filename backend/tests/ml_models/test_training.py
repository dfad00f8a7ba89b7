"""A training run records itself per symbol and model, adjusts its claims together and writes all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from core.exceptions import NotFoundError
from ml_models.models import ModelPrediction, ModelType, TrainingHistory, TrainingState, TrainingTrigger
from ml_models.services.training import predictions_train
from ml_models.versions import MODEL_VERSION, PARAMS
from tests.ml_models.conftest import START, store_history
from tests.ml_models.test_significance import _momentum

pytestmark = pytest.mark.django_db
SKILLED = [ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS]


def test_each_symbol_and_model_gets_a_training_record_and_a_prediction_naming_its_version() -> None:
    store_history("WALK", 900)
    store_history("TINY", 120)
    seen: list[tuple[str, str, int, int]] = []

    outcomes = predictions_train(
        symbols=["WALK", "TINY"],
        trigger=TrainingTrigger.COMMAND,
        progress=lambda o, done, total: seen.append((o.symbol, o.model_type, done, total)),
    )

    expected = [("WALK", 1, 6), ("WALK", 2, 6), ("WALK", 3, 6), ("TINY", 4, 6), ("TINY", 5, 6), ("TINY", 6, 6)]
    assert [(s, d, t) for s, _, d, t in seen] == expected
    assert [o.state for o in outcomes] == ["done"] * 3 + ["failed"] * 3
    assert "have 120" in outcomes[-1].error
    runs = TrainingHistory.objects.select_related("model")
    assert runs.count() == 6
    assert len({r.batch for r in runs}) == 1
    trend = runs.get(stock_id="WALK", model__model_type=ModelType.TREND_ANALYSIS)
    assert trend.state == TrainingState.DONE
    assert trend.trigger == TrainingTrigger.COMMAND
    assert (trend.data_start, trend.data_end, trend.bars) == (START, START + dt.timedelta(days=899), 900)
    assert trend.params == PARAMS[ModelType.TREND_ANALYSIS]
    assert trend.params["horizon_days"] == 20
    assert trend.model.version == MODEL_VERSION
    assert trend.duration_seconds > 0
    assert set(trend.metrics) >= {"p_value", "q_value", "fold_wins", "independent_points", "beats_baseline"}
    assert trend.metrics["fdr_family_size"] == 2  # TINY's models never reached a test
    failed = runs.get(stock_id="TINY", model__model_type=ModelType.PRICE_PREDICTION)
    assert failed.state == TrainingState.FAILED
    assert "have 120" in failed.error
    assert failed.metrics == {}
    predictions = ModelPrediction.objects.select_related("training", "model")
    assert predictions.count() == 3
    assert not predictions.filter(stock_id="TINY").exists()
    assert all(p.training.stock_id == "WALK" and p.training.model == p.model for p in predictions)


def test_claims_are_adjusted_across_the_run_and_the_planted_pattern_survives() -> None:
    close, _ = _momentum(5)
    store_history("PLANTED", len(close), close=close)
    for i in range(3):
        store_history(f"NOISE{i}", 1500, seed=100 + i)

    predictions_train(
        symbols=["PLANTED", "NOISE0", "NOISE1", "NOISE2"], trigger=TrainingTrigger.COMMAND, model_types=SKILLED
    )

    evaluations: dict[tuple[str, str], dict[str, Any]] = {
        (p.stock_id, p.model.model_type): p.evaluation for p in ModelPrediction.objects.select_related("model")
    }
    assert len(evaluations) == 8
    assert all(e["fdr_family_size"] == 8 and e["q_value"] >= e["p_value"] for e in evaluations.values())
    assert evaluations[("PLANTED", "trend_analysis")]["beats_baseline"] is True
    assert evaluations[("PLANTED", "price_prediction")]["beats_baseline"] is True
    assert not any(e["beats_baseline"] for (symbol, _), e in evaluations.items() if symbol != "PLANTED")


def test_training_again_on_the_same_bars_replaces_the_prediction_and_adds_a_record() -> None:
    store_history("AGAIN", 400)
    for _ in range(2):
        predictions_train(symbols=["AGAIN"], trigger=TrainingTrigger.NEW_BARS, model_types=[ModelType.RISK_ASSESSMENT])
    assert ModelPrediction.objects.count() == 1
    assert TrainingHistory.objects.count() == 2
    assert ModelPrediction.objects.get().training == TrainingHistory.objects.order_by("-started_at").first()


def test_an_unknown_symbol_trains_and_stores_nothing() -> None:
    store_history("KNOWN", 400)
    with pytest.raises(NotFoundError, match="NOPE"):
        predictions_train(symbols=["KNOWN", "NOPE"], trigger=TrainingTrigger.COMMAND)
    assert TrainingHistory.objects.count() == 0
    assert ModelPrediction.objects.count() == 0


def test_each_symbols_model_is_saved_with_its_card_and_reads_back(
    settings: Any, tmp_path: Any, api_client: Any
) -> None:
    import hashlib
    import json

    import lightgbm as lgb

    from ml_models import forecasting
    from ml_models.selectors import daily_history_get

    settings.MODEL_DIR = tmp_path
    store_history("WALK", 900)
    predictions_train(symbols=["WALK"], trigger=TrainingTrigger.COMMAND)
    history = daily_history_get(symbol="WALK")
    x_all = forecasting.features(history.close, history.volume)
    for model_type in SKILLED:
        run = TrainingHistory.objects.get(stock_id="WALK", model__model_type=model_type)
        saved = tmp_path / "symbols" / "WALK" / run.metrics["file"]["name"]
        assert run.metrics["file"]["name"].startswith(f"{model_type.value}-{MODEL_VERSION}-")
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == run.metrics["file"]["sha256"]
        card = json.loads(saved.with_suffix(".card.json").read_text())
        api_card = api_client.get(f"/api/v1/analysis/models/{run.pk}/").json()
        assert card["id"] == api_card["id"] == run.pk
        assert api_card["model_scope"] == "per_symbol"
        assert api_card["file"] == run.metrics["file"]
        # The saved model is the one that made the stored prediction: read back, it predicts the same.
        booster = lgb.Booster(model_file=str(saved))
        stored = ModelPrediction.objects.get(stock_id="WALK", model__model_type=model_type).result
        raw = float(booster.predict(x_all[-1:])[0])
        if model_type == ModelType.PRICE_PREDICTION:
            assert history.close[-1] * float(np.exp(raw)) == pytest.approx(stored["predicted_price"], rel=1e-9)
        else:
            assert raw == pytest.approx(stored["probability_up_uncalibrated"], rel=1e-9)


def test_only_the_newest_files_of_a_symbols_model_are_kept(settings: Any, tmp_path: Any) -> None:
    from ml_models.services.files import MODEL_FILES_KEPT

    settings.MODEL_DIR = tmp_path
    store_history("WALK", 700)
    for _ in range(MODEL_FILES_KEPT + 2):
        predictions_train(symbols=["WALK"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.TREND_ANALYSIS])
    folder = tmp_path / "symbols" / "WALK"
    assert len(list(folder.glob("trend_analysis-*.txt"))) == MODEL_FILES_KEPT
    assert len(list(folder.glob("*.card.json"))) == MODEL_FILES_KEPT
