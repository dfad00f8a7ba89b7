"""The transaction ledger over HTTP: buys, sells, dividends, splits, overselling, edits and CSV import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from portfolios.models import Holding, Transaction, TransactionImport
from stocks.models import CorporateAction
from tests.portfolios.conftest import add_closes

TX = "/api/v1/users/portfolio/transactions/"
pytestmark = pytest.mark.django_db


def _post(client: APIClient, **fields: str) -> dict[str, Any]:
    response = client.post(TX, fields, format="json")
    return {"status": response.status_code, **response.json()}


def _holding(symbol: str = "AAPL") -> Holding:
    return Holding.objects.get(stock_id=symbol)


def test_buys_sells_dividends_and_splits_update_quantity_and_average(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    assert (
        _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100", fee="5")["status"]
        == 201
    )
    _post(auth_client, symbol="AAPL", type="buy", date="2024-02-01", quantity="10", price="120")
    _post(auth_client, symbol="AAPL", type="sell", date="2024-03-01", quantity="5", price="150", fee="2")
    _post(auth_client, symbol="AAPL", type="dividend", date="2024-03-15", quantity="15", price="0.25")
    split = _post(auth_client, symbol="AAPL", type="split", date="2024-04-01", quantity="2", price="0")
    assert split["status"] == 201
    assert split["type"] == "split"
    holding = _holding()
    assert holding.quantity == Decimal(30)
    assert holding.average_price == Decimal("55.125")  # 1653.75 cost over 30 shares

    listed = auth_client.get(TX, {"symbol": "aapl"}).json()["results"]
    assert [t["type"] for t in listed] == ["split", "dividend", "sell", "buy", "buy"]


def test_a_one_for_three_split_entered_as_a_ratio_is_exact(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "50"})
    _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="20", price="50")
    split = _post(auth_client, symbol="AAPL", type="split", date="2024-04-01", ratio="1:3", price="0")
    assert (split["status"], split["ratio"], split["quantity"]) == (201, "1:3", 0.333333333333)
    holding = auth_client.get("/api/v1/users/portfolio/").json()["results"][0]
    assert holding["quantity"] == 6.666666666667
    assert abs(holding["average_price"] - 150) < 1e-9
    everything = _post(
        auth_client, symbol="AAPL", type="sell", date="2024-04-02", quantity="6.666666666667", price="50"
    )
    assert everything["status"] == 201
    assert _holding().quantity == 0
    buy = auth_client.get(TX, {"symbol": "AAPL"}).json()["results"][-1]
    assert (buy["type"], buy["ratio"]) == ("buy", None)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"ratio": "0:1"}, "ratio", "invalid_ratio"),
        ({"ratio": "-2"}, "ratio", "invalid_ratio"),
        ({}, "ratio", "required"),
    ],
)
def test_a_split_without_a_positive_ratio_is_400_naming_it(
    auth_client: APIClient, fields: dict[str, str], field: str, code: str
) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "150"})
    _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="20", price="150")
    response = _post(auth_client, symbol="AAPL", type="split", date="2024-04-01", price="0", **fields)
    assert response["status"] == 400
    assert field in str(response["message"]) or field in response["extra"].get("fields", {})
    assert Transaction.objects.count() == 1


def test_the_list_comes_a_page_at_a_time_newest_first(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    for day in range(1, 8):
        _post(auth_client, symbol="AAPL", type="buy", date=f"2024-01-{day:02d}", quantity="1", price="100")
    first = auth_client.get(TX, {"limit": 3}).json()
    assert (first["count"], first["previous"]) == (7, None)
    assert [t["date"] for t in first["results"]] == ["2024-01-07", "2024-01-06", "2024-01-05"]
    second = auth_client.get(first["next"]).json()
    assert [t["date"] for t in second["results"]] == ["2024-01-04", "2024-01-03", "2024-01-02"]
    last = auth_client.get(second["next"]).json()
    assert ([t["date"] for t in last["results"]], last["next"]) == (["2024-01-01"], None)
    assert auth_client.get(last["previous"]).json()["results"] == second["results"]


@pytest.mark.parametrize("query", [{"limit": "abc"}, {"limit": ""}, {"limit": 0}, {"limit": 501}, {"offset": -1}])
def test_a_bad_page_parameter_is_400_naming_it(auth_client: APIClient, query: dict[str, str | int]) -> None:
    response = auth_client.get(TX, query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["message"]


def test_selling_more_than_held_is_400_and_changes_nothing(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    response = _post(auth_client, symbol="AAPL", type="sell", date="2024-01-03", quantity="10.5", price="100")
    assert response["status"] == 400
    assert response["code"] == "insufficient_quantity"
    assert {k: response["extra"][k] for k in ("symbol", "quantity", "date", "held")} == {
        "symbol": "AAPL",
        "quantity": "10.5",
        "date": "2024-01-03",
        "held": "10",
    }
    assert str(response["message"]).startswith("quantity:")
    assert "10.5" in str(response["message"])
    assert Transaction.objects.count() == 1
    assert _holding().quantity == 10


def test_a_back_dated_sale_before_the_buy_is_refused(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    _post(auth_client, symbol="AAPL", type="buy", date="2024-02-01", quantity="10", price="100")
    assert _post(auth_client, symbol="AAPL", type="sell", date="2024-01-15", quantity="1", price="100")["status"] == 400


def test_selling_or_splitting_a_symbol_not_held_is_400(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    response = _post(auth_client, symbol="AAPL", type="sell", date="2024-01-02", quantity="1", price="100")
    assert response["status"] == 400
    assert str(response["message"]).startswith("symbol:")
    assert Holding.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"quantity": "-5"}, "quantity"),
        ({"price": "12,5"}, "price"),
        ({"price": "-1"}, "price"),
        ({"type": "gift"}, "type"),
        ({"date": "2999-12-31"}, "date"),
        ({"fee": "-1"}, "fee"),
    ],
)
def test_bad_transactions_are_400_naming_the_field(auth_client: APIClient, fields: dict[str, str], field: str) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    base = {"symbol": "AAPL", "type": "buy", "date": "2024-01-02", "quantity": "1", "price": "100"}
    response = _post(auth_client, **{**base, **fields})
    assert response["status"] == 400
    assert str(response["message"]).startswith(f"{field}:")
    assert Transaction.objects.count() == 0


def test_editing_or_deleting_a_buy_a_later_sale_needs_is_refused(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    buy = _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    _post(auth_client, symbol="AAPL", type="sell", date="2024-01-05", quantity="8", price="110")
    shrink = auth_client.patch(f"{TX}{buy['id']}/", {"quantity": "5"}, format="json")
    assert shrink.status_code == 400
    assert auth_client.delete(f"{TX}{buy['id']}/").status_code == 400
    assert Transaction.objects.get(pk=buy["id"]).quantity == 10
    grow = auth_client.patch(f"{TX}{buy['id']}/", {"quantity": "12"}, format="json")
    assert grow.status_code == 200
    assert _holding().quantity == 4


def test_a_stored_split_after_the_purchase_adjusts_the_holding(auth_client: APIClient) -> None:
    stock = add_closes("NVDA", {dt.date(2024, 6, 7): "1200", dt.date(2024, 6, 10): "121"})
    _post(auth_client, symbol="NVDA", type="buy", date="2024-06-07", quantity="2", price="1200")
    CorporateAction.objects.create(
        stock=stock, kind="split", ex_date=dt.date(2024, 6, 10), ratio=10, fetched_at=timezone.now()
    )
    holding = auth_client.get("/api/v1/users/portfolio/").json()["results"][0]
    assert (holding["quantity"], holding["average_price"]) == (20.0, 120.0)
    # A split the user records on the same ex-date is not applied twice.
    _post(auth_client, symbol="NVDA", type="split", date="2024-06-10", quantity="10", price="0")
    assert auth_client.get("/api/v1/users/portfolio/").json()["results"][0]["quantity"] == 20.0


def _upload(client: APIClient, content: str, name: str = "trades.csv") -> dict[str, Any]:
    response = client.post(f"{TX}import/", {"file": SimpleUploadedFile(name, content.encode())}, format="multipart")
    return {"status": response.status_code, **response.json()}


GOOD_CSV = """date,symbol,type,quantity,price,fee
2024-01-02,AAPL,buy,10,100,1
2024-01-03,msft,buy,5,300,
2024-02-01,AAPL,sell,4,120,1
2024-02-15,AAPL,dividend,6,0.24,0
"""


def test_csv_import_records_every_row(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    result = _upload(auth_client, GOOD_CSV)
    assert result["status"] == 201
    assert result["rows"] == 4
    assert sorted(result["holdings_created"]) == ["AAPL", "MSFT"]
    assert _holding("AAPL").quantity == 6
    assert _holding("MSFT").quantity == 5


def test_importing_the_same_file_twice_is_refused(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    assert _upload(auth_client, GOOD_CSV)["status"] == 201
    again = _upload(auth_client, GOOD_CSV, name="renamed.csv")
    assert again["status"] == 400
    assert again["code"] == "duplicate_import"
    assert str(again["message"]).startswith("file:")
    assert Transaction.objects.count() == 4


def test_bad_rows_are_all_reported_with_line_and_nothing_is_imported(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    content = """Date,Symbol,Type,Quantity,Price,Fee
2024-01-02,AAPL,buy,10,100,0
2024-01-03,AAPL,buy,-1,100,0
2024-01-04,AAPL,buy,1,abc,0
2999-01-01,AAPL,buy,1,100,0
2024-01-05,UNKN,buy,1,100,0
2024-01-06,AAPL,transfer,1,100,0
2024-01-07,AAPL,sell,50,100,0
"""
    result = _upload(auth_client, content)
    assert result["status"] == 400
    assert result["code"] == "invalid_rows"
    errors = result["extra"]["errors"]
    assert [(e["line"], e["field"]) for e in errors] == [
        (3, "quantity"),
        (4, "price"),
        (5, "date"),
        (6, "symbol"),
        (7, "type"),
        (8, "quantity"),
    ]
    assert [(e["code"], e["params"]) for e in errors] == [
        ("not_positive", {}),
        ("not_a_number", {"value": "abc"}),
        ("future_date", {"date": "2999-01-01"}),
        ("symbol_not_stored", {"symbol": "UNKN"}),
        ("invalid_type", {"value": "transfer", "allowed": "buy, sell, dividend, split"}),
        ("insufficient_quantity", {"symbol": "AAPL", "quantity": "50", "date": "2024-01-07", "held": "10"}),
    ]
    assert (result["extra"]["count"], result["extra"]["lines"]) == (6, 6)
    assert Transaction.objects.count() == 0
    assert TransactionImport.objects.count() == 0


def test_an_oversell_in_the_file_names_its_line(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    content = "date,symbol,type,quantity,price,fee\n2024-01-02,AAPL,buy,10,100,0\n2024-01-03,AAPL,sell,11,100,0\n"
    result = _upload(auth_client, content)
    assert result["status"] == 400
    assert result["extra"]["errors"][0]["line"] == 3
    assert Holding.objects.count() == 0
    assert TransactionImport.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [
        "timestamp,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,100\n",
        "",
        "\x00\x01\x02binary",
        "date,symbol,type,quantity,price,fee\n",
        'date,symbol,type,quantity,price,fee\n"' + "x" * 200_000 + '",AAPL,buy,1,1,0\n',
    ],
)
def test_a_file_that_is_not_a_transaction_file_imports_nothing(auth_client: APIClient, content: str) -> None:
    result = _upload(auth_client, content)
    assert result["status"] == 400
    assert result["code"] == "not_a_transaction_file"
    assert result["extra"]["reason"] in {"missing_columns", "empty_file", "binary_file", "no_rows", "unreadable_csv"}
    assert str(result["message"]).startswith("file:")
    assert Transaction.objects.count() == 0


def test_import_without_a_file_is_400(auth_client: APIClient) -> None:
    response = auth_client.post(f"{TX}import/", {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["message"].startswith("file:")


def test_rejected_edits_name_the_field_and_change_nothing(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    buy = _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    for fields, field in (
        ({"date": "2999-01-01"}, "date"),
        ({"price": "0"}, "price"),
        ({"quantity": "-2"}, "quantity"),
    ):
        response = auth_client.patch(f"{TX}{buy['id']}/", fields, format="json")
        assert response.status_code == 400
        assert response.json()["message"].startswith(f"{field}:")
    stored = Transaction.objects.get(pk=buy["id"])
    assert (stored.date, stored.quantity, stored.price) == (dt.date(2024, 1, 2), 10, 100)
    moved = auth_client.patch(f"{TX}{buy['id']}/", {"date": "2024-01-03", "price": "101.5"}, format="json")
    assert moved.status_code == 200
    assert (moved.json()["date"], moved.json()["price"]) == ("2024-01-03", 101.5)
    assert _holding().average_price == Decimal("101.5")
