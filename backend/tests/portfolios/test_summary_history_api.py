"""Summary and history over HTTP: values at the last stored price, P/L, weights, returns and the benchmark."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from stocks.models import CorporateAction, Stock
from tests.portfolios.conftest import add_closes

SUMMARY = "/api/v1/users/portfolio/summary/"
HISTORY = "/api/v1/users/portfolio/history/"
TX = "/api/v1/users/portfolio/transactions/"
pytestmark = pytest.mark.django_db


def _trade(client: APIClient, symbol: str, kind: str, date: str, quantity: str, price: str) -> None:
    response = client.post(
        TX, {"symbol": symbol, "type": kind, "date": date, "quantity": quantity, "price": price}, format="json"
    )
    assert response.status_code == 201, response.json()


def _by_symbol(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["symbol"]: row for row in body["holdings"]}


def test_summary_values_holdings_at_the_newer_of_close_and_quote(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100", dt.date(2024, 1, 3): "110"})
    msft = add_closes("MSFT", {dt.date(2024, 1, 2): "300"})
    Stock.objects.filter(pk=msft.pk).update(
        real_time_price=Decimal(330), previous_close=Decimal(300), latest_trading_day=dt.date(2024, 1, 3)
    )
    add_closes("NEWCO", {})
    _trade(auth_client, "AAPL", "buy", "2024-01-02", "12", "90")
    _trade(auth_client, "AAPL", "sell", "2024-01-03", "2", "110")  # realised (110 - 90) x 2 = 40
    _trade(auth_client, "MSFT", "buy", "2024-01-02", "5", "300")
    _trade(auth_client, "NEWCO", "buy", "2024-01-02", "1", "10")

    body = auth_client.get(SUMMARY).json()
    rows = _by_symbol(body)
    aapl, msft_row = rows["AAPL"], rows["MSFT"]
    assert aapl["price"]["price"] == 110.0
    assert (aapl["price"]["date"], aapl["price"]["basis"], aapl["price"]["source"]) == (
        "2024-01-03",
        "daily_close",
        "simulated",
    )
    assert (aapl["market_value"], aapl["cost"], aapl["unrealized_pl"], aapl["realized_pl"]) == (
        1100.0,
        900.0,
        200.0,
        40.0,
    )
    assert aapl["day_change"] == 100.0
    assert msft_row["price"]["basis"] == "quote"
    assert (msft_row["market_value"], msft_row["day_change"]) == (1650.0, 150.0)
    assert aapl["weight"] == pytest.approx(40.0)
    assert msft_row["weight"] == pytest.approx(60.0)
    assert rows["NEWCO"]["market_value"] is None
    assert body["unpriced_symbols"] == ["NEWCO"]

    totals = body["totals"]
    assert (totals["market_value"], totals["cost"], totals["unrealized_pl"]) == (2750.0, 2400.0, 350.0)
    assert totals["realized_pl"] == 40.0
    assert totals["day_change"] == 250.0
    assert totals["day_change_percent"] == pytest.approx(10.0)


def _deposit_mid_period(client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2023, 1, 3): "100", dt.date(2023, 7, 3): "110", dt.date(2024, 1, 3): "121"})
    _trade(client, "AAPL", "buy", "2023-01-03", "10", "100")
    _trade(client, "AAPL", "buy", "2024-01-03", "10", "110")  # a deposit, bought at the previous close


def test_history_returns_with_a_deposit_mid_period(auth_client: APIClient) -> None:
    _deposit_mid_period(auth_client)
    body = auth_client.get(HISTORY).json()
    assert [(p["date"], p["value"]) for p in body["series"]] == [
        ("2023-01-03", 1000.0),
        ("2023-07-03", 1100.0),
        ("2024-01-03", 2420.0),
    ]
    assert [p["contribution"] for p in body["series"]] == [1000.0, 0.0, 1100.0]
    twr = body["returns"]["time_weighted"]
    assert twr["value"] == pytest.approx(0.21)
    assert twr["method"].startswith("time-weighted")
    assert twr["annualized"] == pytest.approx(0.21)  # exactly one year
    mwr = body["returns"]["money_weighted"]
    assert mwr["method"].startswith("money-weighted: XIRR")
    assert mwr["value"] == pytest.approx(0.32, abs=1e-9)  # -1000 now, net +1320 a year later
    assert body["benchmark"]["available"] is False
    assert body["benchmark"]["symbol"] == "SPY"


def test_history_window_starts_from_the_value_at_its_start(auth_client: APIClient) -> None:
    _deposit_mid_period(auth_client)
    body = auth_client.get(HISTORY, {"period": "6m"}).json()
    assert body["start"] == "2023-07-03"
    assert [p["date"] for p in body["series"]] == ["2024-01-03"]
    assert body["returns"]["time_weighted"]["value"] == pytest.approx(0.10)
    assert body["returns"]["time_weighted"]["annualized"] is None
    # -1100 (value at the start), then 184 days later -1100 deposited and +2420 held: 1100 (1 + r)^(184/365) = 1320.
    assert body["returns"]["money_weighted"]["value"] == pytest.approx(1.2 ** (365 / 184) - 1, rel=1e-6)


def test_history_with_a_stored_split_and_a_dividend(auth_client: APIClient) -> None:
    stock = add_closes("AAPL", {dt.date(2023, 1, 3): "100", dt.date(2024, 1, 3): "55"})
    CorporateAction.objects.create(
        stock=stock, kind="split", ex_date=dt.date(2024, 1, 3), ratio=2, fetched_at=timezone.now()
    )
    _trade(auth_client, "AAPL", "buy", "2023-01-03", "10", "100")
    _trade(auth_client, "AAPL", "dividend", "2024-01-03", "20", "0.5")
    body = auth_client.get(HISTORY).json()
    assert [p["value"] for p in body["series"]] == [1000.0, 1100.0]  # 20 shares after the split at 55
    assert body["series"][1]["distribution"] == 10.0
    assert body["returns"]["time_weighted"]["value"] == pytest.approx(0.11)
    assert body["returns"]["money_weighted"]["value"] == pytest.approx(0.11, abs=1e-9)
    summary = _by_symbol(auth_client.get(SUMMARY).json())["AAPL"]
    assert (summary["quantity"], summary["average_price"], summary["dividends"]) == (20.0, 50.0, 10.0)


def test_history_compares_with_spy_when_stored(auth_client: APIClient) -> None:
    _deposit_mid_period(auth_client)
    add_closes("SPY", {dt.date(2023, 1, 3): "400", dt.date(2023, 7, 3): "420", dt.date(2024, 1, 3): "441"})
    benchmark = auth_client.get(HISTORY).json()["benchmark"]
    assert benchmark["available"] is True
    assert [p["index"] for p in benchmark["series"]] == pytest.approx([1.0, 1.05, 1.1025])
    assert benchmark["return"] == pytest.approx(0.1025)


def test_history_of_an_empty_portfolio_and_bad_period(auth_client: APIClient) -> None:
    body = auth_client.get(HISTORY).json()
    assert (body["series"], body["returns"]["time_weighted"]["value"]) == ([], None)
    bad = auth_client.get(HISTORY, {"period": "7y"})
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("period:")
    bad_benchmark = auth_client.get(HISTORY, {"benchmark": "S&P 500"})
    assert bad_benchmark.status_code == 400
    assert bad_benchmark.json()["message"].startswith("benchmark:")
    assert auth_client.get(HISTORY, {"benchmark": "none"}).json()["benchmark"] is None


def test_history_reports_a_money_weighted_return_after_a_sale_and_a_re_buy_with_a_fee(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2020, 1, 2): "100", dt.date(2021, 1, 4): "150", dt.date(2022, 1, 10): "50"})
    _trade(auth_client, "AAPL", "buy", "2020-01-02", "10", "100")
    _trade(auth_client, "AAPL", "sell", "2021-01-04", "10", "150")
    response = auth_client.post(
        TX,
        {"symbol": "AAPL", "type": "buy", "date": "2022-01-10", "quantity": "1", "price": "50", "fee": "1"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    mwr = auth_client.get(HISTORY).json()["returns"]["money_weighted"]
    # -1000, +1500, -51 and a value of 50 on the last day: NPV has one sign at both ends of [-100 %, 100 %].
    assert (mwr["value"], mwr["reason"]) == (pytest.approx(0.4943928824, rel=1e-8), None)


def test_history_of_a_ledger_spanning_six_decades_answers(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(1962, 1, 2): "1", dt.date(2024, 1, 2): "100"})
    _trade(auth_client, "AAPL", "buy", "1962-01-02", "10", "1")
    response = auth_client.get(HISTORY)
    assert response.status_code == 200
    years = (dt.date(2024, 1, 2) - dt.date(1962, 1, 2)).days / 365
    assert response.json()["returns"]["money_weighted"]["value"] == pytest.approx(100 ** (1 / years) - 1, rel=1e-9)


def test_history_says_why_a_money_weighted_return_is_missing(auth_client: APIClient) -> None:
    add_closes("AAPL", {dt.date(2024, 1, 2): "100"})
    _trade(auth_client, "AAPL", "buy", "2024-01-02", "10", "100")
    mwr = auth_client.get(HISTORY).json()["returns"]["money_weighted"]
    assert (mwr["value"], mwr["reason"]) == (None, "too_few_flows")  # bought and valued on the same day


def test_roai_through_the_api_matches_ghostfolios_baln_buy_and_buy(auth_client: APIClient) -> None:
    # Ghostfolio's roai/portfolio-calculator-baln-buy-and-buy.spec.ts, in one currency: netPerformance 33.4 over a
    # timeWeightedInvestment of 474.93846153846153846154 is 0.07032490039195361342; before fees 0.07706261539956593567.
    add_closes("BALN", {dt.date(2021, 11, 22): "142.9", dt.date(2021, 11, 30): "136.6", dt.date(2021, 12, 18): "148.9"})
    for date, price, fee in (("2021-11-22", "142.9", "1.55"), ("2021-11-30", "136.6", "1.65")):
        body = {"symbol": "BALN", "type": "buy", "date": date, "quantity": "2", "price": price, "fee": fee}
        assert auth_client.post(TX, body, format="json").status_code == 201
    for url in (SUMMARY, HISTORY):
        roai = auth_client.get(url).json()["returns"]["roai"]
        assert roai["time_weighted_investment"] == pytest.approx(474.93846153846153846154, rel=1e-12)
        assert roai["value"] == pytest.approx(0.07032490039195361342, rel=1e-9)
        assert roai["gross"] == pytest.approx(0.07706261539956593567, rel=1e-9)
        assert roai["method"].startswith("return on average investment")
    period = auth_client.get(SUMMARY).json()["period_pl"]["since_start"]
    assert period["pl"] == pytest.approx(33.4)
