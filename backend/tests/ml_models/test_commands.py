"""`train_models` and `predict`: progress per symbol and model, a summary, and clear errors for bad input."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ml_models.models import ModelPrediction, TrainingHistory
from tests.ml_models.conftest import store_history

pytestmark = pytest.mark.django_db


def _run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_train_models_reports_progress_and_a_summary_for_every_stored_symbol() -> None:
    store_history("AAA", 400)
    store_history("BBB", 100)
    output = _run("train_models", "--model-type", "risk_assessment")
    assert "[1/2] AAA risk_assessment: done" in output
    assert "[2/2] BBB risk_assessment: failed" in output
    assert "1 trained, 1 failed" in output
    assert "have 100" in output
    assert ModelPrediction.objects.filter(stock_id="AAA").count() == 1


def test_predict_trains_only_what_is_missing_or_older_than_the_last_bar() -> None:
    store_history("AAA", 400)
    store_history("CCC", 400, seed=3)
    _run("train_models", "AAA", "--model-type", "risk_assessment")
    output = _run("predict", "--model-type", "risk_assessment")
    assert "1 symbols need new predictions." in output
    assert "CCC risk_assessment: done" in output
    assert "AAA" not in output
    assert "0 symbols need new predictions." in _run("predict", "--model-type", "risk_assessment")
    assert TrainingHistory.objects.count() == 2


def test_bad_input_is_refused_naming_it() -> None:
    store_history("AAA", 400)
    with pytest.raises(CommandError, match="--model-type: unknown astrology"):
        _run("train_models", "--model-type", "astrology")
    with pytest.raises(CommandError, match="Not stored: ZZZ"):
        _run("train_models", "AAA", "zzz")
    with pytest.raises(CommandError, match="symbol"):
        _run("train_models", "bad symbol!")
    assert TrainingHistory.objects.count() == 0
