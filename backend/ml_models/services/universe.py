"""Universe training runs: read every stored symbol, train the cross-sectional models, save their files and model
cards, and store one prediction per symbol with the same claims as the per-symbol models.

One call is one batch: both models' per-symbol p-values are one family for the false-discovery adjustment, and
everything is written in one transaction at the end (model files are written first, under names no stored run
uses yet, so a failed write leaves at most unreferenced files, never a run without its file).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ml_models import significance, universe
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
from ml_models.services.training import evaluation_record
from ml_models.versions import UNIVERSE_DESCRIPTIONS, UNIVERSE_PARAMS, UNIVERSE_VERSION
from stocks.models import BalanceSheet, DailyPrice, IncomeStatement, PeriodType, Stock

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

METHOD = (
    "one model across every stored symbol; walk-forward on the trading calendar, expanding window, an embargo of "
    "the horizon before each test fold; per symbol, the claim needs a one-sided Diebold-Mariano test (Newey-West "
    "variance) significant after Benjamini-Hochberg, a majority of folds and enough independent test points"
)
UNIVERSE_MODEL_TYPES = (ModelType.PRICE_PREDICTION, ModelType.TREND_ANALYSIS)


@dataclass(frozen=True, slots=True)
class UniverseOutcome:
    """What a universe run came to, for progress output and the task's result."""

    model_type: str
    state: str
    symbols: int
    duration_seconds: float
    ic: float | None = None
    rank_ic: float | None = None
    icir: float | None = None
    beats_baseline: int = 0
    training_id: int | None = None
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def fundamentals_point_in_time(symbol: str, dates: Sequence[dt.date]) -> npt.NDArray[np.float64]:
    """universe.FUNDAMENTAL_FEATURES per bar: the latest quarterly statement counted as filed FILING_LAG_DAYS after
    its period ended, by each bar's date (NaN before the first). Overview figures are today's snapshot, so they
    would leak the present into the past and are not used."""
    import numpy as np

    out = np.full((len(dates), len(universe.FUNDAMENTAL_FEATURES)), np.nan)
    lag = dt.timedelta(days=universe.FILING_LAG_DAYS)
    income = {
        row["fiscal_date_ending"]: row["net_income"]
        for row in IncomeStatement.objects.filter(stock_id=symbol, period_type=PeriodType.QUARTERLY).values(
            "fiscal_date_ending", "net_income"
        )
    }
    sheets = list(
        BalanceSheet.objects.filter(stock_id=symbol, period_type=PeriodType.QUARTERLY)
        .order_by("fiscal_date_ending")
        .values("fiscal_date_ending", "total_shareholder_equity", "total_liabilities", "total_assets")
    )
    if not sheets or not dates:
        return out
    known = np.array([np.datetime64(s["fiscal_date_ending"] + lag, "D") for s in sheets])
    values = np.full((len(sheets), 2), np.nan)
    for i, s in enumerate(sheets):
        equity, liabilities, assets = s["total_shareholder_equity"], s["total_liabilities"], s["total_assets"]
        net = income.get(s["fiscal_date_ending"])
        if net is not None and equity:
            values[i, 0] = float(net) / float(equity)
        if liabilities is not None and assets:
            values[i, 1] = float(liabilities) / float(assets)
    which = np.searchsorted(known, np.array(dates, dtype="datetime64[D]"), side="right") - 1
    out[which >= 0] = values[which[which >= 0]]
    return out


def universe_load(symbols: Sequence[str] | None = None) -> tuple[list[universe.SymbolBars], dict[str, DailyHistory]]:
    """Every stored symbol with enough daily bars (or `symbols`): adjusted closes, volumes and fundamentals."""
    import numpy as np

    if symbols is None:
        symbols = list(Stock.objects.order_by("symbol").values_list("symbol", flat=True))
    counts = dict(
        DailyPrice.objects.filter(stock_id__in=symbols)
        .values("stock_id")
        .annotate(n=Count("id"))
        .values_list("stock_id", "n")
    )
    bars, histories = [], {}
    for symbol in symbols:
        if counts.get(symbol, 0) < universe.MIN_BARS:
            continue
        history = daily_history_get(symbol=symbol)
        histories[symbol] = history
        bars.append(
            universe.SymbolBars(
                symbol=symbol,
                dates=np.array(history.dates, dtype="datetime64[D]"),
                close=history.close,
                volume=history.volume,
                fundamentals=fundamentals_point_in_time(symbol, history.dates),
            )
        )
    return bars, histories


def universe_train(
    *,
    trigger: TrainingTrigger,
    symbols: Sequence[str] | None = None,
    threads: int = 1,
    progress: Callable[[str], None] | None = None,
) -> list[UniverseOutcome]:
    """Train both universe models on every stored symbol (or `symbols`) and store their predictions.

    Too small a universe is recorded as failed runs, without predictions or files.
    """
    started_at, clock = timezone.now(), time.perf_counter()
    say = progress or (lambda _message: None)
    say("loading stored bars")
    bars, histories = universe_load(symbols)
    try:
        say(f"building features for {len(bars)} symbols")
        panel = universe.panel_build(bars)
        models = [
            universe.price_train(panel, threads=threads, progress=say),
            universe.trend_train(panel, threads=threads, progress=say),
        ]
    except universe.UniverseTooSmallError as exc:
        return _store_failed(str(exc), trigger=trigger, started_at=started_at, duration=time.perf_counter() - clock)
    say("testing claims and storing predictions")
    return _store(models, histories, trigger=trigger, started_at=started_at, duration=time.perf_counter() - clock)


def _store_failed(
    error: str, *, trigger: TrainingTrigger, started_at: dt.datetime, duration: float
) -> list[UniverseOutcome]:
    batch = uuid.uuid4()
    outcomes = []
    with transaction.atomic():
        for model_type in UNIVERSE_MODEL_TYPES:
            run = TrainingHistory.objects.create(
                batch=batch,
                trigger=trigger,
                scope=TrainingScope.UNIVERSE,
                model=_prediction_model(model_type),
                state=TrainingState.FAILED,
                error=error,
                params=UNIVERSE_PARAMS[model_type],
                started_at=started_at,
                duration_seconds=duration,
            )
            outcomes.append(
                UniverseOutcome(
                    model_type, TrainingState.FAILED, 0, round(duration, 3), training_id=run.pk, error=error
                )
            )
    return outcomes


def _prediction_model(model_type: ModelType) -> PredictionModel:
    return PredictionModel.objects.get_or_create(
        model_type=model_type,
        version=UNIVERSE_VERSION,
        defaults={"description": UNIVERSE_DESCRIPTIONS[model_type], "params": UNIVERSE_PARAMS[model_type]},
    )[0]


def _model_type(model: universe.UniverseModel) -> ModelType:
    return ModelType.PRICE_PREDICTION if model.kind == "price" else ModelType.TREND_ANALYSIS


def _forecast(result: universe.SymbolResult) -> Any:
    return result.price if result.price is not None else result.trend


def _save(model: universe.UniverseModel, model_type: ModelType, batch: uuid.UUID) -> dict[str, Any]:
    return model_text_save(
        model_dir() / f"{model_type.value}-{UNIVERSE_VERSION}-{batch}.txt", model.booster.model_to_string()
    )


def _store(
    models: list[universe.UniverseModel],
    histories: dict[str, DailyHistory],
    *,
    trigger: TrainingTrigger,
    started_at: dt.datetime,
    duration: float,
) -> list[UniverseOutcome]:
    batch = uuid.uuid4()
    tested = [
        (model, symbol, _forecast(result).evaluation)
        for model in models
        for symbol, result in model.results.items()
        if not result.error
    ]
    q_values = significance.benjamini_hochberg([evaluation.test.p_value for _, _, evaluation in tested])
    claims = {(model.kind, symbol): q for (model, symbol, _), q in zip(tested, q_values, strict=True)}
    files = {model.kind: _save(model, _model_type(model), batch) for model in models}
    outcomes, cards = [], []
    with transaction.atomic():
        for model in models:
            model_type = _model_type(model)
            calibration = (
                {k: v for k, v in dataclasses.asdict(model.calibration).items() if k != "scaler"}
                if model.calibration is not None
                else {}
            )
            records = {
                symbol: evaluation_record(
                    _forecast(result).evaluation,
                    claims[(model.kind, symbol)],
                    len(tested),
                    calibration,
                    method=METHOD,
                )
                for symbol, result in model.results.items()
                if not result.error
            }
            beats = sum(bool(r["beats_baseline"]) for r in records.values())
            dates = [d for s in model.results for d in (histories[s].dates[:1] + histories[s].dates[-1:])]
            run = TrainingHistory.objects.create(
                batch=batch,
                trigger=trigger,
                scope=TrainingScope.UNIVERSE,
                model=_prediction_model(model_type),
                state=TrainingState.DONE,
                data_start=min(dates) if dates else None,
                data_end=max(dates) if dates else None,
                bars=model.rows,
                params=UNIVERSE_PARAMS[model_type],
                metrics={
                    "universe": dataclasses.asdict(model.metrics),
                    "symbols_scored": len(records),
                    "symbols_beating_baseline": beats,
                    "fdr_family_size": len(tested),
                    "feature_importance": model.feature_importance,
                    "file": files[model.kind],
                    **({"calibration": calibration} if calibration else {}),
                },
                started_at=started_at,
                duration_seconds=duration,
            )
            for symbol, record in records.items():
                history, result = histories[symbol], model.results[symbol]
                forecast = _forecast(result)
                excluded = {"evaluation", "calibration"}
                ModelPrediction.objects.update_or_create(
                    stock_id=symbol,
                    model=run.model,
                    as_of=history.dates[-1],
                    defaults={
                        "training": run,
                        "data_version": history.data_version,
                        "result": {k: v for k, v in dataclasses.asdict(forecast).items() if k not in excluded},
                        "evaluation": record,
                    },
                )
            cards.append((model_type, run))
            outcomes.append(
                UniverseOutcome(
                    model_type=model_type.value,
                    state=TrainingState.DONE,
                    symbols=len(records),
                    duration_seconds=round(duration, 3),
                    ic=model.metrics.ic,
                    rank_ic=model.metrics.rank_ic,
                    icir=model.metrics.icir,
                    beats_baseline=beats,
                    training_id=run.pk,
                )
            )
    for model_type, run in cards:
        card_save(model_dir() / run.metrics["file"]["name"], model_card(run))
        model_files_prune(model_dir(), f"{model_type.value}-*.txt")
    return outcomes
