"""End to end with the real simulated provider and collection service: add an unknown symbol, watch it complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from config.celery import app as celery_app
from stocks.models import Stock

pytestmark = pytest.mark.django_db
STATUS = "/api/v1/users/portfolio/symbol/MSFT/status/"


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Tasks run in-process when queued, standing in for a worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.mark.usefixtures("eager_tasks")
def test_adding_an_unstored_symbol_queues_collection_that_completes(
    auth_client: APIClient, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    assert not Stock.objects.filter(pk="MSFT").exists()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        created = auth_client.post(
            "/api/v1/users/portfolio/", {"symbol": "msft", "quantity": "2", "average_price": "400"}
        )
    assert created.status_code == 201
    assert created.json()["collection"]["started"] is True
    pending = auth_client.get(STATUS).json()
    assert pending["is_complete"] is False
    assert {step: s["state"] for step, s in pending["steps"].items()} == {
        "overview": "pending",
        "daily": "pending",
        "weekly": "pending",
        "financials": "pending",
        "corporate_actions": "pending",
    }

    assert queued  # the collection tasks are queued once the request commits
    with django_capture_on_commit_callbacks(execute=False) as queued_again:
        assert auth_client.post("/api/v1/users/watchlist/", {"symbol": "MSFT"}).status_code == 201
    assert queued_again == []  # the same symbol again starts no second collection

    for callback in queued:  # the worker picks the queued tasks up (eagerly here)
        callback()
    done = auth_client.get(STATUS).json()
    assert done["is_complete"] is True
    assert done["collection_state"] == "done"
    assert done["details"]["daily_prices"] > 0
    assert all(s["rows_written"] > 0 for s in done["steps"].values())
    summary = auth_client.get("/api/v1/users/portfolio/summary/").json()
    assert summary["holdings"][0]["price"]["source"] == "simulated"


@pytest.mark.usefixtures("eager_tasks")
def test_an_etf_completes_with_its_statements_not_applicable(
    auth_client: APIClient, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    """Issue 16: SPY span "5/6" forever. An ETF publishes no statements: that step is not applicable, not to do."""
    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post(
            "/api/v1/users/portfolio/", {"symbol": "SPY", "quantity": "1", "average_price": "500"}
        )
    assert created.status_code == 201
    done = auth_client.get("/api/v1/users/portfolio/symbol/SPY/status/").json()
    assert done["steps"]["financials"]["state"] == "not_applicable"
    assert done["financials_apply"] is False
    assert (done["is_complete"], done["collecting"], done["collection_state"]) == (True, False, "done")
    assert done["steps_done"] == done["steps_total"] == 4
    assert done["waiting_for_quota"] is None


def test_progress_is_shown_only_while_collecting_and_names_the_step_waiting_for_quota(
    auth_client: APIClient,
) -> None:
    from django.utils import timezone

    from stocks.models import IngestionState, IngestionStatus
    from tests.factories import StockFactory

    StockFactory(symbol="MSFT", name="Microsoft Corporation", asset_type="Common Stock")
    preloaded = auth_client.get(STATUS).json()
    assert (preloaded["collecting"], preloaded["steps_total"]) == (False, 0)  # stored, nothing being collected

    retry_at = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=7)
    IngestionStatus.objects.create(stock_id="MSFT", step="overview", state=IngestionState.DONE, rows_written=1)
    IngestionStatus.objects.create(
        stock_id="MSFT", step="daily", state=IngestionState.WAITING_FOR_QUOTA, reason="quota", retry_at=retry_at
    )
    IngestionStatus.objects.create(stock_id="MSFT", step="financials", state=IngestionState.PENDING)
    waiting = auth_client.get(STATUS).json()
    assert (waiting["collecting"], waiting["steps_done"], waiting["steps_total"]) == (True, 1, 3)
    assert waiting["financials_apply"] is True
    assert waiting["waiting_for_quota"] == {
        "step": "daily",
        "retry_at": retry_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
    }
