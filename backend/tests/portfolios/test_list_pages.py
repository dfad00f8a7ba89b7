"""Every list endpoint answers a page (`{count, next, previous, results}`) in a stable order: walking the pages
gives every item once, and a bad `limit` or `offset` is a 400 naming the parameter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from portfolios.models import Notification
from portfolios.services.holdings import holding_open
from tests.portfolios.factories import AlertFactory, WatchlistEntryFactory, new_stock

pytestmark = pytest.mark.django_db

SYMBOLS = ["MSFT", "AAPL", "NVDA", "KO", "TSLA"]  # created in this order; holdings list by symbol


@pytest.fixture
def five_of_each(user: Any) -> None:
    for n, symbol in enumerate(SYMBOLS):
        stock = new_stock(symbol=symbol)
        holding_open(user=user, stock=stock, quantity=Decimal(n + 1), price=Decimal(100), date=dt.date(2024, 1, 2))
        WatchlistEntryFactory.create(user=user, stock=stock)
        AlertFactory.create(user=user, stock=stock, threshold=Decimal(100 + n))
        Notification.objects.create(
            user=user, symbol=symbol, kind="price_above", threshold=100, value=101, message=f"{symbol} above 100"
        )


LISTS = {
    "/api/v1/users/portfolio/": ("symbol", sorted(SYMBOLS)),
    "/api/v1/users/watchlist/": ("symbol", SYMBOLS),
    "/api/v1/users/alerts/": ("symbol", SYMBOLS),
    "/api/v1/users/alerts/notifications/": ("symbol", SYMBOLS[::-1]),  # newest first
    "/api/v1/users/portfolio/transactions/": ("symbol", SYMBOLS[::-1]),  # newest first (same date: last added)
}


@pytest.mark.parametrize("url", list(LISTS))
@pytest.mark.usefixtures("five_of_each")
def test_pages_of_two_give_every_item_once_in_the_lists_order(auth_client: APIClient, url: str) -> None:
    key, expected = LISTS[url]
    seen: list[str] = []
    page = auth_client.get(url, {"limit": 2}).json()
    pages = 1
    while True:
        assert page["count"] == 5
        assert len(page["results"]) <= 2
        seen += [item[key] for item in page["results"]]
        if page["next"] is None:
            break
        page = auth_client.get(page["next"]).json()
        pages += 1
    assert (seen, pages) == (expected, 3)
    assert page["previous"] is not None


@pytest.mark.parametrize("url", list(LISTS))
@pytest.mark.parametrize(
    ("params", "field"), [({"limit": ""}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset")]
)
def test_a_bad_limit_or_offset_is_a_400_naming_it(
    auth_client: APIClient, url: str, params: dict[str, Any], field: str
) -> None:
    response = auth_client.get(url, params)
    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


@pytest.mark.usefixtures("five_of_each")
def test_holdings_on_a_page_carry_their_ledger_positions(auth_client: APIClient) -> None:
    page = auth_client.get("/api/v1/users/portfolio/", {"limit": 2, "offset": 2}).json()
    assert [(h["symbol"], h["quantity"]) for h in page["results"]] == [("MSFT", 1.0), ("NVDA", 3.0)]
