"""Quantities, prices, thresholds and ratios beyond what the columns hold, and optimiser inputs beyond their ranges,
are refused at the API with a 400 naming the field; nothing is stored (the numeric-overflow 500 of the campaign)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from portfolios.models import Alert, Holding, Transaction, WatchlistEntry
from portfolios.services.holdings import holding_open
from tests.portfolios.factories import AlertFactory, new_stock

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 20  # 10^20: beyond every decimal column (at most 10^9 with 6 places, 10^14 for amounts)


@pytest.fixture
def client(user: Any) -> APIClient:
    signed_in = APIClient(raise_request_exception=False)
    signed_in.force_authenticate(user)
    new_stock(symbol="ACME")
    return signed_in


def _refused(response: Any, field: str) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["message"].startswith(f"{field}:"), body
    assert field in body["extra"]["fields"]


@pytest.mark.parametrize(
    ("field", "payload"),
    [
        ("quantity", {"quantity": HUGE, "average_price": "10"}),
        ("average_price", {"quantity": "1", "average_price": HUGE}),
        ("fee", {"quantity": "1", "average_price": "10", "fee": HUGE}),
        ("quantity", {"quantity": "0.0000000000001", "average_price": "10"}),  # below the 12 decimals kept
    ],
)
def test_a_holding_beyond_the_columns_is_refused_naming_the_field(
    client: APIClient, field: str, payload: dict[str, str]
) -> None:
    _refused(client.post("/api/v1/users/portfolio/", {"symbol": "ACME", **payload}, format="json"), field)
    assert not Holding.objects.exists()


@pytest.mark.parametrize(
    ("field", "payload"),
    [
        ("quantity", {"type": "buy", "quantity": HUGE, "price": "10"}),
        ("price", {"type": "buy", "quantity": "1", "price": HUGE}),
        ("ratio", {"type": "split", "ratio": f"{HUGE}:1", "price": "0"}),
    ],
)
def test_a_transaction_beyond_the_columns_is_refused_naming_the_field(
    client: APIClient, field: str, payload: dict[str, str]
) -> None:
    body = {"symbol": "ACME", "date": "2024-01-02", **payload}
    _refused(client.post("/api/v1/users/portfolio/transactions/", body, format="json"), field)
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("field", ["quantity", "price"])
def test_changing_a_transaction_beyond_the_columns_is_refused_and_keeps_it(
    client: APIClient, user: Any, field: str
) -> None:
    holding = holding_open(
        user=user, stock=new_stock(symbol="BETA"), quantity=Decimal(2), price=Decimal(10), date=dt.date(2024, 1, 2)
    )
    transaction = Transaction.objects.get(holding=holding)
    response = client.patch(f"/api/v1/users/portfolio/transactions/{transaction.pk}/", {field: HUGE}, format="json")
    _refused(response, field)
    transaction.refresh_from_db()
    assert (transaction.quantity, transaction.price) == (Decimal(2), Decimal(10))


def test_an_alert_threshold_beyond_the_column_is_refused_on_create_and_change(client: APIClient, user: Any) -> None:
    created = client.post(
        "/api/v1/users/alerts/", {"symbol": "ACME", "kind": "price_above", "threshold": HUGE}, format="json"
    )
    _refused(created, "threshold")
    alert = AlertFactory.create(user=user, stock_id="ACME", threshold=Decimal(150))
    _refused(client.patch(f"/api/v1/users/alerts/{alert.pk}/", {"threshold": HUGE}, format="json"), "threshold")
    assert list(Alert.objects.values_list("threshold", flat=True)) == [Decimal(150)]


def test_watchlist_notes_longer_than_the_column_are_refused(client: APIClient) -> None:
    _refused(client.post("/api/v1/users/watchlist/", {"symbol": "ACME", "notes": "n" * 1001}, format="json"), "notes")
    assert not WatchlistEntry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("target_return", 1e308),
        ("max_weight", 5),
        ("lookback_days", 10**12),
        ("risk_free_rate", -1),
    ],
)
def test_optimiser_inputs_beyond_their_ranges_are_refused_naming_them(
    client: APIClient, field: str, value: float
) -> None:
    body = {"symbols": ["ACME", "BETA"], field: value}
    _refused(client.post("/api/v1/analysis/optimise/", body, format="json"), field)


def test_shares_beyond_the_optimisers_range_are_refused_naming_the_field(client: APIClient) -> None:
    body = {"symbols": ["ACME", "BETA"], "shares": {"ACME": 1e300}}
    _refused(client.post("/api/v1/analysis/optimise/", body, format="json"), "shares")
