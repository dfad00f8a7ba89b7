"""Adjusted series in the readers: charts (split by default, total, raw; daily and weekly), indicators on a split
stock, and caches that forget a stock's bodies when a split or dividend arrives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
import talib

from stocks.models import CorporateAction, DailyPrice, WeeklyPrice
from stocks.providers.base import CorporateActionEvent, CorporateActions
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.services.ingestion import corporate_actions_import
from tests.stocks.api.test_indicators import as_array, expected_outputs
from tests.stocks.demo import demo_store

pytestmark = pytest.mark.django_db
CHART = "/api/v1/stocks/api/chart/{}/"
INDICATORS = "/api/v1/stocks/api/indicators/{}/"
SPLIT_SYMBOLS = ("AAPL", "NVDA")  # demo symbols with splits inside the simulated 20 years


@pytest.fixture
def demo(db: Any) -> SimulatedProvider:
    return demo_store("AAPL", "NVDA", "KO")


def closes_by_date(body: dict[str, Any]) -> dict[dt.date, float]:
    return {dt.date.fromisoformat(bar["time"]): bar["close"] for bar in body["data"]}


def log_return_across(closes: dict[dt.date, float], ex_date: dt.date) -> float:
    """The close-to-close log return from the last bar before `ex_date` to the first on or after it."""
    dates = sorted(closes)
    after = next(i for i, d in enumerate(dates) if d >= ex_date)
    return float(np.log(closes[dates[after]] / closes[dates[after - 1]]))


@pytest.mark.parametrize("interval", ["daily", "weekly"])
def test_demo_max_charts_have_no_split_cliff_by_default(api_client: Any, demo: Any, interval: str) -> None:
    for symbol in SPLIT_SYMBOLS:
        stored = CorporateAction.objects.filter(stock_id=symbol, kind="split").values_list("ex_date", "ratio")
        splits = [(d, float(r or 1)) for d, r in stored]
        assert len(splits) >= 2
        default = api_client.get(CHART.format(symbol), {"period": "max", "type": interval}).json()
        raw = api_client.get(CHART.format(symbol), {"period": "max", "type": interval, "adjustment": "raw"}).json()
        assert (default["adjustment"], raw["adjustment"]) == ("split", "raw")
        assert default["count"] == raw["count"] > 200
        adjusted_closes, raw_closes = closes_by_date(default), closes_by_date(raw)
        for ex_date, ratio in splits:
            # Measured: at most 0.015 adjusted (0.11 on weekly bars) against 0.39 to 2.3 raw (1.5 to 10-for-1).
            assert abs(log_return_across(adjusted_closes, ex_date)) < 0.15, (symbol, ex_date)
            assert abs(log_return_across(raw_closes, ex_date)) > np.log(ratio) - 0.3, (symbol, ex_date)
        # Bars after the last split are never changed; volume before a split is in today's shares.
        assert default["data"][-1] == raw["data"][-1]
        first_split, ratio = splits[0]
        before = next(i for i, bar in enumerate(raw["data"]) if bar["time"] >= first_split.isoformat()) - 1
        total_ratio = float(np.prod([r for _, r in splits]))
        assert default["data"][before]["volume"] == round(raw["data"][before]["volume"] * total_ratio)


def test_total_return_chart_also_folds_in_dividends(api_client: Any, demo: Any) -> None:
    split = api_client.get(CHART.format("KO"), {"period": "5y"}).json()
    total = api_client.get(CHART.format("KO"), {"period": "5y", "adjustment": "total"}).json()
    assert total["adjustment"] == "total"
    last_dividend = CorporateAction.objects.filter(stock_id="KO", kind="dividend").latest("ex_date").ex_date
    for s, t in zip(split["data"], total["data"], strict=True):
        if s["time"] >= last_dividend.isoformat():
            assert t["close"] == s["close"]
        else:
            assert t["close"] < s["close"]  # earlier prices net of the dividends paid since
            assert t["volume"] == s["volume"]
    # Five years of a ~3% yield: the oldest close is about 14% lower on a total-return basis.
    assert 0.80 < total["data"][0]["close"] / split["data"][0]["close"] < 0.92


def test_an_unknown_adjustment_is_a_400_naming_the_allowed_ones(api_client: Any, demo: Any) -> None:
    response = api_client.get(CHART.format("AAPL"), {"adjustment": "dividends"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("adjustment: ")
    for word in ("split", "total", "raw"):
        assert word in response.json()["message"]


def split_adjusted_history(symbol: str) -> dict[str, np.ndarray]:
    """Raw bars from the database divided (volume multiplied) by the stored splits, computed here independently."""
    bars = DailyPrice.objects.filter(stock_id=symbol).order_by("date")
    dates = list(bars.values_list("date", flat=True))
    splits = CorporateAction.objects.filter(stock_id=symbol, kind="split").values_list("ex_date", "ratio")
    factor = np.array([float(np.prod([float(r or 1) for d, r in splits if d > day])) for day in dates])
    names = ("open", "high", "low", "close")
    prices = {n: np.array([float(v) for v in bars.values_list(f"{n}_price", flat=True)]) / factor for n in names}
    return prices | {"volume": np.array([float(v) for v in bars.values_list("volume", flat=True)]) * factor}


def test_indicators_on_a_split_stock_equal_talib_on_the_split_adjusted_series(api_client: Any, demo: Any) -> None:
    body = api_client.get(INDICATORS.format("NVDA"), {"period": "max"}).json()
    history = split_adjusted_history("NVDA")
    expected = expected_outputs(history)
    for name, outputs in expected.items():
        for output, values in outputs.items():
            np.testing.assert_allclose(
                as_array(body["indicators"][name][output]), values, rtol=1e-9, atol=1e-9, err_msg=f"{name}.{output}"
            )
    # On the raw series the 20-day SMA would be off by the split ratio for 20 days after the 2024 split.
    raw_close = np.array(
        [
            float(c)
            for c in DailyPrice.objects.filter(stock_id="NVDA").order_by("date").values_list("close_price", flat=True)
        ]
    )
    assert not np.allclose(talib.SMA(raw_close, 20)[20:], expected["sma"]["sma"][20:], equal_nan=True)


def split_in_prices(symbol: str, ex_date: dt.date) -> None:
    """A 2-for-1 split the raw bars show (every bar before `ex_date` doubled), written as a provider correction
    would be but without touching the data version: only the event will."""
    for model in (DailyPrice, WeeklyPrice):
        for bar in model.objects.filter(stock_id=symbol, date__lt=ex_date):
            for name in ("open_price", "high_price", "low_price", "close_price"):
                setattr(bar, name, getattr(bar, name) * 2)
            bar.volume //= 2
            bar.save()


def test_a_new_split_invalidates_the_cached_chart_and_indicators(
    api_client: Any, demo: Any, django_capture_on_commit_callbacks: Any
) -> None:
    query = {"period": "1y"}
    ex_date = DailyPrice.objects.filter(stock_id="KO").order_by("-date").values_list("date", flat=True)[29]
    split_in_prices("KO", ex_date)
    cliff = api_client.get(CHART.format("KO"), query).json()  # no event yet: the cached body shows the cliff
    cliff_indicators = api_client.get(INDICATORS.format("KO"), query).json()
    split = CorporateActions("KO", [CorporateActionEvent("split", ex_date, Decimal(2))])
    with django_capture_on_commit_callbacks(execute=True):  # the commit that sends stock_data_changed
        assert corporate_actions_import(actions=split, source="csv").rows_written == 1

    after = api_client.get(CHART.format("KO"), query)
    indicators = api_client.get(INDICATORS.format("KO"), query).json()
    for old, new in zip(cliff["data"], after.json()["data"], strict=True):
        expected = old["close"] / 2 if old["time"] < ex_date.isoformat() else old["close"]
        assert new["close"] == pytest.approx(expected), old["time"]  # a stale cache would still show the cliff
    assert indicators["indicators"]["sma"]["sma"] != pytest.approx(cliff_indicators["indicators"]["sma"]["sma"])
    # Importing the same event again changes nothing, so the cached body (and its ETag) stays.
    assert corporate_actions_import(actions=split, source="csv").rows_written == 0
    assert api_client.get(CHART.format("KO"), query, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304
