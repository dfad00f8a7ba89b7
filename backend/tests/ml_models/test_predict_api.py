"""GET /api/v1/analysis/predict/<symbol>/ answers with a prediction and the record that qualifies it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.db.models import F
from django.utils import timezone

from ml_models.models import ModelPrediction
from stocks.models import DailyPrice, Stock
from tests.factories import StockFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/analysis/predict/{}/"


def _store_history(symbol: str, n: int, seed: int = 11) -> Stock:
    stock = StockFactory.create(symbol=symbol)
    rng = np.random.default_rng(seed)
    close = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, n)))
    start = dt.date(2010, 1, 1)
    now = timezone.now()
    DailyPrice.objects.bulk_create(
        DailyPrice(
            stock=stock,
            date=start + dt.timedelta(days=i),
            open_price=Decimal(f"{c:.4f}"),
            high_price=Decimal(f"{c * 1.01:.4f}"),
            low_price=Decimal(f"{c * 0.99:.4f}"),
            close_price=Decimal(f"{c:.4f}"),
            volume=1_000_000 + i,
            fetched_at=now,
        )
        for i, c in enumerate(close)
    )
    return stock


PREDICTION_FIELDS = {
    "price_prediction": {"horizon_days", "last_close", "predicted_price", "lower", "upper"},
    "trend_analysis": {"horizon_days", "probability_up", "direction"},
    "risk_assessment": {
        "annual_volatility",
        "var_95_1d",
        "cvar_95_1d",
        "max_drawdown",
        "beta",
        "level",
        "backtest_var_breaches",
    },
}


@pytest.mark.parametrize("model_type", ["price_prediction", "trend_analysis", "risk_assessment"])
def test_each_model_answers_with_its_evaluation(api_client: Any, model_type: str) -> None:
    _store_history("AAPL", 800)
    response = api_client.get(URL.format("aapl"), {"model_type": model_type})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["symbol"] == "AAPL"
    assert body["model_type"] == model_type
    assert body["source"] == "simulated"
    assert body["as_of"] == (dt.date(2010, 1, 1) + dt.timedelta(days=799)).isoformat()
    assert set(body["disclaimer"]) == {"ko", "en"}
    assert set(body["model"]) == {"version", "description"}
    assert set(body["prediction"]) == PREDICTION_FIELDS[model_type]  # exactly what the schema documents
    if model_type == "risk_assessment":
        assert body["prediction"]["level"] in {"low", "medium", "high"}
    else:
        evaluation = body["evaluation"]
        assert evaluation["test_points"] > 100
        assert evaluation["baseline_name"]
        assert evaluation["beats_baseline"] == (evaluation["skill"] > 0)


def test_a_prediction_is_computed_once_per_data_version(api_client: Any) -> None:
    stock = _store_history("MSFT", 700)
    first = api_client.get(URL.format("MSFT")).json()
    again = api_client.get(URL.format("MSFT")).json()
    assert first == again
    assert ModelPrediction.objects.count() == 1
    Stock.objects.filter(pk=stock.pk).update(data_version=F("data_version") + 1)
    api_client.get(URL.format("MSFT"))
    assert ModelPrediction.objects.count() == 2


def test_errors_name_the_problem(api_client: Any) -> None:
    _store_history("SHORT", 50)
    unknown = api_client.get(URL.format("ZZZZ"))
    assert (unknown.status_code, unknown.json()["code"]) == (404, "stock_not_found")
    bad_type = api_client.get(URL.format("SHORT"), {"model_type": "astrology"})
    assert bad_type.status_code == 400
    assert "model_type" in bad_type.json()["message"]
    short = api_client.get(URL.format("SHORT"))
    assert short.status_code == 409
    assert "have 50" in short.json()["message"]
    assert api_client.get(URL.format("bad symbol!")).status_code == 400
