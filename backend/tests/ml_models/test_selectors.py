"""Reading a prediction never trains one: the selector answers from what the training service stored."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import NotFoundError
from ml_models.models import ModelPrediction, ModelType, TrainingTrigger
from ml_models.selectors import daily_history_get, prediction_get, symbols_needing_prediction
from ml_models.services.training import predictions_train
from tests.ml_models.conftest import START, store_history

pytestmark = pytest.mark.django_db
RISK = [ModelType.RISK_ASSESSMENT]


def test_nothing_is_stored_until_the_service_trains_then_the_read_finds_it() -> None:
    store_history("READ", 400)
    assert prediction_get(symbol="READ", model_type=ModelType.RISK_ASSESSMENT) is None
    assert ModelPrediction.objects.count() == 0  # the read trained nothing

    predictions_train(symbols=["READ"], trigger=TrainingTrigger.COMMAND, model_types=RISK)

    stored = prediction_get(symbol="READ", model_type=ModelType.RISK_ASSESSMENT)
    assert stored is not None
    assert stored.as_of == START + dt.timedelta(days=399)
    assert prediction_get(symbol="READ", model_type=ModelType.TREND_ANALYSIS) is None


def test_a_new_bar_makes_the_prediction_stale_until_retrained() -> None:
    stock = store_history("STALE", 400)
    predictions_train(symbols=["STALE"], trigger=TrainingTrigger.COMMAND, model_types=RISK)
    assert symbols_needing_prediction(symbols=["STALE"], model_types=RISK) == []
    assert symbols_needing_prediction(symbols=["STALE"], model_types=[ModelType.TREND_ANALYSIS]) == ["STALE"]

    last = stock.dailyprice_set.order_by("-date").first()
    assert last is not None
    last.pk, last.date = None, last.date + dt.timedelta(days=1)  # a new daily bar
    last.save()
    assert symbols_needing_prediction(symbols=["STALE"], model_types=RISK) == ["STALE"]
    # A prediction from older bars is not served: the read says "preparing" until the worker catches up.
    assert prediction_get(symbol="STALE", model_type=ModelType.RISK_ASSESSMENT) is None

    predictions_train(symbols=["STALE"], trigger=TrainingTrigger.NEW_BARS, model_types=RISK)
    newest = prediction_get(symbol="STALE", model_type=ModelType.RISK_ASSESSMENT)
    assert newest is not None
    assert newest.as_of == START + dt.timedelta(days=400)


def test_closes_are_read_in_date_order() -> None:
    store_history("ORDER", 30)
    history = daily_history_get(symbol="ORDER")
    assert history.dates == sorted(history.dates)
    assert len(history.close) == len(history.volume) == 30


def test_an_unknown_symbol_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        prediction_get(symbol="NOPE", model_type=ModelType.PRICE_PREDICTION)
    with pytest.raises(NotFoundError):
        daily_history_get(symbol="NOPE")
