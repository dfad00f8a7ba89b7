"""Reads for the models: the one read of a stock's daily closes, and stored predictions (never computed here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max

from core.exceptions import ErrorCode, NotFoundError
from ml_models.models import ModelPrediction, ModelType, TrainingHistory, TrainingScope, TrainingState
from ml_models.selection import per_symbol_earns_place
from ml_models.versions import MODEL_VERSION, UNIVERSE_VERSION
from stocks.models import CorporateAction, DailyPrice, Stock
from stocks.selectors.adjusted import adjusted_bars_get

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
    import numpy as np

    data_version = Stock.objects.filter(symbol=symbol).values_list("data_version", flat=True).first()
    if data_version is None:
        raise NotFoundError(f"Unknown symbol '{symbol}'.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": symbol})
    series = adjusted_bars_get(symbol=symbol, interval="daily", adjustment="total")
    return DailyHistory(
        symbol=symbol,
        data_version=data_version,
        dates=list(series.dates),
        close=np.asarray(series.bars.close, dtype=np.float64),
        volume=np.asarray(series.bars.volume, dtype=np.float64),
    )


@dataclass(frozen=True, slots=True)
class ModelInputs:
    """What a prediction is made from: the daily bars (how many, the last one's date) and when the stock's splits
    and dividends last changed (they change the adjusted closes without a new bar). The stock's data version is
    not used: quotes bump it too, and they change nothing the models read."""

    bars: int
    last_date: dt.date | None
    events_changed_at: dt.datetime | None

    @property
    def key(self) -> str:
        changed = self.events_changed_at.isoformat() if self.events_changed_at else "none"
        return f"{self.last_date.isoformat() if self.last_date else 'none'}:{self.bars}:{changed}"


def model_inputs_get(*, symbol: str) -> ModelInputs:
    """The current inputs of `symbol`'s models (two indexed aggregates, no bars loaded)."""
    if not Stock.objects.filter(symbol=symbol).exists():
        raise NotFoundError(f"Unknown symbol '{symbol}'.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": symbol})
    bars = DailyPrice.objects.filter(stock_id=symbol).aggregate(bars=Count("id"), last=Max("date"))
    events = CorporateAction.objects.filter(stock_id=symbol).aggregate(changed=Max("fetched_at"))
    return ModelInputs(bars=bars["bars"], last_date=bars["last"], events_changed_at=events["changed"])


def prediction_get(
    *, symbol: str, model_type: ModelType, inputs: ModelInputs | None = None, version: str = MODEL_VERSION
) -> ModelPrediction | None:
    """The stored prediction of model `version` (default: the per-symbol model) made from the stock's current
    inputs (its last daily bar, and after its splits and dividends last changed); None when there is none yet."""
    inputs = inputs or model_inputs_get(symbol=symbol)
    if inputs.last_date is None:
        return None
    current = ModelPrediction.objects.filter(
        stock_id=symbol, model__model_type=model_type, model__version=version, as_of=inputs.last_date
    )
    if inputs.events_changed_at is not None:
        current = current.filter(training__started_at__gte=inputs.events_changed_at)
    return current.select_related("model", "training").order_by("-created_at").first()


@dataclass(frozen=True, slots=True)
class PredictionChoice:
    """The prediction a symbol shows and the other model's prediction from the same bars, which it beat."""

    chosen: ModelPrediction
    competitor: ModelPrediction | None


def prediction_choose(*, symbol: str, model_type: ModelType, inputs: ModelInputs) -> PredictionChoice | None:
    """The universe model's and the per-symbol model's current predictions, chosen between by
    `ml_models.selection.RULE`; None when neither exists."""
    own = prediction_get(symbol=symbol, model_type=model_type, inputs=inputs)
    main = None
    if model_type in (ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS):
        main = prediction_get(symbol=symbol, model_type=model_type, inputs=inputs, version=UNIVERSE_VERSION)
    if main is None:
        return None if own is None else PredictionChoice(own, None)
    if own is not None and per_symbol_earns_place(own.evaluation, main.evaluation):
        return PredictionChoice(own, main)
    return PredictionChoice(main, own)


def symbols_needing_prediction(*, symbols: list[str], model_types: list[ModelType]) -> list[str]:
    """Those of `symbols` (in order) with daily bars where a model type has no prediction from current inputs."""
    needing = []
    for symbol in symbols:
        inputs = model_inputs_get(symbol=symbol)
        if inputs.last_date is not None and any(
            prediction_get(symbol=symbol, model_type=t, inputs=inputs) is None for t in model_types
        ):
            needing.append(symbol)
    return needing


def training_run_get(*, training_id: int) -> TrainingHistory:
    """One training run with its model; NotFoundError when there is none."""
    run = TrainingHistory.objects.select_related("model").filter(pk=training_id).first()
    if run is None:
        raise NotFoundError(f"No training run {training_id}.", extra={"training_id": training_id})
    return run


def latest_universe_runs() -> list[TrainingHistory]:
    """The newest successful universe run of each model type of the current universe version."""
    runs = []
    for model_type in (ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS):
        run = (
            TrainingHistory.objects.select_related("model")
            .filter(
                scope=TrainingScope.UNIVERSE,
                state=TrainingState.DONE,
                model__model_type=model_type,
                model__version=UNIVERSE_VERSION,
            )
            .order_by("-started_at")
            .first()
        )
        if run is not None:
            runs.append(run)
    return runs
