"""Risk metrics and models read total-return adjusted closes: a split is no crash, a new event a new version."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from ml_models import forecasting
from ml_models.models import ModelType, TrainingTrigger
from ml_models.selectors import prediction_get
from ml_models.services.training import predictions_train
from stocks.models import CorporateAction, DailyPrice
from stocks.providers.base import CorporateActionEvent, CorporateActions
from stocks.services.ingestion import corporate_actions_import, ingestion_run
from tests.stocks.demo import demo_store

pytestmark = pytest.mark.django_db


def test_risk_of_a_split_stock_is_measured_on_adjusted_closes_not_raw_ones() -> None:
    demo_store("AAPL")  # 7-for-1 in 2014 and 4-for-1 in 2020
    raw = np.array(
        [
            float(c)
            for c in DailyPrice.objects.filter(stock_id="AAPL").order_by("date").values_list("close_price", flat=True)
        ]
    )
    raw_drawdown = forecasting.assess_risk(raw).max_drawdown
    predictions_train(symbols=["AAPL"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.RISK_ASSESSMENT])
    stored = prediction_get(symbol="AAPL", model_type=ModelType.RISK_ASSESSMENT)
    assert stored is not None
    risk = stored.result
    assert raw_drawdown > 0.95  # the two splits read as a 97.8% crash (issue 12's figure)
    assert risk["max_drawdown"] < 0.8  # measured: 63.9%


def test_a_new_dividend_makes_the_stored_prediction_stale() -> None:
    demo_store("KO")
    predictions_train(symbols=["KO"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.RISK_ASSESSMENT])
    assert prediction_get(symbol="KO", model_type=ModelType.RISK_ASSESSMENT) is not None
    newest = DailyPrice.objects.filter(stock_id="KO").latest("date").date
    stored = set(CorporateAction.objects.filter(stock_id="KO").values_list("ex_date", flat=True))
    ex_date = next(
        d
        for d in DailyPrice.objects.filter(stock_id="KO", date__lt=newest)
        .order_by("-date")
        .values_list("date", flat=True)
        if d not in stored
    )
    event = CorporateActionEvent("dividend", ex_date, Decimal("0.51"))
    assert corporate_actions_import(actions=CorporateActions("KO", [event]), source="csv").rows_written == 1
    assert prediction_get(symbol="KO", model_type=ModelType.RISK_ASSESSMENT) is None  # stale: a read queues retraining


def test_a_new_quote_leaves_the_stored_prediction_current() -> None:
    # A quote bumps the stock's data version (caches key on it) but changes nothing the models read.
    provider = demo_store("KO")
    predictions_train(symbols=["KO"], trigger=TrainingTrigger.COMMAND, model_types=[ModelType.RISK_ASSESSMENT])
    assert ingestion_run(symbol="KO", step="quote", provider=provider).state == "done"
    assert prediction_get(symbol="KO", model_type=ModelType.RISK_ASSESSMENT) is not None
