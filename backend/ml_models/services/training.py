"""Training runs: evaluate walk-forward, test the claim, fit, predict and store, recording every run.

A call is one batch: the symbols and models it trains are one family for the false-discovery adjustment, and
its predictions and training history are written together in one transaction at the end (nothing half-written).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.exceptions import NotFoundError
from ml_models import drift, forecasting, significance
from ml_models.cards import model_card
from ml_models.models import (
    ModelPrediction,
    ModelType,
    PredictionModel,
    TrainingHistory,
    TrainingScope,
    TrainingState,
    TrainingTrigger,
)
from ml_models.selectors import DailyHistory, daily_history_get
from ml_models.services.files import card_save, model_dir, model_files_prune, model_text_save
from ml_models.versions import BENCHMARK_SYMBOL, DESCRIPTIONS, MODEL_VERSION, PARAMS

METHOD = (
    "walk-forward, expanding window, a gap of the horizon before each test fold; the claim needs a one-sided "
    "Diebold-Mariano test (Newey-West variance) significant after Benjamini-Hochberg, a majority of folds and "
    "enough independent test points"
)


# The models that read the features, whose inputs can drift (risk reads the closes alone).
FEATURE_MODELS = {ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS}


@dataclass(frozen=True, slots=True)
class TrainingOutcome:
    """What one (symbol, model) of a run came to, for progress output and the task's result."""

    symbol: str
    model_type: str
    state: str
    duration_seconds: float
    error: str = ""
    beats_baseline: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class _Trained:
    """One (symbol, model) result, held in memory until the batch is written."""

    history: DailyHistory
    model_type: ModelType
    started_at: dt.datetime
    duration_seconds: float
    result: dict[str, Any] | None = None
    evaluation: forecasting.Evaluation | None = None
    error: str = ""
    q_value: float | None = None
    calibration: dict[str, Any] = field(default_factory=dict)
    drift: dict[str, Any] | None = None
    model_text: str = ""  # the fitted LightGBM model, saved as the run's file


def _benchmark_aligned(history: DailyHistory, benchmark: DailyHistory | None) -> forecasting.FloatArray | None:
    """The benchmark's closes on `history`'s dates, NaN where it has no bar (beta keeps only shared dates)."""
    import numpy as np

    if benchmark is None or history.symbol == BENCHMARK_SYMBOL:
        return None
    closes = dict(zip(benchmark.dates, benchmark.close, strict=True))
    return np.array([closes.get(d, np.nan) for d in history.dates], dtype=np.float64)


def _drift(history: DailyHistory) -> dict[str, Any] | None:
    """PSI of each model feature over the latest bars against the bars before them; None on a short history."""
    if len(history.close) < forecasting.MIN_HISTORY:
        return None
    report = drift.feature_drift(forecasting.features(history.close, history.volume), forecasting.FEATURE_NAMES)
    return None if report is None else report.as_dict()


def _fit(model_type: ModelType, history: DailyHistory, benchmark: DailyHistory | None) -> _Trained:
    started_at, clock = timezone.now(), time.perf_counter()
    params = PARAMS[model_type]
    trained = _Trained(history=history, model_type=model_type, started_at=started_at, duration_seconds=0.0)
    try:
        if model_type == ModelType.PRICE_PREDICTION:
            price = forecasting.forecast_price(
                history.close,
                history.volume,
                horizon=params["horizon_days"],
                folds=params["folds"],
                seed=params["seed"],
            )
            trained.result = {
                k: v for k, v in dataclasses.asdict(price).items() if k not in {"evaluation", "model_text"}
            }
            trained.evaluation = price.evaluation
            trained.model_text = price.model_text
        elif model_type == ModelType.TREND_ANALYSIS:
            trend = forecasting.forecast_trend(
                history.close,
                history.volume,
                horizon=params["horizon_days"],
                folds=params["folds"],
                seed=params["seed"],
            )
            trained.result = {
                k: v
                for k, v in dataclasses.asdict(trend).items()
                if k not in {"evaluation", "calibration", "model_text"}
            }
            trained.evaluation = trend.evaluation
            trained.model_text = trend.model_text
            trained.calibration = {k: v for k, v in dataclasses.asdict(trend.calibration).items() if k != "scaler"}
        else:
            risk = forecasting.assess_risk(
                history.close,
                _benchmark_aligned(history, benchmark),
                is_benchmark=history.symbol == BENCHMARK_SYMBOL,
                risk_free_rate=settings.RISK_FREE_RATE,
            )
            trained.result = dataclasses.asdict(risk)
    except forecasting.InsufficientHistoryError as exc:
        trained.error = str(exc)
    trained.duration_seconds = time.perf_counter() - clock
    return trained


def _evaluation_dict(trained: _Trained, family_size: int) -> dict[str, Any]:
    if trained.evaluation is None or trained.q_value is None:
        return {}
    return evaluation_record(trained.evaluation, trained.q_value, family_size, trained.calibration, method=METHOD)


def evaluation_record(
    e: forecasting.Evaluation, q_value: float, family_size: int, calibration: dict[str, Any], *, method: str
) -> dict[str, Any]:
    """The stored evaluation of one prediction: scores, the test behind the claim and the claim itself."""
    statistic = {} if e.test.statistic is None else {"dm_statistic": e.test.statistic}
    return {
        "metric": e.metric,
        "model": e.model,
        "baseline": e.baseline,
        "baseline_name": e.baseline_name,
        "test_points": e.test_points,
        "folds": e.folds,
        "skill": e.skill,
        "method": method,
        "p_value": e.test.p_value,
        "q_value": q_value,
        "fdr_family_size": family_size,
        **statistic,
        "hac_lag": e.test.hac_lag,
        "fold_wins": e.test.fold_wins,
        "independent_points": e.test.independent_points,
        "min_independent_points": significance.MIN_INDEPENDENT_POINTS,
        "alpha": significance.ALPHA,
        "beats_baseline": e.beats_baseline(q_value),
        **({"calibration": calibration} if calibration else {}),
    }


def predictions_train(
    *,
    symbols: Sequence[str],
    trigger: TrainingTrigger,
    model_types: Sequence[ModelType] = tuple(ModelType),
    progress: Callable[[TrainingOutcome, int, int], None] | None = None,
) -> list[TrainingOutcome]:
    """Train `model_types` on each of `symbols` (normalized, stored) as one batch and store what they predict.

    `progress(outcome, done, total)` is called after each (symbol, model). Too short a history is recorded as a
    failed run, without a prediction; an unknown symbol raises NotFoundError before anything is trained.
    """
    histories = [daily_history_get(symbol=symbol) for symbol in symbols]
    benchmark = None
    if ModelType.RISK_ASSESSMENT in model_types:
        benchmark = next((h for h in histories if h.symbol == BENCHMARK_SYMBOL), None)
        if benchmark is None and any(h.symbol != BENCHMARK_SYMBOL for h in histories):
            benchmark = _benchmark_get()
    total = len(histories) * len(model_types)
    trained: list[_Trained] = []
    for history in histories:
        feature_drift = _drift(history) if set(model_types) & FEATURE_MODELS else None
        for model_type in model_types:
            trained.append(_fit(model_type, history, benchmark))
            if model_type in FEATURE_MODELS:
                trained[-1].drift = feature_drift
            if progress is not None:
                progress(_outcome(trained[-1]), len(trained), total)
    tested = [(t, t.evaluation) for t in trained if t.evaluation is not None]
    q_values = significance.benjamini_hochberg([evaluation.test.p_value for _, evaluation in tested])
    for (t, _), q in zip(tested, q_values, strict=True):
        t.q_value = q
    _store(trained, trigger=trigger, family_size=len(tested))
    return [_outcome(t) for t in trained]


def _benchmark_get() -> DailyHistory | None:
    try:
        return daily_history_get(symbol=BENCHMARK_SYMBOL)
    except NotFoundError:
        return None


def _outcome(trained: _Trained) -> TrainingOutcome:
    beats = None
    if trained.evaluation is not None and trained.q_value is not None:
        beats = trained.evaluation.beats_baseline(trained.q_value)
    return TrainingOutcome(
        symbol=trained.history.symbol,
        model_type=trained.model_type.value,
        state=TrainingState.FAILED if trained.error else TrainingState.DONE,
        duration_seconds=round(trained.duration_seconds, 3),
        error=trained.error,
        beats_baseline=beats,
    )


def _model_file(t: _Trained, batch: uuid.UUID) -> Path:
    """Where a symbol's model of this run is saved: one folder per symbol under MODEL_DIR/symbols."""
    return model_dir("symbols", t.history.symbol) / f"{t.model_type.value}-{MODEL_VERSION}-{batch}.txt"


def _store(trained: Sequence[_Trained], *, trigger: TrainingTrigger, family_size: int) -> None:
    batch = uuid.uuid4()
    # Files first: a failed transaction leaves at most a file without a run, which the next prune removes.
    files = {id(t): model_text_save(_model_file(t, batch), t.model_text) for t in trained if t.model_text}
    runs: list[tuple[_Trained, TrainingHistory]] = []
    with transaction.atomic():
        models = {
            model_type: PredictionModel.objects.get_or_create(
                model_type=model_type,
                version=MODEL_VERSION,
                defaults={"description": DESCRIPTIONS[model_type], "params": PARAMS[model_type]},
            )[0]
            for model_type in {t.model_type for t in trained}
        }
        for t in trained:
            history = t.history
            evaluation = _evaluation_dict(t, family_size)
            run = TrainingHistory.objects.create(
                batch=batch,
                trigger=trigger,
                scope=TrainingScope.SYMBOL,
                stock_id=history.symbol,
                model=models[t.model_type],
                state=TrainingState.FAILED if t.error else TrainingState.DONE,
                error=t.error,
                data_start=history.dates[0] if history.dates else None,
                data_end=history.dates[-1] if history.dates else None,
                bars=len(history.dates),
                params=PARAMS[t.model_type],
                metrics={
                    **evaluation,
                    **({"drift": t.drift} if t.drift and t.result is not None else {}),
                    **({"file": files[id(t)]} if id(t) in files else {}),
                },
                started_at=t.started_at,
                duration_seconds=t.duration_seconds,
            )
            if id(t) in files:
                runs.append((t, run))
            if t.result is None:
                continue
            ModelPrediction.objects.update_or_create(
                stock_id=history.symbol,
                model=models[t.model_type],
                as_of=history.dates[-1],
                defaults={
                    "training": run,
                    "data_version": history.data_version,
                    "result": t.result,
                    "evaluation": evaluation,
                },
            )
    for t, run in runs:
        path = _model_file(t, batch)
        card_save(path, model_card(run))
        model_files_prune(path.parent, f"{t.model_type.value}-*.txt")
