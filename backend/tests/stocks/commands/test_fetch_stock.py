"""`fetch_stock` against a local server replaying the recorded Alpha Vantage answers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pytest_httpserver import HTTPServer

from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    CorporateAction,
    DailyPrice,
    IncomeStatement,
    IngestionStatus,
    IntradayPrice,
    Stock,
    WeeklyPrice,
)
from stocks.providers import resilience
from stocks.providers.alphavantage.client import NAME, limits_from_settings
from stocks.providers.quota import limiter_for
from tests.factories import StockFactory
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.providers.alphavantage.fake_server import FakeAlphaVantage

pytestmark = pytest.mark.django_db

IBM = {
    "GLOBAL_QUOTE": "GLOBAL_QUOTE/portfoliotree-alphavantage__GLOBAL_QUOTE_db7544f0.csv",
    "OVERVIEW": "OVERVIEW/portfoliotree-alphavantage__OVERVIEW_b1e86153.json",
    "TIME_SERIES_DAILY": "TIME_SERIES_DAILY/portfoliotree-alphavantage__TIME_SERIES_DAILY_42a08190.csv",
    "TIME_SERIES_WEEKLY": "TIME_SERIES_WEEKLY/portfoliotree-alphavantage__TIME_SERIES_WEEKLY_74eb54d6.csv",
    "BALANCE_SHEET": "BALANCE_SHEET/portfoliotree-alphavantage__BALANCE_SHEET_54fef0fd.json",
    "INCOME_STATEMENT": "INCOME_STATEMENT/portfoliotree-alphavantage__INCOME_STATEMENT_947bd231.json",
    "CASH_FLOW": "CASH_FLOW/portfoliotree-alphavantage__CASH_FLOW_d685b915.json",
    "SPLITS": "SPLITS/portfoliotree-alphavantage__SPLITS_358e2618.csv",
    "DIVIDENDS": "DIVIDENDS/portfoliotree-alphavantage__DIVIDENDS_5b9f5d9f.csv",
}


@pytest.fixture
def alphavantage(httpserver: HTTPServer, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAlphaVantage]:
    settings.MARKET_DATA_PROVIDER = "alphavantage"
    settings.ALPHA_VANTAGE_API_KEY = "TESTKEY"
    settings.ALPHA_VANTAGE_BASE_URL = httpserver.url_for("/")
    settings.ALPHA_VANTAGE_CALLS_PER_MINUTE = 1_000
    settings.ALPHA_VANTAGE_CALLS_PER_DAY = 1_000
    settings.ALPHA_VANTAGE_MIN_INTERVAL_SECONDS = 0
    waits: list[float] = []
    monkeypatch.setattr(resilience, "pause", waits.append)
    limiter = limiter_for(NAME, limits_from_settings())
    limiter.reset()
    fake = FakeAlphaVantage(httpserver)
    fake.waits = waits
    yield fake
    limiter.reset()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("fetch_stock", *args, stdout=out)
    return out.getvalue()


def test_fetch_all_full_stores_every_recorded_row(alphavantage: FakeAlphaVantage) -> None:
    for function, path in IBM.items():
        alphavantage.script(function, recording_text(path))
    output = run("IBM", "--what", "all", "--full")

    assert DailyPrice.objects.filter(stock_id="IBM").count() == 100
    last = DailyPrice.objects.filter(stock_id="IBM").latest("date")
    assert (last.date, last.open_price, last.high_price, last.low_price, last.close_price, last.volume) == (
        dt.date(2026, 5, 15),
        Decimal("218.2000"),
        Decimal("220.9100"),
        Decimal("217.6150"),
        Decimal("219.3000"),
        6154450,
    )
    assert WeeklyPrice.objects.filter(stock_id="IBM").count() == 1384
    assert WeeklyPrice.objects.filter(stock_id="IBM").earliest("date").date == dt.date(1999, 11, 12)
    for model in (BalanceSheet, IncomeStatement, CashFlowStatement):
        assert model.objects.filter(stock_id="IBM", period_type="annual").count() == 20
        assert model.objects.filter(stock_id="IBM", period_type="quarterly").count() == 81
    latest = BalanceSheet.objects.get(stock_id="IBM", period_type="annual", fiscal_year=2025)
    assert latest.total_assets == Decimal("151880000000")
    assert latest.treasury_stock is None
    # Weekly bars start on 1999-11-12: the 1999-05-27 split and four older dividends are outside the stored prices.
    assert list(CorporateAction.objects.filter(stock_id="IBM", kind="split").values_list("ex_date", "ratio")) == [
        (dt.date(2021, 11, 4), Decimal("1.046000"))
    ]
    assert CorporateAction.objects.filter(stock_id="IBM", kind="dividend").count() == 106
    assert set(CorporateAction.objects.values_list("source", flat=True)) == {"alphavantage"}
    stock = Stock.objects.get(pk="IBM")
    assert stock.name == "International Business Machines"
    assert stock.real_time_price == Decimal("219.3000")
    assert stock.pe_ratio == Decimal("19.42")
    assert stock.source == "alphavantage"
    states = dict(IngestionStatus.objects.filter(stock_id="IBM").values_list("step", "state"))
    assert states.pop("corporate_actions") == "partial"
    assert set(states.values()) == {"done"}
    assert "rejected IBM corporate_actions split 1999-05-27 (2-for-1): it is dated outside the stored prices" in output
    assert "5 rejected" in output
    assert all(call["apikey"] == "TESTKEY" for call in alphavantage.calls)
    assert "TESTKEY" not in output
    assert [c["outputsize"] for c in alphavantage.calls if c["function"] == "TIME_SERIES_DAILY"] == ["full"]


def test_premium_full_history_falls_back_and_says_so(alphavantage: FakeAlphaVantage) -> None:
    alphavantage.script(
        "TIME_SERIES_DAILY",
        recording_text("ERRORS/premium_parameter_outputsize_full_information.json"),
        recording_text(IBM["TIME_SERIES_DAILY"]),
    )
    output = run("IBM", "--what", "daily", "--full")
    assert DailyPrice.objects.filter(stock_id="IBM").count() == 100
    assert Stock.objects.get(pk="IBM").history_partial is True
    status = IngestionStatus.objects.get(stock_id="IBM", step="daily")
    assert status.state == "partial"
    assert "premium" in status.reason
    assert "partial" in output


def test_minute_rate_limit_waits_and_resumes(alphavantage: FakeAlphaVantage) -> None:
    alphavantage.script(
        "OVERVIEW", recording_text("ERRORS/ratelimit_2018_2023_note.json"), recording_text(IBM["OVERVIEW"])
    )
    run("IBM", "--what", "overview")
    assert Stock.objects.get(pk="IBM").name == "International Business Machines"
    assert alphavantage.waits
    assert alphavantage.waits[0] >= 60


def test_spent_daily_quota_records_waiting_for_quota_without_losing_data(alphavantage: FakeAlphaVantage) -> None:
    StockFactory(symbol="IBM", name="Kept", source="alphavantage")
    kept = DailyPrice.objects.create(
        stock_id="IBM",
        date=dt.date(2026, 5, 14),
        open_price=Decimal("215.5450"),
        high_price=Decimal("220.9600"),
        low_price=Decimal("215.0000"),
        close_price=Decimal("218.3700"),
        volume=5906199,
        source="alphavantage",
        fetched_at=timezone.now(),
    )
    for function in IBM:
        alphavantage.script(function, recording_text("ERRORS/ratelimit_daily_25_information.json"))
    output = run("IBM", "--what", "quote,overview,daily")
    states = dict(IngestionStatus.objects.filter(stock_id="IBM").values_list("step", "state"))
    assert states == {"quote": "waiting_for_quota", "overview": "waiting_for_quota", "daily": "waiting_for_quota"}
    assert all(s.retry_at is not None for s in IngestionStatus.objects.filter(stock_id="IBM"))
    assert list(DailyPrice.objects.filter(stock_id="IBM").values_list("pk", "close_price")) == [
        (kept.pk, kept.close_price)
    ]
    assert Stock.objects.get(pk="IBM").name == "Kept"
    assert "waiting_for_quota" in output


@pytest.fixture
def ibm_events(alphavantage: FakeAlphaVantage) -> FakeAlphaVantage:
    """IBM's prices and events stored from the recordings, ready for a second events fetch."""
    for function in ("TIME_SERIES_DAILY", "TIME_SERIES_WEEKLY", "SPLITS", "DIVIDENDS"):
        alphavantage.script(function, recording_text(IBM[function]))
    run("IBM", "--what", "daily,weekly,corporate_actions", "--full")
    return alphavantage


def test_events_refresh_spends_two_calls_and_changes_nothing_when_nothing_changed(
    ibm_events: FakeAlphaVantage,
) -> None:
    before = list(CorporateAction.objects.order_by("pk").values())
    version = Stock.objects.get(pk="IBM").data_version
    calls = len(ibm_events.calls)
    output = run("IBM", "--what", "corporate_actions")
    assert [c["function"] for c in ibm_events.calls[calls:]] == ["SPLITS", "DIVIDENDS"]
    assert list(CorporateAction.objects.order_by("pk").values()) == before
    assert Stock.objects.get(pk="IBM").data_version == version
    assert "0 rows written, 5 rejected" in output


@pytest.mark.parametrize(
    ("body", "state", "says"),
    [
        ("<!DOCTYPE html><html><body>Bad gateway</body></html>\n", "failed", "not a DIVIDENDS CSV"),
        ("", "failed", "empty DIVIDENDS answer"),
        (recording_text(IBM["DIVIDENDS"])[:-30], "failed", "truncated"),
        (recording_text("ERRORS/ratelimit_daily_25_information.json"), "waiting_for_quota", "daily limit"),
        (recording_text("ERRORS/premium_endpoint_information.json"), "failed", "premium"),
    ],
)
def test_a_dividends_body_that_is_not_data_fails_the_step_and_keeps_the_stored_events(
    ibm_events: FakeAlphaVantage, body: str, state: str, says: str
) -> None:
    before = list(CorporateAction.objects.order_by("pk").values())
    ibm_events.script("DIVIDENDS", body)
    out = io.StringIO()
    if state == "failed":  # the only step failed: the command says nothing was stored
        with pytest.raises(CommandError, match=says):
            call_command("fetch_stock", "IBM", "--what", "corporate_actions", stdout=out)
    else:
        call_command("fetch_stock", "IBM", "--what", "corporate_actions", stdout=out)
    output = out.getvalue()
    status = IngestionStatus.objects.get(stock_id="IBM", step="corporate_actions")
    assert status.state == state
    assert says in status.reason
    assert says in output
    assert list(CorporateAction.objects.order_by("pk").values()) == before  # the good SPLITS answer is not stored


def test_bad_arguments_are_clear_errors(alphavantage: FakeAlphaVantage) -> None:
    with pytest.raises(CommandError, match="not a valid symbol"):
        run("IBM!!")
    with pytest.raises(CommandError, match="unknown dataset prices"):
        run("IBM", "--what", "prices")
    assert alphavantage.calls == []


def test_simulated_provider_by_default(settings: Any) -> None:
    settings.MARKET_DATA_PROVIDER = "simulated"
    output = run("KO", "--what", "weekly,quote")
    assert WeeklyPrice.objects.filter(stock_id="KO", source="simulated").count() > 1_000
    assert Stock.objects.get(pk="KO").real_time_price is not None
    assert "2 done" in output


def test_fetch_intraday_stores_the_5_minute_bars_and_a_broken_answer_changes_nothing(
    alphavantage: FakeAlphaVantage,
) -> None:
    session = recording_text("TIME_SERIES_INTRADAY/portfoliotree-alphavantage__intraday_5min_IBM.csv")
    alphavantage.script("TIME_SERIES_INTRADAY", session)
    output = run("IBM", "--what", "intraday")
    assert "intraday" in output
    stored = list(IntradayPrice.objects.filter(stock_id="IBM").order_by("time").values_list("time", "close_price"))
    assert len(stored) == 78
    assert stored[-1] == (dt.datetime(2020, 8, 21, 19, 55, tzinfo=dt.UTC), Decimal("123.1900"))
    assert IntradayPrice.objects.filter(stock_id="IBM").first().source == "alphavantage"  # type: ignore[union-attr]

    alphavantage.script("TIME_SERIES_INTRADAY", session[:-40])  # cut off in transit, mid-line
    with pytest.raises(CommandError, match="intraday answer for IBM is truncated"):
        run("IBM", "--what", "intraday")
    assert IngestionStatus.objects.get(stock_id="IBM", step="intraday").state == "failed"
    assert (
        list(IntradayPrice.objects.filter(stock_id="IBM").order_by("time").values_list("time", "close_price")) == stored
    )
