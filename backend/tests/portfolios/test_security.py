"""Every user's data is private: another user's ids answer 404 (never 200 or 403) and nothing changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from portfolios.models import Alert, Holding, Transaction, WatchlistEntry
from portfolios.services.holdings import holding_open
from tests.portfolios.factories import AlertFactory, WatchlistEntryFactory, new_stock, new_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_data() -> dict[str, int]:
    owner = new_user(username="owner")
    stock = new_stock(symbol="AAPL")
    holding = holding_open(user=owner, stock=stock, quantity=Decimal(10), price=Decimal(100), date=dt.date(2024, 1, 2))
    transaction_id = Transaction.objects.get(holding=holding).pk
    watch = WatchlistEntryFactory.create(user=owner, stock=stock)
    alert = AlertFactory.create(user=owner, stock=stock)
    return {"holding": holding.pk, "transaction": transaction_id, "watchlist": watch.pk, "alert": alert.pk}


URLS = {
    "holding": "/api/v1/users/portfolio/{}/",
    "transaction": "/api/v1/users/portfolio/transactions/{}/",
    "watchlist": "/api/v1/users/watchlist/{}/",
    "alert": "/api/v1/users/alerts/{}/",
}
PATCHES = {
    "holding": {"notes": "mine now"},
    "transaction": {"quantity": "1"},
    "watchlist": {"notes": "mine now"},
    "alert": {"threshold": "1"},
}


@pytest.mark.parametrize("kind", list(URLS))
def test_another_users_object_is_404_to_read_change_and_delete(
    auth_client: APIClient, owner_data: dict[str, int], kind: str
) -> None:
    url = URLS[kind].format(owner_data[kind])
    for response in (
        auth_client.get(url),
        auth_client.patch(url, PATCHES[kind], format="json"),
        auth_client.delete(url),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert Holding.objects.get(pk=owner_data["holding"]).notes == ""
    assert Transaction.objects.get(pk=owner_data["transaction"]).quantity == 10
    assert WatchlistEntry.objects.get(pk=owner_data["watchlist"]).notes == ""
    assert Alert.objects.get(pk=owner_data["alert"]).threshold == 150


def test_lists_and_summaries_show_only_the_users_own_data(auth_client: APIClient, owner_data: dict[str, int]) -> None:
    for url in (
        "/api/v1/users/portfolio/",
        "/api/v1/users/watchlist/",
        "/api/v1/users/alerts/",
        "/api/v1/users/alerts/notifications/",
        "/api/v1/users/portfolio/transactions/",
    ):
        page = auth_client.get(url).json()
        assert (page["count"], page["results"]) == (0, []), url
    assert auth_client.get("/api/v1/users/portfolio/summary/").json()["holdings"] == []
    assert auth_client.get("/api/v1/users/portfolio/history/").json()["series"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/users/portfolio/",
        "/api/v1/users/portfolio/summary/",
        "/api/v1/users/portfolio/history/",
        "/api/v1/users/portfolio/transactions/",
        "/api/v1/users/watchlist/",
        "/api/v1/users/alerts/",
        "/api/v1/users/alerts/notifications/",
        "/api/v1/users/portfolio/symbol/AAPL/status/",
    ],
)
def test_anonymous_requests_are_401(api_client: APIClient, url: str) -> None:
    response = api_client.get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
