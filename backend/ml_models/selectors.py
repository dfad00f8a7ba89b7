"""Reads for the models: the one read of a stock's daily closes, and stored predictions (never computed here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db.models import Count, Max

from core.exceptions import NotFoundError
from ml_models.models import ModelPrediction, ModelType
from ml_models.versions import MODEL_VERSION
from stocks.models import DailyPrice, Stock
from stocks.selectors.adjusted import adjusted_bars_get


@dataclass(frozen=True, slots=True)
class DailyHistory:
    """A stock's daily bars in date order, as the models read them."""

    symbol: str
    data_version: int
    dates: list[dt.date]
    close: npt.NDArray[np.float64]
    volume: npt.NDArray[np.float64]


def daily_history_get(*, symbol: str) -> DailyHistory:
    """Every stored daily close (total-return adjusted: splits and dividends) and volume (split-adjusted) of
    `symbol`, oldest first: the only place the models read closes."""
    data_version = Stock.objects.filter(symbol=symbol).values_list("data_version", flat=True).first()
    if data_version is None:
        raise NotFoundError(f"Unknown symbol '{symbol}'.", extra={"symbol": symbol})
    series = adjusted_bars_get(symbol=symbol, interval="daily", adjustment="total")
    return DailyHistory(
        symbol=symbol,
        data_version=data_version,
        dates=list(series.dates),
        close=np.asarray(series.bars.close, dtype=np.float64),
        volume=np.asarray(series.bars.volume, dtype=np.float64),
    )


@dataclass(frozen=True, slots=True)
class BarSummary:
    bars: int
    last_date: dt.date | None


def daily_bar_summary_get(*, symbol: str) -> BarSummary:
    """How many daily bars `symbol` has and the last one's date (one indexed aggregate, no bars loaded)."""
    summary = DailyPrice.objects.filter(stock_id=symbol).aggregate(bars=Count("id"), last=Max("date"))
    return BarSummary(bars=summary["bars"], last_date=summary["last"])


def prediction_get(*, symbol: str, model_type: ModelType) -> ModelPrediction | None:
    """The newest stored prediction of the current model version made from the stock's current data (a new bar,
    split or dividend bumps its data version); None when there is none yet."""
    data_version = Stock.objects.filter(symbol=symbol).values_list("data_version", flat=True).first()
    if data_version is None:
        raise NotFoundError(f"Unknown symbol '{symbol}'.", extra={"symbol": symbol})
    return (
        ModelPrediction.objects.select_related("model", "training")
        .filter(stock_id=symbol, model__model_type=model_type, model__version=MODEL_VERSION, data_version=data_version)
        .order_by("-as_of", "-created_at")
        .first()
    )


def symbols_needing_prediction(*, symbols: list[str], model_types: list[ModelType]) -> list[str]:
    """Those of `symbols` (in order) with daily bars where a model type has no current-version prediction from
    the last bar."""
    last_bars = dict(
        DailyPrice.objects.filter(stock_id__in=symbols)
        .values("stock_id")
        .annotate(last=Max("date"))
        .values_list("stock_id", "last")
    )
    current = set(
        ModelPrediction.objects.filter(
            stock_id__in=symbols, model__version=MODEL_VERSION, model__model_type__in=model_types
        ).values_list("stock_id", "model__model_type", "as_of")
    )
    return [
        symbol
        for symbol in symbols
        if symbol in last_bars and any((symbol, t.value, last_bars[symbol]) not in current for t in model_types)
    ]
