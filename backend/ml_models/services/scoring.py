"""Scoring stored predictions once their horizon has passed: the live track record.

The horizon is counted in NYSE sessions (exchange-calendars, through stocks.schedule): a 5-day prediction made on a
Friday's bar is scored on the next Friday's close, a holiday in between pushing it a session later. A prediction is
scored once, when the stock has bars on both its as_of and its target session; one whose target bar is missing
while later bars exist is left unscored (there is no close to compare with).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from ml_models import track_record
from ml_models.models import ModelPrediction, PredictionScore
from ml_models.selectors import daily_history_get, model_track_records_forget


@dataclass(frozen=True, slots=True)
class ScoringRun:
    scored: int
    pending: int  # horizon not passed yet
    unscorable: int  # horizon passed but no bar on the as_of or target session


def target_session(as_of: dt.date, horizon: int) -> dt.date:
    """The session `horizon` sessions after `as_of` (or after the session before it, if `as_of` is not one)."""
    import pandas as pd

    from stocks.schedule import calendar

    cal = calendar()
    start = cal.date_to_session(pd.Timestamp(as_of), direction="previous")
    result: dt.date = cal.session_offset(start, horizon).date()
    return result


def predictions_score(*, symbols: list[str] | None = None) -> ScoringRun:
    """Score every unscored price and trend prediction (of `symbols`, default all) whose horizon has passed."""
    pending_predictions = ModelPrediction.objects.filter(
        score__isnull=True, model__model_type__in=track_record.SCORED_MODEL_TYPES
    ).select_related("model")
    if symbols is not None:
        pending_predictions = pending_predictions.filter(stock_id__in=symbols)
    by_symbol: dict[str, list[ModelPrediction]] = defaultdict(list)
    for prediction in pending_predictions:
        by_symbol[prediction.stock_id].append(prediction)
    scores: list[PredictionScore] = []
    pending = unscorable = 0
    for symbol, predictions in sorted(by_symbol.items()):
        history = daily_history_get(symbol=symbol)
        closes = dict(zip(history.dates, history.close.tolist(), strict=True))
        last_bar = history.dates[-1] if history.dates else None
        for prediction in predictions:
            target = target_session(prediction.as_of, int(prediction.result["horizon_days"]))
            if last_bar is None or target > last_bar:
                pending += 1
                continue
            start, end = closes.get(prediction.as_of), closes.get(target)
            if start is None or end is None:
                unscorable += 1
                continue
            scored = track_record.score(prediction.model.model_type, prediction.result, math.log(end / start))
            scores.append(
                PredictionScore(
                    prediction=prediction,
                    stock_id=symbol,
                    model_id=prediction.model_id,
                    target_date=target,
                    **dataclasses.asdict(scored),
                )
            )
    with transaction.atomic():
        PredictionScore.objects.bulk_create(scores, ignore_conflicts=True)
    model_track_records_forget(
        models=sorted({(s.prediction.model.model_type, s.prediction.model.version) for s in scores})
    )
    return ScoringRun(scored=len(scores), pending=pending, unscorable=unscorable)
