"""Celery tasks: thin wrappers around the training services (one task per symbol, and the universe retrain) and
the scoring of predictions whose horizon passed (woken by beat), on the "low" queue."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from ml_models.models import TrainingTrigger
from ml_models.services.scoring import predictions_score
from ml_models.services.training import predictions_train
from ml_models.services.universe import universe_train

# CPU-bound and not urgent: the queue that statements use, whose workers run one task at a time.
TRAINING_QUEUE = "low"


@shared_task(name="ml_models.tasks.predictions_train", acks_late=True)
def predictions_train_task(symbol: str, trigger: str) -> list[dict[str, Any]]:
    """Train and store every model's prediction for one symbol."""
    return [o.as_dict() for o in predictions_train(symbols=[symbol], trigger=TrainingTrigger(trigger))]


@shared_task(name="ml_models.tasks.universe_train", acks_late=True)
def universe_train_task(trigger: str = TrainingTrigger.NEW_BARS.value) -> list[dict[str, Any]]:
    """Retrain the universe models on every stored symbol and store their predictions (scheduled daily, after
    the daily refresh stored the new bars)."""
    outcomes = universe_train(trigger=TrainingTrigger(trigger), threads=settings.UNIVERSE_TRAIN_THREADS)
    return [o.as_dict() for o in outcomes]


def predictions_train_enqueue(*, symbol: str, trigger: TrainingTrigger) -> None:
    """Queue `predictions_train_task` for `symbol` on the training queue."""
    predictions_train_task.apply_async(args=(symbol, trigger.value), queue=TRAINING_QUEUE)


@shared_task(name="ml_models.tasks.predictions_score_tick", queue=TRAINING_QUEUE)
def predictions_score_tick() -> dict[str, int]:
    """Score every stored prediction whose horizon has passed (the live track record)."""
    run = predictions_score()
    return {"scored": run.scored, "pending": run.pending, "unscorable": run.unscorable}
