"""Reads of stored predictions: the one for a stock's current data version, never computed here."""

from __future__ import annotations

from core.exceptions import ErrorCode, NotFoundError
from ml_models.models import ModelPrediction, ModelType
from ml_models.services import MODEL_VERSION
from stocks.models import Stock


def prediction_get(*, symbol: str, model_type: ModelType) -> ModelPrediction | None:
    """The stored prediction for the stock's current data version and model version; None when there is none yet."""
    stock = Stock.objects.filter(symbol=symbol).only("symbol", "data_version").first()
    if stock is None:
        raise NotFoundError(f"Unknown symbol '{symbol}'.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": symbol})
    return (
        ModelPrediction.objects.select_related("model")
        .filter(
            stock=stock,
            model__model_type=model_type,
            model__version=MODEL_VERSION,
            data_version=stock.data_version,
        )
        .first()
    )
