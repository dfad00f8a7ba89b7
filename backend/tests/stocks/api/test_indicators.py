"""Indicators endpoint: values equal TA-Lib on the whole history, windows, parameters, errors and signals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import talib

from stocks.models import DailyPrice, WeeklyPrice
from tests.stocks.api.conftest import add_bars

URL = "/api/v1/stocks/api/indicators/{}/"
pytestmark = pytest.mark.django_db


def full_history(stock: Any) -> dict[str, np.ndarray]:
    rows = DailyPrice.objects.filter(stock=stock).order_by("date")
    columns = list(
        zip(*rows.values_list("open_price", "high_price", "low_price", "close_price", "volume"), strict=True)
    )
    names = ("open", "high", "low", "close", "volume")
    return {n: np.array([float(v) for v in c], dtype=np.float64) for n, c in zip(names, columns, strict=True)}


def expected_outputs(h: dict[str, np.ndarray]) -> dict[str, dict[str, np.ndarray]]:
    macd, signal, hist = talib.MACD(h["close"], 12, 26, 9)
    upper, middle, lower = talib.BBANDS(h["close"], 20, 2, 2)
    k, d = talib.STOCH(h["high"], h["low"], h["close"], 14, 3, talib.MA_Type.SMA, 3, talib.MA_Type.SMA)
    return {
        "sma": {"sma": talib.SMA(h["close"], 20)},
        "ema": {"ema": talib.EMA(h["close"], 20)},
        "rsi": {"rsi": talib.RSI(h["close"], 14)},
        "macd": {"macd": macd, "signal": signal, "hist": hist},
        "bbands": {"upper": upper, "middle": middle, "lower": lower},
        "stoch": {"k": k, "d": d},
        "obv": {"obv": talib.OBV(h["close"], h["volume"])},
        "atr": {"atr": talib.ATR(h["high"], h["low"], h["close"], 14)},
    }


def as_array(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def test_all_eight_equal_talib_on_the_full_history_cut_to_the_window(api_client: Any, stock: Any) -> None:
    add_bars(stock, 1500, seed=5)
    response = api_client.get(URL.format("ACME"), {"period": "1y"})
    assert response.status_code == 200
    body = response.json()
    assert body["symbol"] == "ACME"
    assert body["type"] == "daily"
    history = full_history(stock)
    n = body["count"]
    assert 250 <= n <= 262
    assert len(body["dates"]) == n
    dates = list(DailyPrice.objects.filter(stock=stock).order_by("date").values_list("date", flat=True))
    assert body["dates"] == [d.isoformat() for d in dates[-n:]]
    expected = expected_outputs(history)
    assert set(body["indicators"]) == set(expected)
    for name, outputs in expected.items():
        assert set(body["indicators"][name]) == {"params", *outputs}
        for output, values in outputs.items():
            got = as_array(body["indicators"][name][output])
            assert len(got) == n
            assert not np.isnan(got).any(), f"{name}.{output} has warm-up nulls inside a late window"
            np.testing.assert_allclose(got, values[-n:], rtol=1e-9, err_msg=f"{name}.{output}")
    assert body["indicators"]["macd"]["params"] == {"fastperiod": 12, "slowperiod": 26, "signalperiod": 9}
    assert body["indicators"]["bbands"]["params"] == {"timeperiod": 20, "nbdevup": 2, "nbdevdn": 2}


def test_custom_parameters_and_warm_up_nulls(api_client: Any, stock: Any) -> None:
    add_bars(stock, 300, seed=2)
    body = api_client.get(
        URL.format("ACME"),
        {"period": "max", "indicators": "rsi,bbands", "rsi_timeperiod": "7", "bbands_nbdevup": "1.5"},
    ).json()
    assert set(body["indicators"]) == {"rsi", "bbands"}
    assert body["indicators"]["rsi"]["params"] == {"timeperiod": 7}
    rsi = body["indicators"]["rsi"]["rsi"]
    assert rsi[:7] == [None] * 7
    assert rsi[7] is not None
    history = full_history(stock)
    np.testing.assert_allclose(as_array(rsi)[7:], talib.RSI(history["close"], 7)[7:], rtol=1e-9)
    upper = as_array(body["indicators"]["bbands"]["upper"])
    np.testing.assert_allclose(upper[19:], talib.BBANDS(history["close"], 20, 1.5, 2)[0][19:], rtol=1e-9)


def test_signals_are_included_with_composite_and_track_record(api_client: Any, stock: Any) -> None:
    add_bars(stock, 600, seed=9)
    signals = api_client.get(URL.format("ACME"), {"indicators": "rsi"}).json()["signals"]
    assert -1 <= signals["composite"]["score"] <= 1
    assert signals["composite"]["explanation"]["ko"]
    assert set(signals["rules"]) == {"rsi", "macd", "bbands", "sma_cross", "stoch", "obv"}
    record = signals["rules"]["macd"]["track_record"]["20d"]["bullish"]
    assert set(record) == {"events", "positive_rate", "hit_rate", "mean_return", "buy_and_hold_mean_return"}
    assert record["events"] > 0


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"indicators": "rsi,foo"}, "indicators", ["foo", "sma", "atr"]),
        ({"indicators": ","}, "indicators", ["sma"]),
        ({"rsi_timeperiod": "1"}, "rsi_timeperiod", ["2", "200"]),
        ({"rsi_timeperiod": "x"}, "rsi_timeperiod", ["integer"]),
        ({"macd_fastperiod": "30"}, "macd_fastperiod", ["macd_slowperiod"]),
        ({"bbands_nbdevup": "100"}, "bbands_nbdevup", ["0.1", "10"]),
        ({"indicators": "obv", "obv_timeperiod": "3"}, "obv_timeperiod", ["none"]),
        ({"type": "monthly"}, "type", ["daily", "weekly"]),
    ],
)
def test_bad_input_is_400_naming_it(
    api_client: Any, stock: Any, query: dict[str, str], param: str, words: list[str]
) -> None:
    response = api_client.get(URL.format("ACME"), query)
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith(f"{param}: ")
    for word in words:
        assert word in body["message"]


def test_weekly_indicators_use_weekly_bars_and_label_horizons_in_weeks(api_client: Any, stock: Any) -> None:
    weekly = add_bars(stock, 300, model=WeeklyPrice)
    body = api_client.get(URL.format("ACME"), {"type": "weekly", "period": "max", "indicators": "sma"}).json()
    assert body["dates"] == [bar.date.isoformat() for bar in weekly]
    closes = np.array([float(bar.close_price) for bar in weekly])
    np.testing.assert_allclose(as_array(body["indicators"]["sma"]["sma"])[19:], talib.SMA(closes, 20)[19:])
    assert set(body["signals"]["rules"]["rsi"]["track_record"]) == {"5w", "20w"}


def test_unknown_symbol_is_404(api_client: Any, db: Any) -> None:
    assert api_client.get(URL.format("ZZZZ")).json()["code"] == "stock_not_found"


def test_empty_history_gives_empty_series(api_client: Any, stock: Any) -> None:
    body = api_client.get(URL.format("ACME")).json()
    assert body["count"] == 0
    assert body["indicators"]["rsi"]["rsi"] == []
    assert body["signals"]["composite"]["score"] is None


def test_parameters_change_the_cache_entry(api_client: Any, stock: Any) -> None:
    add_bars(stock, 200)
    short = api_client.get(URL.format("ACME"), {"indicators": "sma", "sma_timeperiod": "5"}).json()
    long = api_client.get(URL.format("ACME"), {"indicators": "sma", "sma_timeperiod": "50"}).json()
    assert short["indicators"]["sma"]["params"] == {"timeperiod": 5}
    assert long["indicators"]["sma"]["params"] == {"timeperiod": 50}
    assert short["indicators"]["sma"]["sma"] != long["indicators"]["sma"]["sma"]
