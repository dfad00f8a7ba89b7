"""Dividends booked from stored dividend events, the per-user toggle, and the dividend report, hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from portfolios.models import Transaction
from portfolios.services.dividends import all_dividends_book
from stocks.models import CorporateAction, Stock
from stocks.signals import stock_data_changed
from tests.portfolios.conftest import add_closes

PORTFOLIO = "/api/v1/users/portfolio/"
TX = f"{PORTFOLIO}transactions/"
D = dt.date
pytestmark = pytest.mark.django_db


def _dividend(stock: Stock, ex_date: dt.date, amount: str) -> CorporateAction:
    return CorporateAction.objects.create(
        stock=stock, kind="dividend", ex_date=ex_date, amount=Decimal(amount), fetched_at=timezone.now()
    )


def _post(client: APIClient, **fields: str) -> dict[str, Any]:
    response = client.post(TX, fields, format="json")
    return {"status": response.status_code, **response.json()}


def _booked() -> list[tuple[dt.date, Decimal, Decimal]]:
    rows = Transaction.objects.filter(corporate_action__isnull=False).order_by("date")
    return list(rows.values_list("date", "quantity", "price"))


def test_a_backdated_holding_books_the_dividends_of_every_ex_date_it_was_held(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {D(2024, 1, 2): "100"})
    _dividend(stock, D(2023, 11, 10), "0.24")  # before the purchase: not entitled
    _dividend(stock, D(2024, 2, 9), "0.24")
    _dividend(stock, D(2024, 5, 10), "0.25")
    created = auth_client.post(
        PORTFOLIO, {"symbol": "AAPL", "quantity": "10", "average_price": "100", "date": "2024-01-02"}, format="json"
    )
    assert created.status_code == 201
    assert _booked() == [(D(2024, 2, 9), 10, Decimal("0.24")), (D(2024, 5, 10), 10, Decimal("0.25"))]
    # Shares sold on an ex-date still get it; shares bought on it do not.
    _post(auth_client, symbol="AAPL", type="sell", date="2024-05-10", quantity="4", price="120")
    _post(auth_client, symbol="AAPL", type="buy", date="2024-02-09", quantity="5", price="110")
    assert _booked() == [(D(2024, 2, 9), 10, Decimal("0.24")), (D(2024, 5, 10), 15, Decimal("0.25"))]
    summary = auth_client.get(f"{PORTFOLIO}summary/").json()["totals"]
    assert summary["dividends"] == pytest.approx(10 * 0.24 + 15 * 0.25)


def test_booking_is_idempotent_and_follows_new_events_and_edits(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {D(2024, 1, 2): "100"})
    buy = _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    assert _booked() == []
    _dividend(stock, D(2024, 2, 9), "0.24")
    stock_data_changed.send(sender=Stock, symbol="AAPL")  # ingestion stored the event
    assert _booked() == [(D(2024, 2, 9), 10, Decimal("0.24"))]
    assert all_dividends_book() == 0  # the daily run changes nothing
    assert auth_client.patch(f"{TX}{buy['id']}/", {"quantity": "12"}, format="json").status_code == 200
    assert _booked() == [(D(2024, 2, 9), 12, Decimal("0.24"))]
    assert auth_client.patch(f"{TX}{buy['id']}/", {"date": "2024-03-01"}, format="json").status_code == 200
    assert _booked() == []  # bought after the ex-date now


def test_a_dividend_the_user_recorded_on_the_ex_date_is_not_booked_twice(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {D(2024, 1, 2): "100"})
    _dividend(stock, D(2024, 2, 9), "0.24")
    _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    _post(auth_client, symbol="AAPL", type="dividend", date="2024-02-09", quantity="10", price="0.24", fee="0.36")
    assert _booked() == []
    assert Transaction.objects.filter(kind="dividend").count() == 1


def test_turning_booking_off_removes_the_booked_records_and_on_brings_them_back(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {D(2024, 1, 2): "100"})
    _dividend(stock, D(2024, 2, 9), "0.24")
    _post(auth_client, symbol="AAPL", type="buy", date="2024-01-02", quantity="10", price="100")
    assert auth_client.get(f"{PORTFOLIO}settings/").json() == {"book_dividends": True}
    off = auth_client.patch(f"{PORTFOLIO}settings/", {"book_dividends": False}, format="json")
    assert off.json() == {"book_dividends": False}
    assert _booked() == []
    stock_data_changed.send(sender=Stock, symbol="AAPL")
    assert _booked() == []
    auth_client.patch(f"{PORTFOLIO}settings/", {"book_dividends": True}, format="json")
    assert _booked() == [(D(2024, 2, 9), 10, Decimal("0.24"))]
    bad = auth_client.patch(f"{PORTFOLIO}settings/", {"book_dividends": "maybe"}, format="json")
    assert (bad.status_code, list(bad.json()["extra"]["field_codes"])) == (400, ["book_dividends"])


def test_undoing_an_import_takes_its_booked_dividends_with_it(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {D(2024, 1, 2): "100"})
    _dividend(stock, D(2024, 2, 9), "0.24")
    upload = SimpleUploadedFile("t.csv", b"date,symbol,type,quantity,price,fee\n2024-01-02,AAPL,buy,10,100,0\n")
    imported = auth_client.post(f"{TX}import/", {"file": upload}, format="multipart").json()
    assert _booked() == [(D(2024, 2, 9), 10, Decimal("0.24"))]
    undone = auth_client.delete(f"{TX}import/{imported['import_id']}/")
    assert undone.json() == {"holdings_removed": ["AAPL"]}
    assert Transaction.objects.count() == 0


def test_the_dividend_report(auth_client: APIClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("portfolios.selectors.dividends.market_today", lambda: D(2024, 6, 1))
    monkeypatch.setattr("portfolios.services.dividends.market_today", lambda: D(2024, 6, 1))
    stock = add_closes("AAPL", {D(2023, 1, 3): "100"})
    _dividend(stock, D(2023, 5, 12), "0.23")
    _dividend(stock, D(2024, 2, 9), "0.24")
    _dividend(stock, D(2024, 8, 9), "0.25")  # upcoming
    _post(auth_client, symbol="AAPL", type="buy", date="2023-01-03", quantity="10", price="100")
    report = auth_client.get(f"{PORTFOLIO}dividends/").json()
    assert report["by_year"] == [{"year": 2023, "received": 2.3}, {"year": 2024, "received": 2.4}]
    assert report["total_received"] == pytest.approx(4.7)
    assert report["booked_records"] == 2
    [aapl] = report["by_symbol"]
    # In the 365 days to 2024-06-01 only the 2024-02-09 dividend: 2.40 on a cost of 1000 is 0.24 %.
    assert (aapl["last_365_days"], aapl["cost"], aapl["yield_on_cost"]) == (2.4, 1000, pytest.approx(0.24))
    assert report["upcoming"] == [
        {"symbol": "AAPL", "ex_date": "2024-08-09", "amount_per_share": 0.25, "quantity": 10, "expected": 2.5}
    ]
