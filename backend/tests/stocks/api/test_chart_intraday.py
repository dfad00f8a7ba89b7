"""1D and 5D charts: the last sessions' 5-minute bars in New York time, or the daily bars with a fallback note."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stocks.models import CorporateAction, DailyPrice, IntradayPrice, Stock
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import LISTINGS
from stocks.services.ingestion import ingestion_run

URL = "/api/v1/stocks/api/chart/{}/"
pytestmark = pytest.mark.django_db
AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)  # Wednesday; the five sessions from Nov 19
DAILY_KEYS = {
    "symbol",
    "type",
    "period",
    "days",
    "count",
    "adjustment",
    "as_of",
    "source",
    "simulated",
    "data",
    "events",
}


def market(now: dt.datetime = AFTER_CLOSE) -> SimulatedProvider:
    return SimulatedProvider(seed=42, universe=[LISTINGS["KO"], LISTINGS["AAPL"]], clock=lambda: now)


@pytest.fixture
def ko() -> SimulatedProvider:
    provider = market()
    ingestion_run(symbol="KO", step="daily", provider=provider)
    ingestion_run(symbol="KO", step="intraday", provider=provider)
    return provider


def test_5d_answers_five_sessions_of_5_minute_bars_in_new_york_time(api_client: Any, ko: SimulatedProvider) -> None:
    body = api_client.get(URL.format("ko"), {"period": "5d"}).json()
    assert body["interval"] == "5min"
    assert body["timezone"] == "America/New_York"
    assert body["fallback"] is None
    assert body["period"] == "5d"
    assert body["count"] == len(body["data"]) == 5 * 78
    assert body["data"][0]["time"] == "2026-11-19T09:30:00-05:00"
    assert body["data"][-1]["time"] == "2026-11-25T15:55:00-05:00"
    first = IntradayPrice.objects.filter(stock_id="KO").order_by("time")[0]
    assert body["data"][0] == {
        "time": "2026-11-19T09:30:00-05:00",
        "open": float(first.open_price),
        "high": float(first.high_price),
        "low": float(first.low_price),
        "close": float(first.close_price),
        "volume": first.volume,
    }
    assert body["source"] == "simulated"
    assert body["as_of"]


def test_1d_is_the_last_session_and_adds_up_to_its_daily_candle(api_client: Any, ko: SimulatedProvider) -> None:
    body = api_client.get(URL.format("KO"), {"period": "1d"}).json()
    bars = body["data"]
    assert body["count"] == 78
    assert {bar["time"][:10] for bar in bars} == {"2026-11-25"}
    day = DailyPrice.objects.get(stock_id="KO", date=dt.date(2026, 11, 25))
    assert bars[0]["open"] == float(day.open_price)
    assert bars[-1]["close"] == float(day.close_price)
    assert max(bar["high"] for bar in bars) == float(day.high_price)
    assert min(bar["low"] for bar in bars) == float(day.low_price)
    assert sum(bar["volume"] for bar in bars) == day.volume


def test_without_intraday_bars_the_daily_bars_come_back_and_the_answer_says_so(api_client: Any) -> None:
    ingestion_run(symbol="AAPL", step="daily", provider=market())
    body = api_client.get(URL.format("AAPL"), {"period": "5d"}).json()
    assert body["fallback"] == "no_intraday_bars"
    assert body["interval"] == "daily"
    assert body["timezone"] == "America/New_York"
    assert [bar["time"] for bar in body["data"]] == [
        "2026-11-19",
        "2026-11-20",
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
    ]


def test_other_periods_keep_the_daily_shape(api_client: Any, ko: SimulatedProvider) -> None:
    body = api_client.get(URL.format("KO"), {"period": "1m"}).json()
    assert set(body) == DAILY_KEYS
    assert body["data"][-1]["time"] == "2026-11-25"


def test_opening_a_1d_chart_marks_the_symbol_as_viewed(api_client: Any, ko: SimulatedProvider) -> None:
    assert Stock.objects.get(pk="KO").intraday_viewed_at is None
    before = timezone.now()
    api_client.get(URL.format("KO"), {"period": "1m"})
    assert Stock.objects.get(pk="KO").intraday_viewed_at is None
    api_client.get(URL.format("KO"), {"period": "1d"})
    viewed = Stock.objects.get(pk="KO").intraday_viewed_at
    assert viewed is not None
    assert viewed >= before


def test_new_intraday_bars_show_at_once_despite_the_cache(api_client: Any, ko: SimulatedProvider) -> None:
    first = api_client.get(URL.format("KO"), {"period": "1d"}).json()
    assert first["data"][-1]["time"].startswith("2026-11-25")
    ingestion_run(symbol="KO", step="intraday", provider=market(dt.datetime(2026, 11, 27, 19, 0, tzinfo=dt.UTC)))
    later = api_client.get(URL.format("KO"), {"period": "1d"}).json()
    assert later["data"][-1]["time"] == "2026-11-27T12:55:00-05:00"  # the half day after Thanksgiving
    assert later["count"] == 42


def test_a_split_inside_the_window_adjusts_the_bars_before_it(api_client: Any, ko: SimulatedProvider) -> None:
    CorporateAction.objects.create(
        stock_id="KO", kind="split", ex_date=dt.date(2026, 11, 24), ratio=Decimal(2), fetched_at=timezone.now()
    )
    raw = api_client.get(URL.format("KO"), {"period": "5d", "adjustment": "raw"}).json()["data"]
    split = api_client.get(URL.format("KO"), {"period": "5d", "adjustment": "split"}).json()
    bars = split["data"]
    assert [e["label"] for e in split["events"]] == ["2:1"]
    for before, after in zip(raw, bars, strict=True):
        if before["time"] < "2026-11-24":
            assert after["close"] == pytest.approx(before["close"] / 2)
            assert after["volume"] == before["volume"] * 2
        else:
            assert after == before
