"""Reading a prediction never trains one: the selector answers from what the training service stored."""

from __future__ import annotations

import pytest
from django.db.models import F

from core.exceptions import NotFoundError
from ml_models.models import ModelPrediction, ModelType
from ml_models.selectors import prediction_get
from ml_models.services import prediction_train
from stocks.models import Stock
from tests.ml_models.test_predict_api import _store_history

pytestmark = pytest.mark.django_db


def test_nothing_is_stored_until_the_service_trains_then_the_read_finds_it() -> None:
    _store_history("READ", 400)
    assert prediction_get(symbol="READ", model_type=ModelType.RISK_ASSESSMENT) is None
    assert ModelPrediction.objects.count() == 0  # the read trained nothing

    trained = prediction_train(symbol="READ", model_type=ModelType.RISK_ASSESSMENT)

    assert prediction_get(symbol="READ", model_type=ModelType.RISK_ASSESSMENT) == trained
    assert prediction_get(symbol="READ", model_type=ModelType.TREND_ANALYSIS) is None


def test_new_data_makes_the_stored_prediction_stale() -> None:
    _store_history("STALE", 400)
    prediction_train(symbol="STALE", model_type=ModelType.RISK_ASSESSMENT)
    Stock.objects.filter(symbol="STALE").update(data_version=F("data_version") + 1)

    assert prediction_get(symbol="STALE", model_type=ModelType.RISK_ASSESSMENT) is None


def test_an_unknown_symbol_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        prediction_get(symbol="NOPE", model_type=ModelType.PRICE_PREDICTION)
