"""The planner service and the refresh-status endpoint against the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from portfolios.models import Holding
from stocks.models import IngestionState, IngestionStatus, IngestionStep
from stocks.services import planner
from stocks.services.planner import Budget, refresh_plan_run
from tests.factories import StockFactory, UserFactory

pytestmark = pytest.mark.django_db
OPEN_MINUTE = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)  # Wednesday 10:00 EST
URL = "/api/v1/stocks/api/refresh-status/"


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "stocks.tasks.ingest_step_enqueue", lambda *, symbol, step, full=False: calls.append((symbol, step))
    )
    return calls


def fresh_stock(symbol: str, *, quote_at: dt.datetime) -> Any:
    stock = StockFactory.create(symbol=symbol, quote_fetched_at=quote_at, overview_fetched_at=quote_at)
    for step in (IngestionStep.DAILY, IngestionStep.WEEKLY, IngestionStep.FINANCIALS, IngestionStep.CORPORATE_ACTIONS):
        IngestionStatus.objects.create(stock=stock, step=step, state=IngestionState.DONE, finished_at=quote_at)
    return stock


def test_unlimited_provider_quotes_every_stock_each_minute_and_never_enqueues_twice(
    enqueued: list[tuple[str, str]], django_capture_on_commit_callbacks: Any
) -> None:
    for symbol in ("AAPL", "MSFT", "KO"):
        fresh_stock(symbol, quote_at=OPEN_MINUTE - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        plan = refresh_plan_run(now=OPEN_MINUTE)
    assert sorted(enqueued) == [("AAPL", "quote"), ("KO", "quote"), ("MSFT", "quote")]
    assert plan.calls == 3
    assert IngestionStatus.objects.get(stock_id="AAPL", step="quote").state == IngestionState.PENDING
    # The next cycle (or a redelivered planner task) sees the refreshes in flight and enqueues nothing.
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refresh_plan_run(now=OPEN_MINUTE + dt.timedelta(seconds=40))
    assert enqueued == []


def test_finite_quota_goes_to_held_symbols_and_is_not_exceeded(
    enqueued: list[tuple[str, str]], django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        planner,
        "refresh_budget_get",
        lambda: ("alphavantage", Budget(unlimited=False, remaining_today=4, limit_per_day=25, per_cycle=5)),
    )
    user = UserFactory.create()
    for symbol in ("AAPL", "IBM", "KO"):
        fresh_stock(symbol, quote_at=OPEN_MINUTE - dt.timedelta(hours=3))
        IngestionStatus.objects.filter(stock_id=symbol, step=IngestionStep.DAILY).update(
            finished_at=None, state="failed"
        )
    Holding.objects.create(user=user, stock_id="IBM", quantity=Decimal(10), average_price=Decimal(100))
    with django_capture_on_commit_callbacks(execute=True):
        plan = refresh_plan_run(now=OPEN_MINUTE)
    assert plan.calls == len(enqueued) <= 4
    assert sorted(enqueued[:2]) == [("IBM", "daily"), ("IBM", "quote")]  # the held symbol first
    # Symbols nobody holds or watches get no intraday quotes on a finite quota.
    assert ("AAPL", "quote") not in enqueued
    assert ("KO", "quote") not in enqueued


def test_refresh_status_reports_quota_market_and_next_refresh_per_symbol(api_client: Any) -> None:
    now = timezone.now()
    fresh_stock("AAPL", quote_at=now)
    StockFactory.create(symbol="NEW")
    IngestionStatus.objects.create(
        stock_id="NEW",
        step=IngestionStep.DAILY,
        state=IngestionState.FAILED,
        reason="Unknown symbol NEW",
        finished_at=now,
    )
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["provider"] == "simulated"
    assert body["quota"] == {"remaining_today": None, "limit_per_day": None, "unlimited": True}
    assert set(body["market"]) == {"is_open", "next_open", "next_close"}
    by_symbol = {entry["symbol"]: entry for entry in body["symbols"]}
    assert set(by_symbol) == {"AAPL", "NEW"}
    aapl = by_symbol["AAPL"]
    assert dt.datetime.fromisoformat(aapl["as_of"].replace("Z", "+00:00")) == now
    assert dt.datetime.fromisoformat(aapl["next_refresh"].replace("Z", "+00:00")) > now
    assert by_symbol["NEW"]["as_of"] is None
    assert by_symbol["NEW"]["datasets"]["daily"]["error"] == "Unknown symbol NEW"


def test_refresh_status_filters_by_normalised_symbols_and_rejects_bad_ones(api_client: Any) -> None:
    fresh_stock("AAPL", quote_at=timezone.now())
    fresh_stock("MSFT", quote_at=timezone.now())
    body = api_client.get(URL, {"symbols": " aapl ,"}).json()
    assert [entry["symbol"] for entry in body["symbols"]] == ["AAPL"]
    response = api_client.get(URL, {"symbols": "AAPL,$$$"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_symbol"
    assert "$$$" in response.json()["message"]


def test_events_that_failed_for_want_of_prices_are_planned_as_soon_as_prices_are_stored(
    enqueued: list[tuple[str, str]], django_capture_on_commit_callbacks: Any
) -> None:
    stock = fresh_stock("NEW", quote_at=OPEN_MINUTE - dt.timedelta(minutes=1))
    IngestionStatus.objects.filter(stock=stock, step=IngestionStep.CORPORATE_ACTIONS).update(
        state=IngestionState.FAILED, finished_at=OPEN_MINUTE - dt.timedelta(hours=2)
    )
    IngestionStatus.objects.filter(stock=stock, step=IngestionStep.DAILY).update(
        finished_at=OPEN_MINUTE - dt.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        refresh_plan_run(now=OPEN_MINUTE)
    assert ("NEW", "corporate_actions") in enqueued

    # A failure after the prices were stored waits as any failure does (the month's boundary at the earliest).
    enqueued.clear()
    IngestionStatus.objects.filter(stock=stock, step=IngestionStep.CORPORATE_ACTIONS).update(
        state=IngestionState.FAILED, finished_at=OPEN_MINUTE - dt.timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        refresh_plan_run(now=OPEN_MINUTE + dt.timedelta(minutes=1))
    assert ("NEW", "corporate_actions") not in enqueued
