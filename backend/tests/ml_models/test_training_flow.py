"""New daily bars (a first collection, a daily refresh) queue the symbol's training; weekly bars do not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from config.celery import app as celery_app
from ml_models.models import ModelPrediction, TrainingHistory, TrainingTrigger
from ml_models.tasks import TRAINING_QUEUE, predictions_train_task
from stocks.services.collection import collection_start
from stocks.services.ingestion import ingestion_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Tasks run in-process when queued, standing in for a worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_stored_daily_bars_queue_one_training_and_weekly_bars_none(
    training_queue: Callable[[], list[list[Any]]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert ingestion_run(symbol="KO", step="weekly").state == "done"
    assert training_queue() == []
    with django_capture_on_commit_callbacks(execute=True):
        assert ingestion_run(symbol="KO", step="daily", full=True).state == "done"
        assert ingestion_run(symbol="KO", step="daily", full=True).state == "done"  # same bars again
    assert training_queue() == [["KO", TrainingTrigger.NEW_BARS.value]]
    assert predictions_train_task.name == "ml_models.tasks.predictions_train"
    assert TRAINING_QUEUE == "low"


@pytest.mark.usefixtures("eager_tasks")
def test_a_first_collection_ends_with_stored_predictions(
    api_client: APIClient, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert collection_start(symbol="MSFT") is True
    # The collection's daily step stored bars; their event queued the training, which the "worker" ran.
    runs = TrainingHistory.objects.filter(stock_id="MSFT")
    assert set(runs.values_list("trigger", flat=True)) == {TrainingTrigger.NEW_BARS}
    assert runs.count() == 3
    assert ModelPrediction.objects.filter(stock_id="MSFT").count() == 3
    body = api_client.get("/api/v1/analysis/predict/MSFT/", {"model_type": "trend_analysis"}).json()
    assert body["status"] == "ready"
    assert body["evaluation"]["independent_points"] >= body["evaluation"]["min_independent_points"]
