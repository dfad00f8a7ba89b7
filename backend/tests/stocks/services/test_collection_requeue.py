"""A holding whose collection could not be queued (the broker was down) answers 201 and its collection is queued
again by the periodic sweep once the broker is back; a collection that was queued is never sent twice."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from config.celery import app as celery_app
from core.failsafe import broker
from stocks import tasks
from stocks.models import IngestionState, IngestionStatus
from stocks.periodic import collection_requeue_tick
from stocks.services.collection import REQUEUE_AFTER, collection_requeue_sweep
from stocks.services.ingestion import stock_ensure

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


def _fresh_connections() -> None:
    """The app keeps a connection and producer pool per broker URL: drop them so the next publish uses the new one."""
    celery_app._after_fork()  # type: ignore[attr-defined]  # what Celery runs in a forked child: drops both pools


@pytest.fixture
def broker_down(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The Celery app publishes to a Redis broker nobody answers (the real kombu transport, a refused connection)."""
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (as CI sets it): without it,
    # the broker_url below is the one the app uses.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    conf = celery_app.conf
    down = {
        "broker_url": f"redis://127.0.0.1:{_closed_port()}/0",
        "task_publish_retry": False,
        "broker_connection_timeout": 1,
        "task_always_eager": False,
    }
    saved = {key: conf[key] for key in down}
    conf.update(down)
    _fresh_connections()
    caplog.set_level(logging.WARNING)
    yield
    conf.update(saved)
    _fresh_connections()


def _broker_back(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The broker answers again: what is published is recorded instead of sent."""
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(tasks.ingest_step, "apply_async", lambda **kw: sent.append(kw["args"]))
    broker.reset()
    return sent


def test_a_holding_added_while_the_broker_is_down_answers_201_and_the_sweep_queues_its_collection(
    broker_down: None,
    user: Any,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/users/portfolio/", {"symbol": "MSFT", "quantity": "2", "average_price": "400"})
    assert created.status_code == 201, created.content
    warned = "Celery broker unavailable for queueing the collection of MSFT"
    assert any(warned in r.getMessage() for r in caplog.records)
    statuses = IngestionStatus.objects.filter(stock_id="MSFT")
    assert {s.state for s in statuses} == {IngestionState.PENDING}
    assert all(s.awaiting_queue for s in statuses)

    assert collection_requeue_sweep() == []  # too recent: its on-commit queueing may still be under way
    later = timezone.now() + REQUEUE_AFTER + dt.timedelta(seconds=1)
    assert collection_requeue_sweep(now=later) == []  # the broker is still down: nothing queued, still awaiting
    assert all(s.awaiting_queue for s in statuses.all())

    sent = _broker_back(monkeypatch)
    assert collection_requeue_sweep(now=later) == ["MSFT"]
    assert sent == [("MSFT", "overview"), ("MSFT", "daily"), ("MSFT", "weekly"), ("MSFT", "financials")]
    assert not any(s.awaiting_queue for s in statuses.all())
    assert collection_requeue_sweep(now=later) == []  # queued once: the next sweep sends nothing
    assert len(sent) == 4


def test_a_collection_queued_normally_is_never_swept(
    auth_client: APIClient, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _broker_back(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/v1/users/watchlist/", {"symbol": "NVDA"})
    assert created.status_code == 201
    assert len(sent) == 4
    later = timezone.now() + dt.timedelta(hours=2)
    assert collection_requeue_sweep(now=later) == []
    assert len(sent) == 4


def test_the_beat_entry_runs_the_sweep(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["stocks-collection-requeue"]
    assert entry["task"] == collection_requeue_tick.name
    stock_ensure(symbol="KO", source="simulated")
    IngestionStatus.objects.create(stock_id="KO", step="daily", state=IngestionState.PENDING, awaiting_queue=True)
    IngestionStatus.objects.filter(stock_id="KO").update(updated_at=timezone.now() - 2 * REQUEUE_AFTER)
    sent = _broker_back(monkeypatch)
    assert collection_requeue_tick.apply().get() == {"requeued": 1}
    assert ("KO", "daily") in sent
