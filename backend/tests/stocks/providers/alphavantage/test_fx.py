"""FX_DAILY from Alpha Vantage: the recorded EUR/USD CSV (recordings/FX_DAILY, live from the demo key), the JSON
shape from a made-up body (made_up/README.md), the request the client sends and ingestion with source and time."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from stocks.models import FxPair, FxRate
from stocks.providers.alphavantage.client import AlphaVantageClient
from stocks.providers.alphavantage.processor import fx_series_from_csv, fx_series_from_json
from stocks.providers.alphavantage.provider import AlphaVantageProvider
from stocks.providers.errors import ProviderNotFound
from stocks.providers.resilience import CircuitBreaker, RetryPolicy
from stocks.services.fx import fx_pair_ingest
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.providers.alphavantage.fake_server import Answer, FakeAlphaVantage
from tests.stocks.providers.alphavantage.test_client import UnlimitedQuota

MADE_UP = Path(__file__).resolve().parent / "made_up"
RECORDED = "FX_DAILY/portfoliotree-alphavantage__FX_DAILY_b7946c44.csv"
API_KEY = "SECRETKEY123456"
TODAY = dt.date(2026, 5, 17)


@pytest.fixture
def provider(httpserver: HTTPServer) -> Any:
    client = AlphaVantageClient(
        api_key=API_KEY,
        base_url=httpserver.url_for("/"),
        limiter=UnlimitedQuota(),
        breaker=CircuitBreaker("av-fx-test", threshold=100),
        retry_policy=RetryPolicy(attempts=2, base_delay=0.01, sleep=lambda _s: None),
        timeout=2.0,
    )
    yield AlphaVantageProvider(client)
    client.close()


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeAlphaVantage:
    return FakeAlphaVantage(httpserver)


def test_the_recorded_csv_gives_the_close_of_every_day_oldest_first() -> None:
    series = fx_series_from_csv(recording_text(RECORDED), "EUR", "USD", today=TODAY)
    assert (series.base, series.quote, series.rejected) == ("EUR", "USD", [])
    assert len(series.observations) == 100
    # The recording's first and last lines: 2026-05-15 closed at 1.16250, 2025-12-29 at 1.17720.
    assert (series.observations[-1].date, series.observations[-1].rate) == (dt.date(2026, 5, 15), Decimal("1.1625"))
    assert (series.observations[0].date, series.observations[0].rate) == (dt.date(2025, 12, 29), Decimal("1.1772"))
    dates = [o.date for o in series.observations]
    assert dates == sorted(dates)


def test_bad_rows_are_refused_with_their_line_and_reason() -> None:
    text = recording_text(RECORDED).splitlines()[:3]
    text += ["2026-05-11,1,1,1,0", "2026-05-08,1,1,1,abc", "2026-13-01,1,1,1,1.1", "2026-06-01,1,1,1,1.1"]
    series = fx_series_from_csv("\n".join(text), "EUR", "USD", today=TODAY)
    assert len(series.observations) == 2
    assert [(r.where, r.reason) for r in series.rejected] == [
        ("line 4", "rate on 2026-05-11 must be a positive number below 10^13 (0)"),
        ("line 5", "rate on 2026-05-08 is missing or not a number ('abc')"),
        ("line 6", "date is missing or not YYYY-MM-DD ('2026-13-01')"),
        ("line 7", "date 2026-06-01 is in the future"),
    ]


def test_the_json_shape_reads_the_close() -> None:
    body = json.loads((MADE_UP / "FX_DAILY.json").read_text(encoding="utf-8"))
    series = fx_series_from_json(body, "CHF", "USD", today=TODAY)
    assert [(o.date.isoformat(), o.rate) for o in series.observations] == [
        ("2024-01-02", Decimal("1.18")),
        ("2024-01-03", Decimal("1.176")),
        ("2024-01-04", Decimal("1.172")),
        ("2024-01-05", Decimal("1.175")),
    ]


def test_the_client_asks_fx_daily_for_the_pair_as_csv(provider: Any, fake: FakeAlphaVantage) -> None:
    fake.script("FX_DAILY", Answer(recording_text(RECORDED), content_type="text/csv"))
    provider.fx_daily("EUR", "USD", "full")
    assert fake.calls == [
        {
            "function": "FX_DAILY",
            "from_symbol": "EUR",
            "to_symbol": "USD",
            "outputsize": "full",
            "datatype": "csv",
            "apikey": API_KEY,
        }
    ]


@pytest.mark.django_db
def test_ingestion_stores_rates_with_source_first_full_then_compact(provider: Any, fake: FakeAlphaVantage) -> None:
    fake.script("FX_DAILY", Answer(recording_text(RECORDED), content_type="text/csv"))
    first = fx_pair_ingest(base="EUR", quote="USD", provider=provider)
    second = fx_pair_ingest(base="EUR", quote="USD", provider=provider)
    assert (first.rows_written, second.rows_written) == (100, 100)
    assert [call["outputsize"] for call in fake.calls] == ["full", "compact"]
    assert FxRate.objects.count() == 100
    row = FxRate.objects.get(base="EUR", quote="USD", date=dt.date(2026, 5, 15))
    assert (row.rate, row.source) == (Decimal("1.1625"), "alphavantage")
    pair = FxPair.objects.get(base="EUR", quote="USD")
    assert (pair.source, pair.error) == ("alphavantage", "")
    assert pair.fetched_at is not None


@pytest.mark.django_db
def test_a_failed_fetch_keeps_the_rates_and_records_why(provider: Any, fake: FakeAlphaVantage) -> None:
    fake.script(
        "FX_DAILY",
        Answer(recording_text(RECORDED), content_type="text/csv"),
        recording_text("ERRORS/invalid_call_or_symbol.json"),
    )
    fx_pair_ingest(base="EUR", quote="USD", provider=provider)
    with pytest.raises(ProviderNotFound):
        fx_pair_ingest(base="EUR", quote="USD", provider=provider)
    assert FxPair.objects.get(base="EUR", quote="USD").error
    assert FxRate.objects.count() == 100
