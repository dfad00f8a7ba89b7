"""Asking for predictions: read the stored one, or queue its training once per state of the stock's bars."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.cache import cache
from kombu.exceptions import OperationalError

from core.exceptions import ConflictError, ErrorCode
from core.failsafe import shared_state
from ml_models import forecasting
from ml_models.models import ModelType, TrainingTrigger
from ml_models.selectors import ModelInputs, PredictionChoice, model_inputs_get, prediction_choose
from ml_models.tasks import predictions_train_enqueue

logger = logging.getLogger(__name__)

# A queued training is not queued again for the same bars within this time; a lost task is re-queued after it.
QUEUED_FOR = dt.timedelta(minutes=15)
RETRY_AFTER_SECONDS = 15  # how soon a client may look again: one symbol's models train in about a second


@dataclass(frozen=True, slots=True)
class Preparing:
    """No prediction is stored yet; `queued` says whether this request queued its training."""

    queued: bool
    retry_after_seconds: int = RETRY_AFTER_SECONDS


def predictions_refresh_request(*, symbol: str, inputs: ModelInputs, trigger: TrainingTrigger) -> bool:
    """Queue training of `symbol`'s models unless it is already queued for these `inputs`.

    Returns whether a task was queued. A broker or cache that cannot be reached is logged and queues nothing (the
    next request or stored bars try again); it never fails the caller.
    """
    key = f"ml_models:queued:{symbol}:{inputs.key}"
    marker = "the prediction queue marker"
    # Without the cache there is no once-only marker, so nothing is queued (else every GET would queue a training);
    # the first request after the cache is back queues it.
    claimed = shared_state.call(
        marker, lambda: cache.add(key, trigger.value, timeout=int(QUEUED_FOR.total_seconds())), lambda: False
    )
    if not claimed:
        return False
    try:
        predictions_train_enqueue(symbol=symbol, trigger=trigger)
    except OperationalError:
        shared_state.call(marker, lambda: cache.delete(key), lambda: None)
        logger.exception("Could not queue the training of %s", symbol)
        return False
    return True


def prediction_or_preparing(*, symbol: str, model_type: ModelType) -> PredictionChoice | Preparing:
    """The prediction stored from the stock's current inputs (the universe model's or the symbol's own, by
    `ml_models.selection.RULE`); else queue its training (once) and say it is being prepared.

    Never trains. Unknown symbols raise NotFoundError; a history too short to ever train on raises ConflictError.
    """
    inputs = model_inputs_get(symbol=symbol)
    choice = prediction_choose(symbol=symbol, model_type=model_type, inputs=inputs)
    if choice is not None:
        return choice
    try:
        forecasting.history_check(inputs.bars)
    except forecasting.InsufficientHistoryError as exc:
        raise ConflictError(
            str(exc), code=ErrorCode.INSUFFICIENT_HISTORY, extra={"symbol": symbol, "bars": inputs.bars}
        ) from exc
    queued = predictions_refresh_request(symbol=symbol, inputs=inputs, trigger=TrainingTrigger.FIRST_READ)
    return Preparing(queued=queued)
