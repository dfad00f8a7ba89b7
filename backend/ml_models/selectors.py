"""Reads for the models: the one read of a stock's daily closes, and stored predictions (never computed here)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q, QuerySet

from core.exceptions import ErrorCode, NotFoundError
from core.failsafe import shared_state
from ml_models.models import (
    ModelPrediction,
    ModelType,
    PredictionModel,
    PredictionScore,
    TrainingHistory,
    TrainingScope,
    TrainingState,
)
from ml_models.selection import per_symbol_earns_place
from ml_models.versions import MODEL_VERSION, UNIVERSE_VERSION
from stocks.models import CorporateAction, DailyPrice, Stock
from stocks.selectors.adjusted import adjusted_bars_get
from stocks.selectors.refresh import ModelDrift

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


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """Scores summed over a set of predictions (overlapping horizons: not independent points), and how many of
    its predictions still wait for their horizon."""

    scored: int
    pending: int
    mean_abs_error: float | None
    baseline_mean_abs_error: float | None
    error_ratio: float | None  # mean_abs_error / baseline's; below 1 is better than "no change"
    coverage_80: float | None
    coverage_95: float | None
    moved: int  # trend outcomes that went up or down
    brier: float | None
    brier_base_rate: float | None
    hit_rate: float | None  # share of moves whose direction P(up) >= 0.5 called


_CALLED = Q(outcome_up=True, probability_up__gte=0.5) | Q(outcome_up=False, probability_up__lt=0.5)
_AGGREGATES = {
    "n_scored": Count("id"),
    "mae": Avg("abs_error"),
    "baseline_mae": Avg("baseline_abs_error"),
    "in_80": Count("id", filter=Q(inside_80=True)),
    "n_80": Count("inside_80"),
    "in_95": Count("id", filter=Q(inside_95=True)),
    "n_95": Count("inside_95"),
    "n_moved": Count("outcome_up"),
    "mean_brier": Avg("brier"),
    "mean_brier_base_rate": Avg("brier_base_rate"),
    "n_base_rate": Count("brier_base_rate"),
    "called": Count("id", filter=_CALLED),
}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _track_record(row: dict[str, Any], pending: int) -> TrackRecord:
    mae, baseline = row.get("mae"), row.get("baseline_mae")
    moved = row.get("n_moved", 0)
    return TrackRecord(
        scored=row.get("n_scored", 0),
        pending=pending,
        mean_abs_error=mae,
        baseline_mean_abs_error=baseline,
        error_ratio=mae / baseline if mae is not None and baseline else None,
        coverage_80=_share(row.get("in_80", 0), row.get("n_80", 0)),
        coverage_95=_share(row.get("in_95", 0), row.get("n_95", 0)),
        moved=moved,
        brier=row.get("mean_brier"),
        # Predictions stored before the base rate was (none of this version) leave it out rather than skew it.
        brier_base_rate=row.get("mean_brier_base_rate") if row.get("n_base_rate", 0) == moved else None,
        hit_rate=_share(row.get("called", 0), moved),
    )


def _grouped(scores: QuerySet[PredictionScore], key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in scores.values(key).annotate(**_AGGREGATES).order_by()}


def _pending(waiting: QuerySet[ModelPrediction], key: str) -> dict[str, int]:
    return {row[key]: row["n"] for row in waiting.values(key).annotate(n=Count("id")).order_by()}


def track_record_get(*, model_type: ModelType, version: str, symbol: str | None = None) -> TrackRecord:
    """The live track record of one model version (on every symbol, or on `symbol`): two aggregate queries."""
    scores = PredictionScore.objects.filter(model__model_type=model_type, model__version=version)
    waiting = ModelPrediction.objects.filter(model__model_type=model_type, model__version=version, score__isnull=True)
    if symbol is not None:
        scores, waiting = scores.filter(stock_id=symbol), waiting.filter(stock_id=symbol)
    return _track_record(scores.aggregate(**_AGGREGATES), waiting.count())


# The all-stocks record of a version is the same for every stock's prediction and changes when predictions are
# scored (once a day) or stored: it is cached this long, and dropped when predictions are scored.
TRACK_RECORD_CACHE_SECONDS = 600


def _track_record_key(model_type: str, version: str) -> str:
    return f"ml_models:track_record:{model_type}:{version}"


def model_track_record_get(*, model_type: ModelType, version: str) -> TrackRecord:
    """`track_record_get` of one version on every stock, from the cache when it holds it (up to 10 minutes old)."""
    key = _track_record_key(model_type, version)
    cached = shared_state.call("the track record cache", lambda: cache.get(key), lambda: None)
    if cached is not None:
        return TrackRecord(**cached)
    record = track_record_get(model_type=model_type, version=version)
    shared_state.call(
        "the track record cache",
        lambda: cache.set(key, dataclasses.asdict(record), timeout=TRACK_RECORD_CACHE_SECONDS),
        lambda: None,
    )
    return record


def model_track_records_forget(*, models: Sequence[tuple[str, str]]) -> None:
    """Drop the cached all-stocks records of these (model type, version) pairs: their predictions were scored."""
    keys = [_track_record_key(model_type, version) for model_type, version in models]
    shared_state.call("the track record cache", lambda: cache.delete_many(keys), lambda: None)


@dataclass(frozen=True, slots=True)
class TrackRecords:
    model_type: ModelType
    version: str  # the version whose per-symbol records are listed
    models: dict[str, TrackRecord]  # by version, newest first (every version with a stored prediction)
    symbols: dict[str, TrackRecord]  # by symbol, of `version`


def track_records_list(
    *, model_type: ModelType, version: str = MODEL_VERSION, symbol: str | None = None
) -> TrackRecords:
    """Per model version and, for `version` (default: the one in service), per symbol; or only `symbol`'s.

    A handful of grouped queries whatever the number of symbols."""
    scores = PredictionScore.objects.filter(model__model_type=model_type)
    predictions = ModelPrediction.objects.filter(model__model_type=model_type)
    if symbol is not None:
        scores, predictions = scores.filter(stock_id=symbol), predictions.filter(stock_id=symbol)
    waiting = predictions.filter(score__isnull=True)
    versions = list(
        PredictionModel.objects.filter(id__in=predictions.values("model_id"))
        .order_by("-created_at")
        .values_list("version", flat=True)
    )
    by_version, waiting_by_version = _grouped(scores, "model__version"), _pending(waiting, "model__version")
    by_symbol = _grouped(scores.filter(model__version=version), "stock_id")
    waiting_by_symbol = _pending(waiting.filter(model__version=version), "stock_id")
    symbols = sorted(set(predictions.filter(model__version=version).values_list("stock_id", flat=True)))
    return TrackRecords(
        model_type=model_type,
        version=version,
        models={v: _track_record(by_version.get(v, {}), waiting_by_version.get(v, 0)) for v in versions},
        symbols={s: _track_record(by_symbol.get(s, {}), waiting_by_symbol.get(s, 0)) for s in symbols},
    )


def model_drift_by_symbol(symbols: Sequence[str]) -> dict[str, ModelDrift]:
    """The feature drift of each of `symbols`' latest training run that measured one (the refresh status shows it)."""
    runs = TrainingHistory.objects.filter(stock_id__in=symbols, state=TrainingState.DONE, metrics__has_key="drift")
    latest = runs.values("stock_id").annotate(last=Max("id")).values("last")
    drift: dict[str, ModelDrift] = {}
    for stock_id, metrics, started_at in TrainingHistory.objects.filter(id__in=latest).values_list(
        "stock_id", "metrics", "started_at"
    ):
        found = metrics["drift"]
        drift[stock_id] = ModelDrift(
            flag=found["flag"],
            worst_feature=found["worst_feature"],
            worst_psi=found["worst_psi"],
            measured_at=started_at,
        )
    return drift
