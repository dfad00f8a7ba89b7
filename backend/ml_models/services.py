"""Training predictions: evaluate walk-forward, fit, predict and store one per stock, model and data version."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction

from core.exceptions import ConflictError, ErrorCode, NotFoundError
from ml_models import forecasting
from ml_models.models import ModelPrediction, ModelType, PredictionModel
from stocks.models import DailyPrice, Stock

MODEL_VERSION = "2026.11-lgbm-1"
BENCHMARK_SYMBOL = "SPY"
_DESCRIPTIONS = {
    ModelType.PRICE_PREDICTION: "LightGBM on lagged returns, RSI, MACD, trend distance and volume; 5-day log return.",
    ModelType.TREND_ANALYSIS: "LightGBM classifier of the 20-day direction on the same features.",
    ModelType.RISK_ASSESSMENT: "Historical volatility, VaR/CVaR (95%), drawdown and beta against SPY.",
}


def _closes(symbol: str) -> tuple[list[Any], np.ndarray, np.ndarray]:
    bars = DailyPrice.objects.filter(stock_id=symbol).order_by("date")
    rows = list(bars.values_list("date", "close_price", "volume"))
    dates = [row[0] for row in rows]
    close = np.array([float(row[1]) for row in rows], dtype=np.float64)
    volume = np.array([float(row[2]) for row in rows], dtype=np.float64)
    return dates, close, volume


def _benchmark_aligned(dates: list[Any]) -> np.ndarray | None:
    bench = dict(DailyPrice.objects.filter(stock_id=BENCHMARK_SYMBOL).values_list("date", "close_price"))
    if not bench or any(d not in bench for d in dates):
        return None
    return np.array([float(bench[d]) for d in dates], dtype=np.float64)


def _run(model_type: ModelType, symbol: str, dates: list[Any], close: np.ndarray, volume: np.ndarray) -> dict[str, Any]:
    if model_type == ModelType.PRICE_PREDICTION:
        price = forecasting.forecast_price(close, volume)
        return {"prediction": dataclasses.asdict(price) | {"evaluation": None}, "evaluation": price.evaluation}
    if model_type == ModelType.TREND_ANALYSIS:
        trend = forecasting.forecast_trend(close, volume)
        return {"prediction": dataclasses.asdict(trend) | {"evaluation": None}, "evaluation": trend.evaluation}
    benchmark = None if symbol == BENCHMARK_SYMBOL else _benchmark_aligned(dates)
    risk = forecasting.assess_risk(close, benchmark)
    return {"prediction": dataclasses.asdict(risk), "evaluation": None}


def _evaluation_dict(evaluation: forecasting.Evaluation | None) -> dict[str, Any]:
    if evaluation is None:
        return {}
    return dataclasses.asdict(evaluation) | {
        "skill": evaluation.skill,
        "method": "walk-forward, expanding window; each test point predicted by a model trained only on earlier data",
        "beats_baseline": evaluation.skill > 0,
    }


def prediction_train(*, symbol: str, model_type: ModelType) -> ModelPrediction:
    """Train and store the prediction for the stock's current data version (or return the one already stored)."""
    stock = Stock.objects.filter(symbol=symbol).only("symbol", "data_version").first()
    if stock is None:
        raise NotFoundError(f"Unknown symbol '{symbol}'.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": symbol})
    model, _ = PredictionModel.objects.get_or_create(
        model_type=model_type, version=MODEL_VERSION, defaults={"description": _DESCRIPTIONS[model_type]}
    )
    existing = ModelPrediction.objects.filter(stock=stock, model=model, data_version=stock.data_version).first()
    if existing is not None:
        return existing
    dates, close, volume = _closes(symbol)
    try:
        outcome = _run(model_type, symbol, dates, close, volume)
    except forecasting.InsufficientHistoryError as exc:
        raise ConflictError(
            str(exc), code=ErrorCode.INSUFFICIENT_HISTORY, extra={"symbol": symbol, "bars": len(close)}
        ) from exc
    prediction = outcome["prediction"]
    prediction.pop("evaluation", None)
    try:
        with transaction.atomic():
            return ModelPrediction.objects.create(
                stock=stock,
                model=model,
                data_version=stock.data_version,
                as_of=dates[-1],
                result=prediction,
                evaluation=_evaluation_dict(outcome["evaluation"]),
            )
    except IntegrityError:  # another request stored the same prediction first
        return ModelPrediction.objects.get(stock=stock, model=model, data_version=stock.data_version)
