"""Windows, stock versions and the chart read: typed objects, and the body the chart serializer renders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import orjson
import pytest

from core.exceptions import NotFoundError
from core.renderers import dumps
from stocks.models import DailyPrice
from stocks.selectors.adjusted import Chart, chart_get
from stocks.selectors.prices import StockVersion, Window, stock_version_get
from stocks.serializers import ChartResponseSerializer
from tests.stocks.api.conftest import add_bars


def test_month_windows_clamp_to_the_end_of_shorter_months() -> None:
    dates = [dt.date(2024, 2, 1) + dt.timedelta(days=i) for i in range(60)]  # 2024-02-01 .. 2024-03-31
    assert dates[Window(period="1m").start_index(dates)] == dt.date(2024, 3, 1)
    assert Window(period="max").start_index(dates) == 0
    assert Window(period="5d").start_index(dates) == 55
    assert dates[Window(period=None, days=1).start_index(dates)] == dt.date(2024, 3, 31)


@pytest.mark.django_db
def test_stock_version_is_typed_and_unknown_symbols_are_not_found(stock: Any) -> None:
    assert stock_version_get(symbol="ACME") == StockVersion("ACME", stock.data_version, "simulated")
    with pytest.raises(NotFoundError, match="No stock 'NOPE' is stored"):
        stock_version_get(symbol="NOPE")


@pytest.mark.django_db
def test_chart_is_a_frozen_typed_object_with_bar_rows(stock: Any) -> None:
    add_bars(stock, 30)
    chart = chart_get(stock=stock_version_get(symbol="ACME"), interval="daily", window=Window(period="5d"))
    assert isinstance(chart, Chart)
    assert (chart.symbol, chart.interval, chart.period, chart.days, chart.count) == ("ACME", "daily", "5d", None, 5)
    assert chart.simulated is True
    newest = DailyPrice.objects.filter(stock=stock).latest("date")
    assert chart.bars[-1] == (
        newest.date,
        float(newest.open_price),
        float(newest.high_price),
        float(newest.low_price),
        float(newest.close_price),
        newest.volume,
    )
    assert chart.as_of == newest.fetched_at
    with pytest.raises(dataclasses.FrozenInstanceError):
        chart.symbol = "OTHER"  # type: ignore[misc]
    assert not hasattr(chart, "__dict__")  # slots


@pytest.mark.django_db
def test_chart_serializer_renders_bars_and_keeps_the_cached_datetime_format(stock: Any) -> None:
    add_bars(stock, 3)
    chart = chart_get(stock=stock_version_get(symbol="ACME"), interval="daily", window=Window(period=None, days=1))
    body = orjson.loads(dumps(ChartResponseSerializer(chart).data))
    assert list(body) == [
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
    ]
    assert body["events"] == []
    assert (body["type"], body["period"], body["days"], body["count"]) == ("daily", "custom", 1, 1)
    assert chart.as_of is not None
    assert body["as_of"] == chart.as_of.isoformat()  # "+00:00", as cached bodies have always had it
    assert body["data"] == [
        {
            "time": bar[0].isoformat(),
            "open": bar[1],
            "high": bar[2],
            "low": bar[3],
            "close": bar[4],
            "volume": bar[5],
        }
        for bar in chart.bars
    ]
