"""The market overview on a hand-built universe (movers, sectors, breadth on split-adjusted closes, the benchmark)
and the economic indicator endpoints, bad input included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stocks.models import CorporateAction, DailyPrice
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.services.economic import COLLECTED, economic_indicator_ingest
from tests.factories import StockFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/api/v1/stocks/api/market/overview/"
ECONOMIC = "/api/v1/stocks/api/market/economic/"
SESSIONS = [
    dt.date(2025, 1, 6) + dt.timedelta(days=d)
    for d in range(400)
    if (dt.date(2025, 1, 6) + dt.timedelta(days=d)).weekday() < 5
]


def _bars(symbol: str, closes: list[float], **stock: Any) -> None:
    StockFactory.create(symbol=symbol, **stock)
    days = SESSIONS[-len(closes) :]
    DailyPrice.objects.bulk_create(
        DailyPrice(
            stock_id=symbol,
            date=day,
            open_price=Decimal(f"{c:.4f}"),
            high_price=Decimal(f"{c + 1:.4f}"),
            low_price=Decimal(f"{c - 1:.4f}"),
            close_price=Decimal(f"{c:.4f}"),
            volume=1_000,
            source="simulated",
            fetched_at=timezone.now(),
        )
        for day, c in zip(days, closes, strict=True)
    )


@pytest.fixture
def universe() -> None:
    _bars("UP", [100.0 + i for i in range(210)], sector="TECHNOLOGY")
    _bars("DOWN", [400.0 - i for i in range(210)], sector="TECHNOLOGY")
    _bars("YOUNG", [50.0 + i for i in range(60)], sector="ENERGY")  # too short for the 200-day average
    # A 2-for-1 split three bars from the end: raw closes halve (below both averages), adjusted ones keep rising.
    _bars("SPLIT", [(200 + 0.1 * i) / (2 if i >= 207 else 1) for i in range(210)], sector="ENERGY")
    CorporateAction.objects.create(
        stock_id="SPLIT",
        kind="split",
        ex_date=SESSIONS[-3],
        ratio=Decimal(2),
        source="simulated",
        fetched_at=timezone.now(),
    )
    _bars("SPY", [300.0 + 2 * i for i in range(210)], sector="", asset_type="ETF")
    StockFactory.create(symbol="EMPTY", sector="TECHNOLOGY")  # no bars: left out


def test_breadth_counts_stocks_above_their_averages_on_split_adjusted_closes(universe: None, api_client: Any) -> None:
    body = api_client.get(OVERVIEW).json()
    assert body["stocks"] == 4  # SPY is an ETF, EMPTY has no bars
    assert body["as_of"] == SESSIONS[-1].isoformat()
    assert body["breadth"] == [
        {"days": 50, "above": 3, "eligible": 4, "share": 0.75},  # UP, YOUNG, SPLIT above; DOWN below
        {"days": 200, "above": 2, "eligible": 3, "share": pytest.approx(2 / 3)},  # YOUNG has 60 bars only
    ]


def test_movers_rank_day_and_week_changes_and_a_split_is_no_fall(universe: None, api_client: Any) -> None:
    body = api_client.get(OVERVIEW).json()
    day = body["day"]
    assert [m["symbol"] for m in day["gainers"]] == ["YOUNG", "UP", "SPLIT"]
    assert [m["symbol"] for m in day["losers"]] == ["DOWN"]
    young, up, split = day["gainers"]
    assert young["day_change_percent"] == pytest.approx(100 / 108)
    assert up["day_change_percent"] == pytest.approx(100 / 308)
    assert split["day_change_percent"] == pytest.approx((220.9 / 220.8 - 1) * 100)
    assert split["close"] == pytest.approx(110.45)
    assert day["losers"][0]["day_change_percent"] == pytest.approx(-100 / 192)
    assert body["week"]["gainers"][0] == {**young, "week_change_percent": pytest.approx(5 / 104 * 100)}


def test_sectors_average_their_stocks_and_the_benchmark_is_spy(universe: None, api_client: Any) -> None:
    body = api_client.get(OVERVIEW).json()
    sectors = {s["sector"]: s for s in body["sectors"]}
    assert [s["sector"] for s in body["sectors"]] == ["ENERGY", "TECHNOLOGY"]
    assert sectors["TECHNOLOGY"]["stocks"] == 2
    assert sectors["TECHNOLOGY"]["day_change_percent"] == pytest.approx((100 / 308 - 100 / 192) / 2)
    assert sectors["ENERGY"]["week_change_percent"] == pytest.approx((5 / 104 * 100 + (220.9 / 220.4 - 1) * 100) / 2)
    assert body["benchmark_symbol"] == "SPY"
    assert body["benchmark"]["close"] == pytest.approx(718.0)
    assert body["benchmark"]["day_change_percent"] == pytest.approx(2 / 716 * 100)


def test_an_empty_database_gives_an_empty_overview(api_client: Any) -> None:
    body = api_client.get(OVERVIEW).json()
    assert body["stocks"] == 0
    assert body["benchmark"] is None
    assert body["breadth"][0] == {"days": 50, "above": 0, "eligible": 0, "share": None}


@pytest.fixture
def indicators() -> None:
    simulated = SimulatedProvider(seed=42, clock=lambda: dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC))
    for name, interval in COLLECTED:
        economic_indicator_ingest(name=name, interval=interval, provider=simulated)


def test_economic_indicators_list_latest_values_and_recent_history(indicators: None, api_client: Any) -> None:
    body = api_client.get(ECONOMIC).json()
    by_name = {s["name"]: s for s in body["indicators"]}
    assert list(by_name) == ["REAL_GDP", "CPI", "INFLATION", "FEDERAL_FUNDS_RATE", "TREASURY_YIELD", "UNEMPLOYMENT"]
    cpi = by_name["CPI"]
    assert (cpi["interval"], cpi["unit"], cpi["source"], cpi["count"]) == (
        "monthly",
        "index 1982-1984=100",
        "simulated",
        24,
    )
    assert cpi["latest"]["date"] == "2026-10-01"
    assert cpi["data"][-1] == cpi["latest"]
    assert cpi["previous"] == cpi["data"][-2]
    assert by_name["INFLATION"]["interval"] == "annual"


def test_one_indicator_gives_its_whole_series(indicators: None, api_client: Any) -> None:
    body = api_client.get(f"{ECONOMIC}real_gdp/").json()
    assert (body["name"], body["interval"], body["count"]) == ("REAL_GDP", "quarterly", 107)
    assert body["data"][0]["date"] == "2000-01-01"
    assert api_client.get(f"{ECONOMIC}CPI/?interval=monthly").json()["count"] == 322


def test_unknown_indicator_and_wrong_interval_are_clear_400s(api_client: Any) -> None:
    response = api_client.get(f"{ECONOMIC}GDP/")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_indicator"
    assert response.json()["extra"]["allowed"][0] == "REAL_GDP"
    assert "name: unknown economic indicator 'GDP'" in response.json()["message"]
    response = api_client.get(f"{ECONOMIC}REAL_GDP/?interval=daily")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_interval"
    assert response.json()["extra"] == {
        "field": "interval",
        "name": "REAL_GDP",
        "interval": "daily",
        "allowed": ["quarterly"],
    }


def test_a_series_not_fetched_yet_is_empty_not_an_error(api_client: Any) -> None:
    body = api_client.get(f"{ECONOMIC}UNEMPLOYMENT/").json()
    assert (body["count"], body["latest"], body["fetched_at"], body["source"]) == (0, None, None, None)
