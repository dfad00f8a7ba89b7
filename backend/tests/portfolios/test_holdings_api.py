"""Holdings over HTTP: create (stored and unknown symbols), read, change, delete, bad input, collection status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from portfolios.models import Holding, Transaction
from stocks.models import IngestionState, IngestionStatus, Stock
from stocks.providers.errors import ProviderRateLimitedError, ProviderTemporaryError
from tests.portfolios.conftest import FakeProvider, add_closes
from tests.portfolios.factories import new_user

URL = "/api/v1/users/portfolio/"
pytestmark = pytest.mark.django_db


def _closes() -> dict[dt.date, str]:
    return {dt.date(2024, 1, 2): "100", dt.date(2024, 1, 3): "110"}


def test_adding_a_stored_symbol_records_an_opening_buy(auth_client: APIClient, collection_calls: list[str]) -> None:
    add_closes("AAPL", _closes())
    response = auth_client.post(URL, {"symbol": " aapl ", "quantity": "10", "average_price": "150.5"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["symbol"], body["quantity"], body["average_price"]) == ("AAPL", 10.0, 150.5)
    assert body["collection"]["started"] is False
    assert collection_calls == []
    opening = Transaction.objects.get(holding_id=body["id"])
    assert (opening.kind, opening.quantity, opening.price) == ("buy", Decimal(10), Decimal("150.5"))

    listed = auth_client.get(URL).json()["results"]
    assert [h["symbol"] for h in listed] == ["AAPL"]
    assert auth_client.get(f"{URL}{body['id']}/").json()["quantity"] == 10.0


def test_adding_an_unknown_symbol_creates_the_stock_and_starts_collection_once(
    auth_client: APIClient, provider: FakeProvider, collection_calls: list[str]
) -> None:
    response = auth_client.post(URL, {"symbol": "newco", "quantity": "3", "average_price": "20"}, format="json")
    assert response.status_code == 201
    assert response.json()["collection"] == {
        "started": True,
        "stock_created": True,
        "status_url": "/api/v1/users/portfolio/symbol/NEWCO/status/",
    }
    assert Stock.objects.get(pk="NEWCO").name == "New Company Inc."
    assert collection_calls == ["NEWCO"]

    other = APIClient()
    other.force_authenticate(new_user())
    again = other.post(URL, {"symbol": "NEWCO", "quantity": "1", "average_price": "21"}, format="json")
    assert again.status_code == 201
    assert again.json()["collection"]["started"] is False
    assert collection_calls == ["NEWCO"]
    assert provider.searches == ["NEWCO"]


def test_symbol_unknown_to_the_provider_is_400_naming_it(auth_client: APIClient, provider: FakeProvider) -> None:
    response = auth_client.post(URL, {"symbol": "ZZZZ", "quantity": "1", "average_price": "1"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_symbol"
    assert response.json()["extra"]["symbol"] == "ZZZZ"
    assert response.json()["extra"]["field_codes"] == {"symbol": ["unknown_symbol"]}
    assert "ZZZZ" in response.json()["message"]
    assert response.json()["message"].startswith("symbol:")
    assert not Stock.objects.filter(pk="ZZZZ").exists()
    assert Holding.objects.count() == 0


def test_provider_quota_spent_is_429_with_retry_after(auth_client: APIClient, provider: FakeProvider) -> None:
    provider.error = ProviderRateLimitedError("quota", retry_after=30)
    response = auth_client.post(URL, {"symbol": "NEWCO", "quantity": "1", "average_price": "1"}, format="json")
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert not Stock.objects.filter(pk="NEWCO").exists()


def test_provider_down_is_503(auth_client: APIClient, provider: FakeProvider) -> None:
    provider.error = ProviderTemporaryError("timeout")
    response = auth_client.post(URL, {"symbol": "NEWCO", "quantity": "1", "average_price": "1"}, format="json")
    assert response.status_code == 503
    assert Holding.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"quantity": "-1"}, "quantity"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "ten"}, "quantity"),
        ({"quantity": "1000000000000"}, "quantity"),
        ({"quantity": "1.0000001"}, "quantity"),
        ({"average_price": "abc"}, "average_price"),
        ({"average_price": "NaN"}, "average_price"),
        ({"average_price": "0"}, "average_price"),
        ({"symbol": "$$$"}, "symbol"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": "yesterday"}, "date"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(
    auth_client: APIClient, payload: dict[str, str], field: str
) -> None:
    add_closes("AAPL", _closes())
    body = {"symbol": "AAPL", "quantity": "10", "average_price": "100", **payload}
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{field}:")
    assert Holding.objects.count() == 0
    assert Transaction.objects.count() == 0


def test_adding_a_held_symbol_again_is_409(auth_client: APIClient) -> None:
    add_closes("AAPL", _closes())
    first = auth_client.post(URL, {"symbol": "AAPL", "quantity": "1", "average_price": "100"}, format="json")
    second = auth_client.post(URL, {"symbol": "AAPL", "quantity": "1", "average_price": "100"}, format="json")
    assert second.status_code == 409
    assert second.json()["extra"]["holding_id"] == first.json()["id"]
    assert (second.json()["code"], second.json()["extra"]["symbol"]) == ("already_held", "AAPL")
    assert Transaction.objects.count() == 1


def test_patch_notes_and_quantity_while_only_the_opening_buy_exists(auth_client: APIClient) -> None:
    add_closes("AAPL", _closes())
    holding_id = auth_client.post(
        URL, {"symbol": "AAPL", "quantity": "10", "average_price": "100", "date": "2024-01-02"}, format="json"
    ).json()["id"]
    patched = auth_client.patch(f"{URL}{holding_id}/", {"notes": "long term", "quantity": "12"}, format="json")
    assert patched.status_code == 200
    assert (patched.json()["notes"], patched.json()["quantity"]) == ("long term", 12.0)

    auth_client.post(
        f"{URL}transactions/",
        {"symbol": "AAPL", "type": "buy", "date": "2024-01-03", "quantity": "1", "price": "110"},
        format="json",
    )
    refused = auth_client.patch(f"{URL}{holding_id}/", {"quantity": "20"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "ledger_managed"
    assert refused.json()["message"].startswith("quantity:")
    assert Holding.objects.get(pk=holding_id).quantity == 13


def test_delete_removes_the_holding_and_its_ledger(auth_client: APIClient) -> None:
    add_closes("AAPL", _closes())
    holding_id = auth_client.post(
        URL, {"symbol": "AAPL", "quantity": "1", "average_price": "100"}, format="json"
    ).json()["id"]
    assert auth_client.delete(f"{URL}{holding_id}/").status_code == 204
    assert auth_client.get(f"{URL}{holding_id}/").status_code == 404
    assert Transaction.objects.count() == 0


def test_status_endpoint_has_the_seed_shape_and_each_step(auth_client: APIClient) -> None:
    stock = add_closes("NEWCO", _closes(), sector="")
    retry_at = timezone.now() + dt.timedelta(minutes=1)
    IngestionStatus.objects.create(stock=stock, step="daily", state=IngestionState.DONE, rows_written=2)
    IngestionStatus.objects.create(
        stock=stock,
        step="financials",
        state=IngestionState.WAITING_FOR_QUOTA,
        reason="daily quota spent",
        retry_at=retry_at,
    )
    body = auth_client.get(f"{URL}symbol/newco/status/").json()
    assert {k: body[k] for k in ("symbol", "stock_exists", "has_prices", "has_financial", "is_complete")} == {
        "symbol": "NEWCO",
        "stock_exists": True,
        "has_prices": True,
        "has_financial": False,
        "is_complete": False,
    }
    assert body["details"] == {
        "daily_prices": 2,
        "weekly_prices": 0,
        "balance_sheets": 0,
        "income_statements": 0,
        "cash_flows": 0,
    }
    assert body["steps"]["daily"]["state"] == "done"
    assert body["steps"]["daily"]["rows_written"] == 2
    assert body["steps"]["financials"]["state"] == "waiting_for_quota"
    assert body["steps"]["financials"]["reason"] == "daily quota spent"
    assert body["steps"]["financials"]["retry_at"] is not None
    assert body["collection_state"] == "running"


def test_status_of_a_symbol_not_stored(auth_client: APIClient) -> None:
    body: dict[str, Any] = auth_client.get(f"{URL}symbol/QQQQ/status/").json()
    assert (body["stock_exists"], body["is_complete"], body["steps"]) == (False, False, {})
    assert auth_client.get(f"{URL}symbol/bad$/status/").status_code == 400
