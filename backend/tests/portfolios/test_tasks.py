"""Portfolio tasks: portfolio values every 5 minutes in market hours, once per slot, pushed to the user's socket."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from portfolios import tasks
from portfolios.models import PortfolioHistory
from portfolios.services.holdings import holding_open
from tests.factories import StockFactory, UserFactory

pytestmark = pytest.mark.django_db
SLOT = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def holder() -> Any:
    user = UserFactory.create()
    stock = StockFactory.create(symbol="KO", real_time_price=Decimal("60"), quote_fetched_at=timezone.now())
    holding_open(user=user, stock=stock, quantity=Decimal(10), price=Decimal(50), date=dt.date(2026, 11, 2))
    return user


@pytest.fixture
def pushed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr("portfolios.realtime.group_send", lambda group, message: sent.append((group, message)))
    return sent


def test_snapshot_is_taken_once_per_slot_and_pushed_to_the_users_group(
    holder: Any, pushed: list[tuple[str, dict[str, Any]]], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.portfolio_value_snapshot(holder.pk, SLOT.isoformat()) is True
    snapshot = PortfolioHistory.objects.get(user=holder)
    assert snapshot.total_value == Decimal("600.0000")
    assert pushed == [
        (
            f"user_{holder.pk}",
            {
                "type": "portfolio_update",
                "total_value": 600.0,
                "total_cost": 500.0,
                "profit_loss": 100.0,
                "profit_loss_percentage": 20.0,
                "day_change": float(snapshot.day_change),
                "recorded_at": snapshot.recorded_at.isoformat(),
            },
        )
    ]
    # A redelivery of the same slot (worker killed before the ack) changes nothing and pushes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.portfolio_value_snapshot(holder.pk, SLOT.isoformat()) is False
    assert PortfolioHistory.objects.filter(user=holder).count() == 1
    assert len(pushed) == 1


def test_portfolio_values_tick_runs_in_market_hours_only(
    holder: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    queued: list[tuple[int, str]] = []
    monkeypatch.setattr(tasks.portfolio_value_snapshot, "delay", lambda user_id, slot: queued.append((user_id, slot)))
    settings.DEMO_CLOCK = False
    monkeypatch.setattr(tasks.timezone, "now", lambda: dt.datetime(2026, 11, 26, 16, 2, tzinfo=dt.UTC))  # holiday
    assert tasks.portfolio_values_tick() == 0
    monkeypatch.setattr(tasks.timezone, "now", lambda: dt.datetime(2026, 11, 25, 15, 2, 30, tzinfo=dt.UTC))
    assert tasks.portfolio_values_tick() == 1
    assert queued == [(holder.pk, "2026-11-25T15:00:00+00:00")]  # the 5-minute slot the tick falls in
    # The demo clock keeps portfolio values moving when the market is closed.
    settings.DEMO_CLOCK = True
    monkeypatch.setattr(tasks.timezone, "now", lambda: dt.datetime(2026, 11, 26, 16, 2, tzinfo=dt.UTC))
    assert tasks.portfolio_values_tick() == 1
