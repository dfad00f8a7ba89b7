"""Overview, statements, popular, indicators and refresh status: typed objects, rendered by the output serializers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
import pytest
from django.utils import timezone

from core.renderers import dumps
from stocks.models import BalanceSheet, DataSource, IngestionState, IngestionStatus, Stock
from stocks.schedule import MarketState
from stocks.selectors.indicators import Indicators, IndicatorSeries, indicators_get
from stocks.selectors.overview import Overview, overview_get
from stocks.selectors.popular import CURATED_POPULAR, PopularSymbol, PopularSymbols, popular_symbols_get
from stocks.selectors.prices import Window, stock_version_get
from stocks.selectors.refresh import DatasetStatus, RefreshStatus, SymbolStatus, refresh_status_get
from stocks.selectors.statements import StatementReport, Statements, statements_get
from stocks.serializers import (
    IndicatorsResponseSerializer,
    PopularResponseSerializer,
    RefreshStatusSerializer,
    StatementsResponseSerializer,
)
from stocks.services.planner import Budget
from tests.stocks.api.conftest import add_bars

pytestmark = pytest.mark.django_db
TUESDAY_OPEN = dt.datetime(2024, 6, 11, 15, 0, tzinfo=dt.UTC)


def _rendered(data: Any) -> Any:
    return orjson.loads(dumps(data))  # what the API writes


def test_overview_is_typed_and_newest_of_overview_and_quote(stock: Any) -> None:
    quote_at = timezone.now()
    overview_at = quote_at - dt.timedelta(days=1)
    Stock.objects.filter(pk="ACME").update(quote_fetched_at=quote_at, overview_fetched_at=overview_at)
    overview = overview_get(stock=stock_version_get(symbol="ACME"))
    assert isinstance(overview, Overview)
    assert overview.as_of == quote_at
    assert overview.has_overview is True
    assert overview.facts["name"] == "Acme Corporation"
    assert {"symbol", "source", "data_version"}.isdisjoint(overview.facts)


def test_statements_are_typed_reports_rendered_in_stored_column_order(stock: Any) -> None:
    for year, assets in ((2022, 800), (2023, 1000)):
        BalanceSheet.objects.create(
            stock=stock,
            period_type="annual",
            fiscal_year=year,
            fiscal_date_ending=dt.date(year, 12, 31),
            total_assets=Decimal(assets),
            total_current_assets=Decimal(300),
            total_current_liabilities=Decimal(150),
            source=DataSource.SIMULATED,
            fetched_at=timezone.now(),
        )
    statements = statements_get(stock=stock_version_get(symbol="ACME"), kind="balance-sheet", period="annual", limit=1)
    assert isinstance(statements, Statements)
    assert statements.count == 1
    report = statements.reports[0]
    assert isinstance(report, StatementReport)
    assert (report.fiscal_year, report.fiscal_quarter, report.source) == (2023, None, "simulated")
    assert report.line_items["total_assets"] == Decimal(1000)
    assert report.ratios["total_assets_growth_yoy"] == 0.25
    assert report.ratios["current_ratio"] == 2.0

    body = _rendered(StatementsResponseSerializer(statements).data)
    keys = list(body["reports"][0])
    first = ["period_type", "fiscal_year", "fiscal_quarter", "fiscal_date_ending", "reported_currency", "fetched_at"]
    assert keys[:6] == first
    assert keys[6:-2] == list(report.line_items)
    assert keys[-2:] == ["source", "ratios"]
    assert body["reports"][0]["total_assets"] == 1000.0
    assert body["reports"][0]["fiscal_date_ending"] == "2023-12-31"


class _Interest:
    def held_counts(self) -> Mapping[str, int]:
        return {"ACME": 1}

    def watched_counts(self) -> Mapping[str, int]:
        return {"ACME": 2, "ZED": 1}


def test_popular_is_typed_and_ranks_holders_double(stock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stocks.interest._registered", _Interest())
    popular = popular_symbols_get(limit=3)
    assert isinstance(popular, PopularSymbols)
    assert popular.results[:2] == [
        PopularSymbol("ACME", "Acme Corporation", 1, 2, "users", in_database=True),
        PopularSymbol("ZED", "", 0, 1, "users", in_database=True),
    ]
    assert popular.results[2] == PopularSymbol(*CURATED_POPULAR[0], 0, 0, "curated", in_database=False)
    body = _rendered(PopularResponseSerializer(popular).data)
    assert body["count"] == 3
    assert body["results"][2] == {
        "symbol": "AAPL",
        "name": "Apple Inc.",
        "holders": 0,
        "watchers": 0,
        "reason": "curated",
        "in_database": False,
    }


def test_indicators_are_typed_series_rendered_flat(stock: Any) -> None:
    add_bars(stock, 60)
    indicators = indicators_get(
        stock=stock_version_get(symbol="ACME"),
        interval="daily",
        window=Window(period="1m"),
        requested={"sma": {"timeperiod": 5.0}, "bbands": {"timeperiod": 5.0, "nbdevup": 2.5, "nbdevdn": 2.0}},
    )
    assert isinstance(indicators, Indicators)
    sma = indicators.indicators["sma"]
    assert isinstance(sma, IndicatorSeries)
    assert sma.params == {"timeperiod": 5}
    assert len(sma.outputs["sma"]) == indicators.count == len(indicators.dates)
    assert all(isinstance(day, dt.date) for day in indicators.dates)
    body = _rendered(IndicatorsResponseSerializer(indicators).data)
    assert body["dates"] == [day.isoformat() for day in indicators.dates]
    assert body["indicators"]["bbands"]["params"] == {"timeperiod": 5, "nbdevup": 2.5, "nbdevdn": 2}
    assert list(body["indicators"]["bbands"]) == ["params", "upper", "middle", "lower"]


def test_refresh_status_is_typed_and_rendered_with_utc_z_times(stock: Any) -> None:
    IngestionStatus.objects.create(
        stock_id="ACME", step="daily", state=IngestionState.FAILED, reason="Provider said no", finished_at=TUESDAY_OPEN
    )
    status = refresh_status_get(symbols=["ACME"], now=TUESDAY_OPEN)
    assert isinstance(status, RefreshStatus)
    assert status.quota == Budget(unlimited=True)
    assert isinstance(status.market, MarketState)
    assert status.market.is_open
    assert status.quote_period_seconds == 60.0
    [acme] = status.symbols
    assert isinstance(acme, SymbolStatus)
    assert acme.datasets["daily"].error == "Provider said no"
    assert acme.as_of is None
    assert acme.next_refresh == TUESDAY_OPEN  # never quoted: due now
    assert all(isinstance(d, DatasetStatus) for d in acme.datasets.values())
    body = _rendered(RefreshStatusSerializer(status).data)
    assert body["market"]["next_close"] == "2024-06-11T20:00:00Z"
    assert body["symbols"][0]["next_refresh"] == "2024-06-11T15:00:00Z"
    assert body["quota"] == {"remaining_today": None, "limit_per_day": None, "unlimited": True}
