"""The demo account made on demo_data_loaded, and the portfolio snapshots the scheduler takes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from portfolios.demo import DEMO_PASSWORD, DEMO_USERNAME
from portfolios.models import Alert, Holding, WatchlistEntry
from portfolios.services.holdings import holding_open
from portfolios.services.snapshots import portfolio_snapshot_create
from stocks import signals as stock_signals
from tests.portfolios.conftest import add_closes

pytestmark = pytest.mark.django_db
LAST = dt.date(2024, 12, 31)


def _universe() -> list[str]:
    symbols = ["AAPL", "MSFT", "NVDA", "SPY", "TSLA"]
    for n, symbol in enumerate(symbols):
        add_closes(symbol, [(LAST - dt.timedelta(days=d), str(100 + n * 10 + d % 7)) for d in range(250)])
    return symbols


def test_demo_data_loaded_creates_a_demo_account_once(api_client: APIClient) -> None:
    symbols = _universe()
    stock_signals.demo_data_loaded.send(sender=None, symbols=symbols)
    stock_signals.demo_data_loaded.send(sender=None, symbols=symbols)

    holdings = Holding.objects.filter(user__username=DEMO_USERNAME)
    assert sorted(h.stock_id for h in holdings) == ["AAPL", "MSFT", "NVDA", "SPY"]
    assert all(h.quantity > 0 for h in holdings)
    assert [w.stock_id for w in WatchlistEntry.objects.filter(user__username=DEMO_USERNAME)] == ["TSLA"]
    assert Alert.objects.filter(user__username=DEMO_USERNAME).count() == 1

    tokens = api_client.post("/api/v1/users/token/", {"username": DEMO_USERNAME, "password": DEMO_PASSWORD}).json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    history = api_client.get("/api/v1/users/portfolio/history/").json()
    assert history["start"] == (LAST - dt.timedelta(days=180)).isoformat()
    assert history["benchmark"]["available"] is True
    assert api_client.get("/api/v1/users/portfolio/summary/").json()["totals"]["holdings_count"] == 4


def test_demo_account_uses_only_stored_symbols() -> None:
    add_closes("MSFT", [(LAST, "400")])
    stock_signals.demo_data_loaded.send(sender=None, symbols=["MSFT"])
    assert [h.stock_id for h in Holding.objects.filter(user__username=DEMO_USERNAME)] == ["MSFT"]


def test_snapshot_records_current_totals(auth_client: APIClient, user: Any) -> None:
    stock = add_closes("AAPL", [(dt.date(2024, 1, 2), "100"), (dt.date(2024, 1, 3), "120")])
    holding_open(user=user, stock=stock, quantity=Decimal(10), price=Decimal(100), date=dt.date(2024, 1, 2))
    snapshot = portfolio_snapshot_create(user=user)
    assert (snapshot.total_value, snapshot.total_cost, snapshot.profit_loss) == (
        Decimal(1200),
        Decimal(1000),
        Decimal(200),
    )
    assert snapshot.profit_loss_percentage == Decimal(20)
    assert snapshot.day_change == Decimal(200)
    listed = auth_client.get("/api/v1/users/portfolio/history/").json()["snapshots"]
    assert [s["total_value"] for s in listed] == [1200.0]
