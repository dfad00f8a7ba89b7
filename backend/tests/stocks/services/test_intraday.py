"""Storing 5-minute bars: one bulk, idempotent batch; a bad answer stores nothing; old bars are pruned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from stocks.models import IngestionState, IngestionStatus, IntradayPrice, Stock
from stocks.periodic import intraday_prune_tick
from stocks.providers.alphavantage import processor
from stocks.providers.base import IntradayBar, IntradaySeries
from stocks.providers.errors import ProviderSchemaError
from stocks.services.ingestion import ingestion_run
from stocks.services.intraday import intraday_bars_upsert
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db
SESSION_CSV = "TIME_SERIES_INTRADAY/portfoliotree-alphavantage__intraday_5min_IBM.csv"


def stored(symbol: str) -> list[tuple[Any, ...]]:
    return list(
        IntradayPrice.objects.filter(stock_id=symbol)
        .order_by("time")
        .values_list("time", "open_price", "high_price", "low_price", "close_price", "volume", "source")
    )


def test_simulated_bars_are_stored_in_one_batch_and_a_rerun_changes_nothing(
    provider: ScriptedProvider, django_assert_max_num_queries: Any
) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    version = Stock.objects.get(pk="KO").data_version
    with django_assert_max_num_queries(20):  # status rows and savepoints; the 390 bars go in one statement
        result = ingestion_run(symbol="KO", step="intraday", provider=provider)
    assert result.state == IngestionState.DONE
    rows = stored("KO")
    assert result.rows_written == len(rows) == 5 * 78  # the five sessions up to Wednesday 2026-11-25
    stock = Stock.objects.get(pk="KO")
    assert stock.intraday_version == 1
    assert stock.data_version == version  # daily charts, indicators and predictions keep their caches
    fetched = set(IntradayPrice.objects.filter(stock_id="KO").values_list("fetched_at", flat=True))

    again = ingestion_run(symbol="KO", step="intraday", provider=provider)
    assert again.state == IngestionState.DONE
    assert again.rows_written == 0
    assert stored("KO") == rows
    assert set(IntradayPrice.objects.filter(stock_id="KO").values_list("fetched_at", flat=True)) == fetched
    assert Stock.objects.get(pk="KO").intraday_version == 1


def test_a_corrected_bar_is_updated_in_place() -> None:
    Stock.objects.create(symbol="IBM", source="alphavantage")
    series = processor.intraday_series_from_csv(
        recording_text(SESSION_CSV), "IBM", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert intraday_bars_upsert(symbol="IBM", bars=series.bars, source="alphavantage", fetched_at=at) == 78
    last = series.bars[-1]
    corrected = IntradayBar(last.time, last.open, last.high, last.low, Decimal("123.2000"), last.volume + 5)
    assert intraday_bars_upsert(symbol="IBM", bars=[corrected], source="alphavantage", fetched_at=at) == 1
    row = IntradayPrice.objects.get(stock_id="IBM", time=last.time)
    assert (row.close_price, row.volume) == (Decimal("123.2000"), 264263)
    assert IntradayPrice.objects.filter(stock_id="IBM").count() == 78


def test_a_bad_provider_answer_fails_the_step_with_its_reason_and_keeps_what_was_stored(
    provider: ScriptedProvider,
) -> None:
    ingestion_run(symbol="KO", step="intraday", provider=provider)
    before = stored("KO")
    provider.raise_on(
        "intraday_series", ProviderSchemaError("The intraday answer for KO is truncated (it ends mid-line).")
    )
    result = ingestion_run(symbol="KO", step="intraday", provider=provider)
    assert result.state == IngestionState.FAILED
    status = IngestionStatus.objects.get(stock_id="KO", step="intraday")
    assert status.state == IngestionState.FAILED
    assert status.reason == "The intraday answer for KO is truncated (it ends mid-line)."
    assert stored("KO") == before
    assert Stock.objects.get(pk="KO").intraday_version == 1


def test_an_answer_whose_every_bar_is_refused_stores_nothing(provider: ScriptedProvider) -> None:
    body = "timestamp,open,high,low,close,volume\n2020-08-21 10:00:00,5,4,6,5,100\n2020-08-22 10:00:00,5,6,4,5,1\n"
    series = processor.intraday_series_from_csv(body, "KO", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    provider.scripted["intraday_series"] = lambda *_args: series
    result = ingestion_run(symbol="KO", step="intraday", provider=provider)
    assert result.state == IngestionState.FAILED
    assert result.rows_rejected == 2
    assert result.reason == "all 2 bars were rejected, e.g. line 2: low 6.0000 is above high 4.0000"
    assert stored("KO") == []


def test_an_answer_with_no_regular_session_bar_stores_nothing_and_says_so(provider: ScriptedProvider) -> None:
    provider.scripted["intraday_series"] = lambda *_args: IntradaySeries("KO", [])
    result = ingestion_run(symbol="KO", step="intraday", provider=provider)
    assert result.state == IngestionState.FAILED
    assert result.reason == "the provider sent no regular-session 5-minute bars for KO"
    assert stored("KO") == []


@override_settings(INTRADAY_RETENTION_DAYS=30)
def test_the_prune_drops_bars_past_the_retention_window_only(provider: ScriptedProvider) -> None:
    Stock.objects.create(symbol="IBM", source="alphavantage")
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    old = processor.intraday_series_from_csv(recording_text(SESSION_CSV), "IBM", now=at).bars  # 2020-08-21
    intraday_bars_upsert(symbol="IBM", bars=old, source="alphavantage", fetched_at=at)
    ingestion_run(symbol="KO", step="intraday", provider=provider)  # the five sessions up to 2026-11-25
    kept = stored("KO")
    assert intraday_prune_tick() == {"deleted": 78}
    assert stored("IBM") == []
    assert stored("KO") == kept
    assert Stock.objects.get(pk="IBM").intraday_version == 1  # cached intraday charts of IBM are dropped
    assert Stock.objects.get(pk="KO").intraday_version == 1
    assert intraday_prune_tick() == {"deleted": 0}


@override_settings(INTRADAY_RETENTION_DAYS=3)
def test_the_retention_window_is_a_setting(provider: ScriptedProvider, monkeypatch: pytest.MonkeyPatch) -> None:
    ingestion_run(symbol="KO", step="intraday", provider=provider)
    monkeypatch.setattr("django.utils.timezone.now", lambda: dt.datetime(2026, 11, 28, 0, 0, tzinfo=dt.UTC))
    deleted = intraday_prune_tick()["deleted"]
    days = {t.date() for t, *_ in stored("KO")}
    assert deleted == 4 * 78  # Nov 19, 20, 23 and 24: before Nov 25 00:00 UTC
    assert days == {dt.date(2026, 11, 25)}
