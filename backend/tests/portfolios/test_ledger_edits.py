"""Backdated holdings, edits and deletes replayed through the ledger, and undoing a CSV import: a user sees the
positions the whole ledger gives, and a refused change names the row and field and leaves everything as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from portfolios.models import Holding, Transaction, TransactionImport
from tests.factories import UserFactory
from tests.portfolios.conftest import add_closes

PORTFOLIO = "/api/v1/users/portfolio/"
TX = f"{PORTFOLIO}transactions/"
IMPORTS = f"{TX}import/"
pytestmark = pytest.mark.django_db


def _post(client: APIClient, **fields: str) -> dict[str, Any]:
    response = client.post(TX, fields, format="json")
    return {"status": response.status_code, **response.json()}


def _upload(client: APIClient, content: str, name: str = "trades.csv") -> dict[str, Any]:
    upload = SimpleUploadedFile(name, content.encode(), content_type="text/csv")
    response = client.post(IMPORTS, {"file": upload}, format="multipart")
    return {"status": response.status_code, **response.json()}


def _ledger() -> list[tuple[str, str, dt.date, Decimal, Decimal, Decimal]]:
    """Everything stored, to show a refused change left it exactly as it was."""
    return list(
        Transaction.objects.order_by("pk").values_list("holding__stock_id", "kind", "date", "quantity", "price", "fee")
    )


def _holdings() -> list[tuple[str, Decimal, Decimal]]:
    return list(Holding.objects.order_by("stock_id").values_list("stock_id", "quantity", "average_price"))


def test_a_backdated_holding_books_its_buy_on_that_date_and_history_starts_there(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2023, 3, 1): "100", dt.date(2023, 6, 1): "120", dt.date(2024, 1, 2): "150"})
    created = auth_client.post(
        PORTFOLIO,
        {"symbol": "AAPL", "quantity": "10", "average_price": "98", "fee": "20", "date": "2023-03-01"},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["average_price"] == 100  # (10 x 98 + 20) / 10
    [opening] = auth_client.get(TX).json()["results"]
    assert (opening["date"], opening["price"], opening["fee"]) == ("2023-03-01", 98, 20)
    series = auth_client.get(f"{PORTFOLIO}history/").json()["series"]
    assert [(p["date"], p["value"]) for p in series] == [
        ("2023-03-01", 1000.0),
        ("2023-06-01", 1200.0),
        ("2024-01-02", 1500.0),
    ]
    assert series[0]["contribution"] == 1000.0


def test_a_holding_dated_in_the_future_is_refused_and_nothing_is_stored(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2023, 3, 1): "100"})
    response = auth_client.post(
        PORTFOLIO, {"symbol": "AAPL", "quantity": "1", "average_price": "1", "date": "2999-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["extra"]["field_codes"] == {"date": ["future_date"]}
    assert (Holding.objects.count(), Transaction.objects.count()) == (0, 0)


def _buy_then_sell(client: APIClient) -> tuple[int, int]:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    buy = _post(client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    sell = _post(client, symbol="AAPL", type="sell", date="2024-03-01", quantity="8", price="120")
    return int(buy["id"]), int(sell["id"])


@pytest.mark.parametrize(
    "change",
    [
        {"quantity": "7"},  # 7 held when 8 are sold
        {"date": "2024-03-02"},  # the buy moved after the sale: nothing held on 2024-03-01
    ],
)
def test_an_edit_that_oversells_later_names_the_sale_and_changes_nothing(
    auth_client: APIClient, change: dict[str, str]
) -> None:
    buy, sell = _buy_then_sell(auth_client)
    before = (_ledger(), _holdings())
    response = auth_client.patch(f"{TX}{buy}/", change, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "insufficient_quantity"
    assert body["extra"]["transaction_id"] == sell
    assert body["extra"]["date"] == "2024-03-01"
    assert body["extra"]["quantity"] == "8"
    assert body["extra"]["field_codes"] == {"quantity": ["insufficient_quantity"]}
    assert (_ledger(), _holdings()) == before


def test_deleting_a_buy_a_later_sale_needs_names_the_sale(auth_client: APIClient) -> None:
    buy, sell = _buy_then_sell(auth_client)
    before = (_ledger(), _holdings())
    response = auth_client.delete(f"{TX}{buy}/")
    assert response.status_code == 400
    assert (response.json()["extra"]["transaction_id"], response.json()["extra"]["held"]) == (sell, "0")
    assert (_ledger(), _holdings()) == before


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"date": "2999-01-01"}, "date", "future_date"),
        ({"quantity": "0"}, "quantity", "not_positive"),
        ({"price": "0"}, "price", "not_positive"),
        ({"fee": "-1"}, "fee", "negative"),
    ],
)
def test_a_bad_edit_is_400_naming_the_field_and_changes_nothing(
    auth_client: APIClient, change: dict[str, str], field: str, code: str
) -> None:
    buy, _ = _buy_then_sell(auth_client)
    before = (_ledger(), _holdings())
    response = auth_client.patch(f"{TX}{buy}/", change, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["field_codes"] == {field: [code]}
    assert (_ledger(), _holdings()) == before


@pytest.mark.parametrize("ratio", ["0:1", "0", "1:0"])
def test_editing_a_split_to_a_zero_ratio_is_refused(auth_client: APIClient, ratio: str) -> None:
    _buy_then_sell(auth_client)
    split = _post(auth_client, symbol="AAPL", type="split", date="2024-04-01", ratio="2:1", price="0")
    before = (_ledger(), _holdings())
    response = auth_client.patch(f"{TX}{split['id']}/", {"ratio": ratio}, format="json")
    assert response.status_code == 400
    assert list(response.json()["extra"]["field_codes"]) == ["ratio"]
    assert (_ledger(), _holdings()) == before


def test_edits_and_deletes_replay_the_whole_ledger(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    first = _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100", fee="10")
    second = _post(auth_client, symbol="AAPL", type="buy", date="2024-02-01", quantity="10", price="130")
    _post(auth_client, symbol="AAPL", type="sell", date="2024-03-01", quantity="5", price="150")
    # Cost 1010 + 1300 = 2310 for 20, 5 sold at cost 577.5: 15 left, average 115.5.
    assert _holdings() == [("AAPL", Decimal(15), Decimal("115.5"))]
    # The second buy at 110: cost 1010 + 1100 = 2110 for 20, 5 sold at 527.5: 15 left at 105.5.
    assert auth_client.patch(f"{TX}{second['id']}/", {"price": "110"}, format="json").status_code == 200
    assert _holdings() == [("AAPL", Decimal(15), Decimal("105.5"))]
    # Without the first buy: 10 at 110, 5 sold, 5 left at 110.
    assert auth_client.delete(f"{TX}{first['id']}/").status_code == 204
    assert _holdings() == [("AAPL", Decimal(5), Decimal(110))]
    summary = auth_client.get(f"{PORTFOLIO}summary/").json()["holdings"][0]
    assert summary["realized_pl"] == pytest.approx(5 * 150 - 5 * 110)


IMPORT_CSV = """date,symbol,type,quantity,price,fee
2024-01-02,AAPL,buy,10,100,0
2024-01-03,MSFT,buy,4,300,2
"""


def test_imports_are_listed_and_an_undo_removes_exactly_their_transactions(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    _post(auth_client, symbol="AAPL", type="buy", date="2023-12-01", quantity="10", price="80")
    imported = _upload(auth_client, IMPORT_CSV)
    assert imported["status"] == 201
    [listed] = auth_client.get(IMPORTS).json()
    assert (listed["id"], listed["filename"], listed["rows"], listed["transactions"]) == (
        imported["import_id"],
        "trades.csv",
        2,
        2,
    )
    assert _holdings()[0] == ("AAPL", Decimal(20), Decimal(90))

    undone = auth_client.delete(f"{IMPORTS}{imported['import_id']}/")
    assert undone.status_code == 200
    assert undone.json() == {"holdings_removed": ["MSFT"]}  # MSFT came only from the file
    assert _holdings() == [("AAPL", Decimal(10), Decimal(80))]
    assert [(t[1], t[2]) for t in _ledger()] == [("buy", dt.date(2023, 12, 1))]
    assert auth_client.get(IMPORTS).json() == []
    assert _upload(auth_client, IMPORT_CSV)["status"] == 201  # the same file may be imported again


def test_an_undo_that_a_later_sale_needs_is_refused_naming_the_sale(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    imported = _upload(auth_client, IMPORT_CSV)
    sell = _post(auth_client, symbol="AAPL", type="sell", date="2024-02-01", quantity="6", price="110")
    before = (_ledger(), _holdings(), TransactionImport.objects.count())
    response = auth_client.delete(f"{IMPORTS}{imported['import_id']}/")
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["extra"]["transaction_id"], body["extra"]["date"]) == (
        "insufficient_quantity",
        sell["id"],
        "2024-02-01",
    )
    assert (_ledger(), _holdings(), TransactionImport.objects.count()) == before
    # Once the sale is gone, the undo goes through.
    assert auth_client.delete(f"{TX}{sell['id']}/").status_code == 204
    assert auth_client.delete(f"{IMPORTS}{imported['import_id']}/").status_code == 200
    assert (_ledger(), _holdings()) == ([], [])


def test_another_users_import_is_not_found(auth_client: APIClient) -> None:
    other_client = APIClient()
    other_client.force_authenticate(user=UserFactory.create())
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    imported = _upload(auth_client, IMPORT_CSV)
    assert other_client.get(IMPORTS).json() == []
    assert other_client.delete(f"{IMPORTS}{imported['import_id']}/").status_code == 404
    assert Transaction.objects.count() == 2
