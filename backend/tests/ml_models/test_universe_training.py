"""The universe retrain on stored symbols: runs recorded, model files and cards saved, predictions served with
their scope and metrics, and the per-symbol model shown only where it earns its place."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path
from typing import Any

import lightgbm as lgb
import pytest
from django.core.management import CommandError, call_command

from ml_models import universe
from ml_models.models import ModelPrediction, ModelType, TrainingHistory, TrainingScope, TrainingTrigger
from ml_models.selection import per_symbol_earns_place
from ml_models.services.training import predictions_train
from ml_models.services.universe import universe_train
from ml_models.versions import UNIVERSE_VERSION
from tests.ml_models.conftest import store_history

pytestmark = pytest.mark.django_db
SYMBOLS = [f"U{i}" for i in range(6)]


@pytest.fixture
def model_dir(settings: Any, tmp_path: Path) -> Path:
    settings.MODEL_DIR = tmp_path / "models"
    return Path(settings.MODEL_DIR)


def _store_universe(bars: int = 420) -> None:
    for i, symbol in enumerate(SYMBOLS):
        store_history(symbol, bars, seed=100 + i)


def test_a_universe_run_records_saves_its_files_and_stores_a_prediction_per_symbol(
    model_dir: Path, api_client: Any
) -> None:
    _store_universe()
    outcomes = universe_train(trigger=TrainingTrigger.COMMAND)
    assert [o.model_type for o in outcomes] == ["price_prediction", "trend_analysis"]
    assert all(o.state == "done" and o.symbols == len(SYMBOLS) for o in outcomes)
    runs = TrainingHistory.objects.filter(scope=TrainingScope.UNIVERSE)
    assert runs.count() == 2
    assert runs.values("batch").distinct().count() == 1
    for run in runs:
        saved = model_dir / run.metrics["file"]["name"]
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == run.metrics["file"]["sha256"]
        booster = lgb.Booster(model_file=str(saved))  # LightGBM reads back what was saved
        assert booster.feature_name() == list(universe.FEATURE_NAMES)
        card = json.loads(saved.with_suffix(".card.json").read_text())
        api_card = api_client.get(f"/api/v1/analysis/models/{run.pk}/").json()
        assert card["id"] == api_card["id"] == run.pk
        assert card["features"] == api_card["features"]
        assert api_card["model_scope"] == "universe"
        assert api_card["training_window"]["symbols"] == len(SYMBOLS)
        assert api_card["evaluation"]["universe"]["days"] > 0
        assert api_card["limits"]
        assert ModelPrediction.objects.filter(training=run).count() == len(SYMBOLS)
    listed = api_client.get("/api/v1/analysis/models/").json()
    assert sorted(c["model_type"] for c in listed) == ["price_prediction", "trend_analysis"]

    body = api_client.get("/api/v1/analysis/predict/U0/", {"model_type": "price_prediction"}).json()
    assert body["status"] == "ready"
    assert body["model_scope"] == "universe"
    assert body["model"]["version"] == UNIVERSE_VERSION
    assert set(body["universe_metrics"]) == {"ic", "icir", "rank_ic", "rank_icir", "days", "symbols", "p_value"}
    assert body["evaluation"]["beats_baseline"] is False  # random walks: no claim
    assert body["evaluation"]["fdr_family_size"] == 2 * len(SYMBOLS)
    assert body["selection"]["competitor"] is None
    assert api_client.get(body["model_card"]).status_code == 200
    assert api_client.get("/api/v1/analysis/models/999999/").status_code == 404


def test_the_per_symbol_model_is_shown_only_where_it_earns_its_place(model_dir: Path, api_client: Any) -> None:
    _store_universe()
    universe_train(trigger=TrainingTrigger.COMMAND)
    predictions_train(symbols=["U1"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.TREND_ANALYSIS])
    body = api_client.get("/api/v1/analysis/predict/U1/", {"model_type": "trend_analysis"}).json()
    own = ModelPrediction.objects.get(stock_id="U1", training__scope=TrainingScope.SYMBOL)
    main = ModelPrediction.objects.get(
        stock_id="U1", model__model_type="trend_analysis", model__version=UNIVERSE_VERSION
    )
    expected = "per_symbol" if per_symbol_earns_place(own.evaluation, main.evaluation) else "universe"
    assert body["model_scope"] == expected == "universe"  # neither claims skill on a random walk
    competitor = body["selection"]["competitor"]
    assert competitor["model_scope"] == "per_symbol"
    assert competitor["beats_baseline"] is False

    own.evaluation = {**own.evaluation, "beats_baseline": True, "skill": 0.05}  # as if it had earned it
    own.save()
    body = api_client.get("/api/v1/analysis/predict/U1/", {"model_type": "trend_analysis"}).json()
    assert body["model_scope"] == "per_symbol"
    assert body["universe_metrics"] is None
    assert body["selection"]["competitor"]["model_scope"] == "universe"
    # Risk has no universe model: the per-symbol one, as before.
    assert api_client.get("/api/v1/analysis/predict/U1/", {"model_type": "risk_assessment"}).json()["status"] == (
        "preparing"
    )


def test_the_selection_rule() -> None:
    yes, no = {"beats_baseline": True, "skill": 0.02}, {"beats_baseline": False, "skill": 0.03}
    assert per_symbol_earns_place(yes, no)
    assert not per_symbol_earns_place(no, yes)
    assert not per_symbol_earns_place(no, no)
    assert per_symbol_earns_place({**yes, "skill": 0.04}, yes)
    assert not per_symbol_earns_place(yes, {**yes, "skill": 0.04})


def test_the_command_trains_the_universe_with_progress_and_refuses_too_small_a_universe(model_dir: Path) -> None:
    _store_universe()
    out = StringIO()
    call_command("train_models", "--universe", stdout=out)
    text = out.getvalue()
    assert "price fold 1/4" in text
    assert "trend final fit" in text
    assert "Universe training" in text
    store_history("TINY", 300, seed=1)
    with pytest.raises(CommandError, match="at least 5 symbols"):
        call_command("train_models", "--universe", "TINY", "U0", stdout=StringIO())
    failed = TrainingHistory.objects.filter(scope=TrainingScope.UNIVERSE, state="failed")
    assert failed.count() == 2
    assert not list(model_dir.glob("*.txt"))[2:]


def test_the_universe_retrain_is_scheduled_on_the_training_queue_after_the_daily_refresh(settings: Any) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["ml-universe-retrain"]
    assert entry["task"] == "ml_models.tasks.universe_train"
    assert entry["options"]["queue"] == "low"
    assert entry["schedule"].hour == {18}
    assert entry["schedule"].day_of_week == {1, 2, 3, 4, 5}
    assert settings.UNIVERSE_TRAIN_THREADS == 1  # one LightGBM thread on the shared box unless configured
