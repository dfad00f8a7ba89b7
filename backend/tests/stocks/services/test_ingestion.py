"""The ingestion service: atomic batches, bulk upserts, idempotency, incremental refresh, status and events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stocks import signals
from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    CorporateAction,
    DailyPrice,
    IncomeStatement,
    IngestionState,
    IngestionStatus,
    Stock,
    WeeklyPrice,
)
from stocks.providers.base import PriceBar, PriceSeries
from stocks.providers.csv.parser import NotAPriceFileError, parse_price_csv
from stocks.providers.errors import ProviderNotFound, ProviderRateLimitedError, ProviderSchemaError
from stocks.services.ingestion import ingestion_run, price_series_import
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db(transaction=False)


def daily_values(symbol: str) -> list[tuple[Any, ...]]:
    return list(
        DailyPrice.objects.filter(stock_id=symbol)
        .order_by("date")
        .values_list("date", "open_price", "high_price", "low_price", "close_price", "volume", "source")
    )


def test_daily_bars_are_stored_with_status_version_and_event(
    provider: ScriptedProvider, django_capture_on_commit_callbacks: Any
) -> None:
    received: list[dict[str, Any]] = []
    signals.bars_stored.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="test-bars")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = ingestion_run(symbol=" ko ", step="daily", provider=provider)
    finally:
        signals.bars_stored.disconnect(dispatch_uid="test-bars")
    expected = provider.inner.price_series("KO", "daily", "full").bars
    assert result.state == IngestionState.DONE
    assert result.rows_written == len(expected) > 4_900
    rows = daily_values("KO")
    assert len(rows) == len(expected)
    assert rows[-1] == (
        expected[-1].date,
        expected[-1].open,
        expected[-1].high,
        expected[-1].low,
        expected[-1].close,
        expected[-1].volume,
        "simulated",
    )
    status = IngestionStatus.objects.get(stock_id="KO", step="daily")
    assert (status.state, status.rows_written, status.rows_rejected) == ("done", len(expected), 0)
    assert status.started_at is not None
    assert status.finished_at is not None
    stock = Stock.objects.get(pk="KO")
    assert stock.data_version == 1
    assert stock.history_partial is False
    assert stock.source == "simulated"
    assert received == [
        {
            "signal": signals.bars_stored,
            "sender": Stock,
            "symbol": "KO",
            "interval": "daily",
            "last_date": expected[-1].date,
        }
    ]


def test_bars_are_upserted_in_a_few_queries_not_one_per_row(provider: ScriptedProvider) -> None:
    with CaptureQueriesContext(connection) as queries:
        ingestion_run(symbol="KO", step="daily", provider=provider)
    rows = DailyPrice.objects.filter(stock_id="KO").count()
    assert rows > 4_900
    # SQLite binds at most 999 parameters per statement (~110 bars); PostgreSQL takes 20,000 bars per statement.
    assert len(queries.captured_queries) < rows / 50


def test_rerunning_changes_nothing(provider: ScriptedProvider) -> None:
    for step in ("daily", "weekly", "financials", "corporate_actions", "overview"):
        ingestion_run(symbol="AAPL", step=step, provider=provider, full=True)
    before = (
        daily_values("AAPL"),
        WeeklyPrice.objects.count(),
        BalanceSheet.objects.count(),
        IncomeStatement.objects.count(),
        CashFlowStatement.objects.count(),
        CorporateAction.objects.count(),
    )
    for step in ("daily", "weekly", "financials", "corporate_actions", "overview"):
        result = ingestion_run(symbol="AAPL", step=step, provider=provider, full=True)
        assert result.state == IngestionState.DONE
        if step != "overview":
            assert result.rows_written == 0, step  # nothing changed, nothing rewritten
    after = (
        daily_values("AAPL"),
        WeeklyPrice.objects.count(),
        BalanceSheet.objects.count(),
        IncomeStatement.objects.count(),
        CashFlowStatement.objects.count(),
        CorporateAction.objects.count(),
    )
    assert after == before
    assert BalanceSheet.objects.filter(stock_id="AAPL", period_type="annual", fiscal_quarter__isnull=True).count() == 10
    # Five first runs changed rows; of the re-runs only the overview (rewritten in place) counts as a change.
    assert Stock.objects.get(pk="AAPL").data_version == 6


def test_incremental_refresh_asks_compact_when_history_is_recent_and_full_otherwise(provider: ScriptedProvider) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    ingestion_run(symbol="KO", step="daily", provider=provider)
    sizes = [args[2] for method, args in provider.calls if method == "price_series"]
    assert sizes == ["full", "compact"]
    # Stored history that ends long ago cannot be bridged by a compact answer.
    DailyPrice.objects.filter(stock_id="KO", date__gte=dt.date(2026, 1, 1)).delete()
    ingestion_run(symbol="KO", step="daily", provider=provider)
    assert [args[2] for method, args in provider.calls if method == "price_series"][-1] == "full"


def test_refresh_corrects_the_last_sessions(provider: ScriptedProvider) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    last = DailyPrice.objects.filter(stock_id="KO").latest("date")
    DailyPrice.objects.filter(pk=last.pk).update(close_price=last.low_price)  # a stale, since corrected bar
    result = ingestion_run(symbol="KO", step="daily", provider=provider)
    assert result.rows_written == 1
    assert DailyPrice.objects.get(pk=last.pk).close_price == last.close_price


def test_rate_limit_records_waiting_for_quota_and_keeps_stored_data(provider: ScriptedProvider) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    before = daily_values("KO")
    provider.raise_on("price_series", ProviderRateLimitedError("25 requests per day", retry_after=3600))
    result = ingestion_run(symbol="KO", step="daily", provider=provider)
    assert result.state == IngestionState.WAITING_FOR_QUOTA
    assert isinstance(result.error, ProviderRateLimitedError)
    status = IngestionStatus.objects.get(stock_id="KO", step="daily")
    assert status.state == "waiting_for_quota"
    assert "25 requests per day" in status.reason
    assert status.retry_at is not None
    assert status.started_at is not None
    assert status.retry_at > status.started_at + dt.timedelta(minutes=59)
    assert daily_values("KO") == before


@pytest.mark.parametrize("error", [ProviderNotFound("no such symbol"), ProviderSchemaError("truncated answer")])
def test_provider_errors_fail_the_step_and_overwrite_nothing(provider: ScriptedProvider, error: Exception) -> None:
    ingestion_run(symbol="AAPL", step="financials", provider=provider)
    before = list(IncomeStatement.objects.order_by("pk").values())
    provider.raise_on("cash_flows", error)  # the third of three calls fails: the first two are not stored either
    result = ingestion_run(symbol="AAPL", step="financials", provider=provider)
    assert result.state == IngestionState.FAILED
    assert str(error) in result.reason
    assert list(IncomeStatement.objects.order_by("pk").values()) == before
    assert IngestionStatus.objects.get(stock_id="AAPL", step="financials").state == "failed"


def test_a_failure_mid_batch_writes_nothing_of_the_batch(provider: ScriptedProvider) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    before = daily_values("KO")
    version = Stock.objects.get(pk="KO").data_version
    good = [PriceBar(dt.date(2026, 11, d), Decimal(1), Decimal(3), Decimal("0.5"), Decimal(2), 10) for d in (2, 3)]
    # A bar that slipped past the processor: the database's check constraint refuses it mid-batch.
    broken = PriceBar(dt.date(2026, 11, 4), Decimal(5), Decimal(3), Decimal("0.5"), Decimal(2), 10)
    provider.series_on(PriceSeries("KO", "daily", [good[0], broken, good[1]]))
    result = ingestion_run(symbol="KO", step="daily", provider=provider)
    assert result.state == IngestionState.FAILED
    assert daily_values("KO") == before  # neither the good bars around it nor anything else changed
    assert Stock.objects.get(pk="KO").data_version == version


def test_rejected_rows_make_the_step_partial_and_good_rows_are_kept(provider: ScriptedProvider) -> None:
    text = "timestamp,open,high,low,close,volume\n2024-01-03,1,2,0.5,1.5,10\n2024-01-02,1,2,3,1.5,10\n"
    series = parse_price_csv(text, today=dt.date(2026, 1, 1))
    provider.series_on(PriceSeries("KO", "daily", series.bars, series.rejected))
    result = ingestion_run(symbol="KO", step="daily", provider=provider)
    assert (result.state, result.rows_written, result.rows_rejected) == ("partial", 1, 1)
    assert "line 3" in result.reason
    assert [row[0] for row in daily_values("KO")] == [dt.date(2024, 1, 3)]


def test_partial_history_is_recorded_and_explained(provider: ScriptedProvider) -> None:
    bars = provider.inner.price_series("KO", "daily", "compact").bars
    provider.series_on(PriceSeries("KO", "daily", bars, partial_history=True))
    result = ingestion_run(symbol="KO", step="daily", provider=provider, full=True)
    assert result.state == IngestionState.PARTIAL
    assert "premium" in result.reason
    assert Stock.objects.get(pk="KO").history_partial is True


def test_statements_update_existing_periods_including_annual_rows_with_null_quarter(provider: ScriptedProvider) -> None:
    ingestion_run(symbol="AAPL", step="financials", provider=provider)
    annual = BalanceSheet.objects.filter(stock_id="AAPL", period_type="annual").order_by("-fiscal_year").first()
    assert annual is not None
    assert annual.fiscal_quarter is None
    BalanceSheet.objects.filter(pk=annual.pk).update(total_assets=1)
    ingestion_run(symbol="AAPL", step="financials", provider=provider)
    refreshed = BalanceSheet.objects.get(pk=annual.pk)
    assert refreshed.total_assets == refreshed.total_liabilities + refreshed.total_shareholder_equity
    assert BalanceSheet.objects.filter(stock_id="AAPL", period_type="annual").count() == 10


def test_quote_and_overview_update_the_stock_and_send_quote_stored(
    provider: ScriptedProvider, django_capture_on_commit_callbacks: Any
) -> None:
    received: list[str] = []
    signals.quote_stored.connect(lambda **kw: received.append(kw["symbol"]), weak=False, dispatch_uid="test-quote")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ingestion_run(symbol="AAPL", step="quote", provider=provider)
    finally:
        signals.quote_stored.disconnect(dispatch_uid="test-quote")
    ingestion_run(symbol="AAPL", step="overview", provider=provider)
    stock = Stock.objects.get(pk="AAPL")
    quote = provider.inner.quote("AAPL")
    assert stock.real_time_price == quote.price
    assert stock.latest_trading_day == quote.latest_trading_day
    assert stock.name == "Apple Inc"
    assert stock.sector == "TECHNOLOGY"
    assert stock.overview_fetched_at is not None
    assert received == ["AAPL"]


def test_bad_symbol_is_refused_before_anything_is_stored(provider: ScriptedProvider) -> None:
    from core.symbols import InvalidSymbolError

    with pytest.raises(InvalidSymbolError):
        ingestion_run(symbol="not a symbol!", step="daily", provider=provider)
    assert not Stock.objects.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet="0123456789-.,abcN ", max_size=40), max_size=12))
def test_csv_import_of_garbage_is_all_or_nothing(lines: list[str]) -> None:
    DailyPrice.objects.all().delete()
    text = "timestamp,open,high,low,close,volume\n" + "\n".join(lines)
    try:
        parsed = parse_price_csv(text, today=dt.date(2026, 1, 1))
    except NotAPriceFileError:
        return
    result = price_series_import(series=PriceSeries("GARB", "daily", parsed.bars, parsed.rejected), source="csv")
    stored = DailyPrice.objects.filter(stock_id="GARB").count()
    assert stored == (len(parsed.bars) if result.state != IngestionState.FAILED else 0)
    assert result.rows_rejected == len(parsed.rejected)


def test_misconfigured_provider_is_recorded_as_a_failed_step(settings: Any) -> None:
    settings.MARKET_DATA_PROVIDER = "alphavantage"
    settings.ALPHA_VANTAGE_API_KEY = ""
    result = ingestion_run(symbol="KO", step="quote")
    assert result.state == IngestionState.FAILED
    assert "ALPHA_VANTAGE_API_KEY" in IngestionStatus.objects.get(stock_id="KO", step="quote").reason
