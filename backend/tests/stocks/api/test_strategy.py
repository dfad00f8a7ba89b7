"""Backtest and candlestick-pattern endpoints: split-adjusted input, the engine's numbers, costs, cache, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
import talib
from django.utils import timezone

from analysis.backtest import Costs, backtest
from analysis.indicators import Bars
from analysis.patterns import PATTERNS
from stocks.models import CorporateAction, DailyPrice
from tests.stocks.api.conftest import add_bars, bump_version

BACKTEST = "/api/v1/analysis/backtest/{}/"
PATTERNS_URL = "/api/v1/analysis/patterns/{}/"
pytestmark = pytest.mark.django_db
SPLIT_DAY_INDEX = 300


def split_stock(stock: Any, count: int = 600) -> Bars:
    """`count` bars with a 4-for-1 split on bar 300's date; returns the split-adjusted bars computed here."""
    rows = add_bars(stock, count, seed=21)
    ex_date = rows[SPLIT_DAY_INDEX].date
    CorporateAction.objects.create(
        stock=stock, kind="split", ex_date=ex_date, ratio=Decimal(4), source=stock.source, fetched_at=timezone.now()
    )
    values = DailyPrice.objects.filter(stock=stock).order_by("date")
    o, h, lo, c, v = (
        np.array(col, dtype=np.float64)
        for col in zip(
            *values.values_list("open_price", "high_price", "low_price", "close_price", "volume"), strict=True
        )
    )
    before = np.arange(count) < SPLIT_DAY_INDEX
    factor = np.where(before, 4.0, 1.0)
    return Bars(o / factor, h / factor, lo / factor, c / factor, v * factor)


def test_backtest_equals_the_engine_on_the_split_adjusted_history(api_client: Any, stock: Any) -> None:
    adjusted = split_stock(stock)
    dates = list(DailyPrice.objects.filter(stock=stock).order_by("date").values_list("date", flat=True))
    query = {"rule": "sma_cross", "start": dates[250].isoformat(), "commission_bps": "10", "slippage_bps": "5"}
    body = api_client.get(BACKTEST.format("acme"), query).json()
    expected = backtest(adjusted, rule="sma_cross", mode="long_flat", costs=Costs(10, 5), start=250, end=600)
    assert (body["start"], body["end"], body["bars"]) == (dates[250].isoformat(), dates[-1].isoformat(), 350)
    assert body["execution"] == "next_open"
    np.testing.assert_allclose(body["equity"]["strategy"], expected.equity, atol=1e-6)
    np.testing.assert_allclose(body["equity"]["buy_and_hold"], expected.benchmark, atol=1e-6)
    assert body["strategy"]["trades"] == expected.strategy.trades
    assert body["strategy"]["max_drawdown"] == pytest.approx(expected.strategy.max_drawdown, abs=1e-6)
    assert body["buy_and_hold"]["exposure"] == 1.0
    # No cliff: a raw-price backtest would lose 75 % on the split day.
    assert body["buy_and_hold"]["total_return"] == pytest.approx(
        (1 - 0.0015) * adjusted.close[-1] / adjusted.open[250] - 1, abs=1e-6
    )


def test_costs_lower_the_return_by_the_rate_per_position_change(api_client: Any, stock: Any) -> None:
    add_bars(stock, 500, seed=3)
    free = api_client.get(BACKTEST.format("ACME"), {"rule": "rsi"}).json()
    paid = api_client.get(BACKTEST.format("ACME"), {"rule": "rsi", "commission_bps": "25", "slippage_bps": "25"}).json()
    changes = int(np.count_nonzero(np.diff([0, *free["equity"]["position"]])))
    assert changes >= 2
    final_free, final_paid = free["equity"]["strategy"][-1], paid["equity"]["strategy"][-1]
    assert final_paid == pytest.approx(final_free * (1 - 0.005) ** changes, rel=1e-5)
    assert paid["strategy"]["costs_paid"] == pytest.approx(0.005 * changes)
    assert len(paid["trades"]) == paid["strategy"]["trades"]


def test_long_short_goes_short_after_bearish_signals(api_client: Any, stock: Any) -> None:
    add_bars(stock, 500, seed=3)
    body = api_client.get(BACKTEST.format("ACME"), {"rule": "macd", "mode": "long_short"}).json()
    assert {-1, 1} <= set(body["equity"]["position"])
    assert {t["direction"] for t in body["trades"]} == {"long", "short"}


def test_backtest_is_cached_by_data_version(api_client: Any, stock: Any) -> None:
    add_bars(stock, 300, seed=5)
    first = api_client.get(BACKTEST.format("ACME"), {"rule": "composite"}).json()
    DailyPrice.objects.filter(stock=stock).order_by("-date")[:1].get().delete()
    assert api_client.get(BACKTEST.format("ACME"), {"rule": "composite"}).json() == first
    bump_version("ACME")
    fresh = api_client.get(BACKTEST.format("ACME"), {"rule": "composite"}).json()
    assert fresh["bars"] == first["bars"] - 1


@pytest.mark.parametrize(
    ("url", "query", "param", "code"),
    [
        (BACKTEST, {"commission_bps": "-1"}, "commission_bps", "min_value"),
        (BACKTEST, {"slippage_bps": "-0.5"}, "slippage_bps", "min_value"),
        (BACKTEST, {"slippage_bps": "abc"}, "slippage_bps", "invalid"),
        (BACKTEST, {"rule": "vwap"}, "rule", "invalid_choice"),
        (BACKTEST, {"mode": "short_only"}, "mode", "invalid_choice"),
        (BACKTEST, {"start": "2024-06-01", "end": "2024-01-01"}, "start", "start_after_end"),
        (BACKTEST, {"start": "2024-05-01", "end": "2024-05-10"}, "start", "too_few_bars"),
        (BACKTEST, {"start": "2030-01-01"}, "start", "too_few_bars"),
        (BACKTEST, {"end": "not-a-date"}, "end", "invalid"),
        (PATTERNS_URL, {"patterns": "engulfing,headandshoulders"}, "patterns", "unknown_pattern"),
        (PATTERNS_URL, {"recent_bars": "0"}, "recent_bars", "min_value"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(
    api_client: Any, stock: Any, url: str, query: dict[str, str], param: str, code: str
) -> None:
    add_bars(stock, 200)
    response = api_client.get(url.format("ACME"), query)
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith(f"{param}: ")
    assert body["extra"]["field_codes"] == {param: [code]}


def test_too_short_a_history_is_a_400(api_client: Any, stock: Any) -> None:
    add_bars(stock, 12)
    patterns = api_client.get(PATTERNS_URL.format("ACME"))
    assert patterns.status_code == 400
    assert (patterns.json()["code"], patterns.json()["extra"]["needed"]) == ("too_few_bars", 30)
    backtest_body = api_client.get(BACKTEST.format("ACME")).json()
    assert (backtest_body["code"], backtest_body["extra"]["bars"]) == ("too_few_bars", 12)


def test_unknown_symbol_is_404(api_client: Any, db: Any) -> None:
    assert api_client.get(BACKTEST.format("ZZZZ")).json()["code"] == "stock_not_found"
    assert api_client.get(PATTERNS_URL.format("ZZZZ")).json()["code"] == "stock_not_found"


def test_patterns_equal_talib_on_the_split_adjusted_history(api_client: Any, stock: Any) -> None:
    adjusted = split_stock(stock)
    body = api_client.get(PATTERNS_URL.format("ACME"), {"recent_bars": "600"}).json()
    assert len(body["patterns"]) == 61
    assert body["bars"] == 600
    dates = [
        d.isoformat() for d in DailyPrice.objects.filter(stock=stock).order_by("date").values_list("date", flat=True)
    ]
    recent = {(r["date"], r["pattern"]): r["value"] for r in body["recent"]}
    for pattern in body["patterns"]:
        values = getattr(talib, PATTERNS[pattern["name"]].function)(
            adjusted.open, adjusted.high, adjusted.low, adjusted.close
        )
        assert pattern["occurrences"] == np.count_nonzero(values), pattern["name"]
        expected = {(dates[i], pattern["name"]): int(values[i]) for i in np.flatnonzero(values)}
        assert {k: v for k, v in recent.items() if k[1] == pattern["name"]} == expected
    assert body["base_rate"]["20d"]["count"] == 580
    assert body["as_of"] == dates[-1]


def test_patterns_can_be_chosen_and_recent_is_cut(api_client: Any, stock: Any) -> None:
    add_bars(stock, 400, seed=8)
    body = api_client.get(PATTERNS_URL.format("ACME"), {"patterns": "doji,engulfing", "recent_bars": "20"}).json()
    assert [p["name"] for p in body["patterns"]] == ["doji", "engulfing"]
    newest = DailyPrice.objects.filter(stock=stock).order_by("-date").values_list("date", flat=True)[19]
    assert all(dt.date.fromisoformat(r["date"]) >= newest for r in body["recent"])
    assert body["patterns"][0]["label"] == {"en": "Doji", "ko": "도지"}
