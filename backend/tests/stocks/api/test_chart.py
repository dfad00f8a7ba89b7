"""Chart endpoint: shape, windows, errors, queries, conditional requests, cache versioning and a dead cache."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from stocks.models import DailyPrice, DataSource, WeeklyPrice
from stocks.providers.base import PriceBar, PriceSeries
from stocks.services.ingestion import price_series_import
from tests.factories import StockFactory
from tests.stocks.api.conftest import add_bars, bump_version

URL = "/api/v1/stocks/api/chart/{}/"
pytestmark = pytest.mark.django_db


def test_shape_is_the_contract_oldest_first_with_numbers(api_client: Any, stock: Any) -> None:
    add_bars(stock, 300)
    response = api_client.get(URL.format("acme"), {"period": "max"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"symbol", "type", "period", "count", "data", "source", "as_of"}
    assert body["symbol"] == "ACME"
    assert body["type"] == "daily"
    assert body["count"] == len(body["data"]) == 300
    assert body["source"] == "simulated"
    assert body["simulated"] is True
    assert body["as_of"]
    times = [bar["time"] for bar in body["data"]]
    assert times == sorted(times)
    first = DailyPrice.objects.filter(stock=stock).order_by("date")[0]
    assert body["data"][0] == {
        "time": first.date.isoformat(),
        "open": float(first.open_price),
        "high": float(first.high_price),
        "low": float(first.low_price),
        "close": float(first.close_price),
        "volume": first.volume,
    }


@pytest.mark.parametrize(
    ("query", "first_after"),
    [
        ({"period": "1m"}, dt.date(2024, 5, 14)),
        ({"period": "3m"}, dt.date(2024, 3, 14)),
        ({"period": "1y"}, dt.date(2023, 6, 14)),
        ({"period": "2y"}, dt.date(2022, 6, 14)),
        ({"days": "10"}, dt.date(2024, 6, 4)),
        ({}, dt.date(2023, 6, 14)),
    ],
)
def test_calendar_windows_end_at_the_newest_bar(
    api_client: Any, stock: Any, query: dict[str, str], first_after: dt.date
) -> None:
    bars = add_bars(stock, 800)  # ends Friday 2024-06-14
    body = api_client.get(URL.format("ACME"), query).json()
    expected = [b.date.isoformat() for b in bars if b.date > first_after]
    assert [bar["time"] for bar in body["data"]] == expected


@pytest.mark.parametrize(("period", "count"), [("1d", 1), ("5d", 5), ("5y", 1300), ("max", 1300)])
def test_bar_count_periods(api_client: Any, stock: Any, period: str, count: int) -> None:
    add_bars(stock, 1300)
    body = api_client.get(URL.format("ACME"), {"period": period}).json()
    assert body["count"] == count
    assert body["data"][-1]["time"] == "2024-06-14"


def test_weekly_reads_weekly_bars(api_client: Any, stock: Any) -> None:
    add_bars(stock, 120, model=WeeklyPrice)
    body = api_client.get(URL.format("ACME"), {"type": "weekly", "period": "1y"}).json()
    assert body["type"] == "weekly"
    assert body["count"] == 53  # 2023-06-16 .. 2024-06-14
    assert body["data"][-1]["time"] == "2024-06-14"


def test_real_source_is_not_labelled_simulated(api_client: Any) -> None:
    real: Any = StockFactory(symbol="REAL", source=DataSource.ALPHAVANTAGE)
    add_bars(real, 5)
    body = api_client.get(URL.format("REAL")).json()
    assert body["source"] == "alphavantage"
    assert body["simulated"] is False


def test_stock_without_bars_is_an_empty_series(api_client: Any, stock: Any) -> None:
    body = api_client.get(URL.format("ACME")).json()
    assert body["count"] == 0
    assert body["data"] == []
    assert body["as_of"] is None


def test_unknown_symbol_is_404_in_the_error_shape(api_client: Any, db: Any) -> None:
    response = api_client.get(URL.format("NOPE"))
    assert response.status_code == 404
    assert response.json() == {
        "message": "No stock 'NOPE' is stored.",
        "code": "stock_not_found",
        "extra": {"symbol": "NOPE"},
    }


def test_malformed_symbol_is_400(api_client: Any, db: Any) -> None:
    response = api_client.get(URL.format("$$$"))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_symbol"


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"type": "hourly"}, "type", ["daily", "weekly"]),
        ({"period": "2w"}, "period", ["1d", "5d", "1m", "3m", "6m", "1y", "2y", "5y", "max"]),
        ({"days": "0"}, "days", ["1", "20000"]),
        ({"days": "20001"}, "days", ["1", "20000"]),
        ({"days": "ten"}, "days", ["1", "20000"]),
        ({"days": "5", "period": "1y"}, "days", ["period"]),
    ],
)
def test_bad_parameters_are_400_naming_parameter_and_allowed_values(
    api_client: Any, stock: Any, query: dict[str, str], param: str, words: list[str]
) -> None:
    response = api_client.get(URL.format("ACME"), query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"].startswith(f"{param}: ")
    for word in words:
        assert word in body["message"]
    assert param in body["extra"]["fields"]


@pytest.mark.parametrize("adjustment", ["split", "total", "raw"])
def test_queries_are_version_series_events_and_newest_bar_then_only_version_when_cached(
    api_client: Any, stock: Any, django_assert_num_queries: Any, adjustment: str
) -> None:
    add_bars(stock, 50)
    query = {"period": "max", "adjustment": adjustment}
    with django_assert_num_queries(4):  # the events are read once, for the adjustment and the chart's markers
        assert api_client.get(URL.format("ACME"), query).status_code == 200
    with django_assert_num_queries(0):  # cached: one cache read (the version and the body), no query
        assert api_client.get(URL.format("ACME"), query).status_code == 200


def test_etag_and_last_modified_give_304(api_client: Any, stock: Any) -> None:
    add_bars(stock, 30)
    first = api_client.get(URL.format("ACME"))
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"
    again = api_client.get(URL.format("ACME"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert api_client.get(URL.format("ACME"), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert api_client.get(URL.format("ACME"), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_new_data_shows_at_once_after_ingestion_bumps_the_version(api_client: Any, stock: Any) -> None:
    add_bars(stock, 30)
    before = api_client.get(URL.format("ACME"), {"period": "max"})
    DailyPrice.objects.create(
        stock=stock,
        date=dt.date(2024, 6, 17),
        open_price=10,
        high_price=11,
        low_price=9,
        close_price=10,
        volume=5,
        source=DataSource.SIMULATED,
        fetched_at=timezone.now(),
    )
    stale = api_client.get(URL.format("ACME"), {"period": "max"}).json()
    assert stale["count"] == 30  # served from the cache until ingestion says the data changed
    bump_version("ACME")
    fresh = api_client.get(URL.format("ACME"), {"period": "max"}, HTTP_IF_NONE_MATCH=before["ETag"])
    assert fresh.status_code == 200
    assert fresh.json()["count"] == 31
    assert fresh.json()["data"][-1]["time"] == "2024-06-17"
    assert fresh["ETag"] != before["ETag"]


BROKEN_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_a_dead_cache_backend_still_answers_200(api_client: Any, stock: Any, caplog: Any) -> None:
    add_bars(stock, 40)
    with override_settings(CACHES=BROKEN_REDIS):
        first = api_client.get(URL.format("ACME"), {"period": "max"})
        second = api_client.get(URL.format("ACME"), {"period": "1m"})
    assert first.status_code == 200
    assert first.json()["count"] == 40
    assert second.status_code == 200
    assert any(r.name == "core.failsafe" and "unavailable" in r.getMessage() for r in caplog.records)


def test_bars_stored_by_the_ingestion_service_show_at_once(
    api_client: Any, stock: Any, django_capture_on_commit_callbacks: Any
) -> None:
    add_bars(stock, 30)
    assert api_client.get(URL.format("ACME"), {"period": "max"}).json()["count"] == 30
    new_bar = PriceBar(dt.date(2024, 6, 17), Decimal(10), Decimal(11), Decimal(9), Decimal("10.5"), 1000)
    with django_capture_on_commit_callbacks(execute=True):  # the commit that sends stock_data_changed
        result = price_series_import(series=PriceSeries("ACME", "daily", [new_bar]), source="simulated")
    assert result.error is None
    body = api_client.get(URL.format("ACME"), {"period": "max"}).json()
    assert body["count"] == 31
    newest = {"time": "2024-06-17", "open": 10.0, "high": 11.0, "low": 9.0, "close": 10.5, "volume": 1000}
    assert body["data"][-1] == newest
