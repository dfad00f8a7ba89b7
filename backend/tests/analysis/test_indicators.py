"""Indicator computation and parameter validation against TA-Lib itself."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from analysis.indicators import INDICATORS, Bars, IndicatorParamError, indicator_compute, indicator_params_parse


def random_bars(count: int, seed: int = 7) -> Bars:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, count)))
    open_ = close * (1 + rng.normal(0, 0.005, count))
    high = np.maximum(open_, close) * (1 + rng.uniform(0, 0.01, count))
    low = np.minimum(open_, close) * (1 - rng.uniform(0, 0.01, count))
    volume = rng.integers(1_000, 1_000_000, count).astype(np.float64)
    return Bars(open_, high, low, close, volume)


def test_defaults_are_the_documented_ones() -> None:
    defaults = {name: indicator_params_parse(name, {}) for name in INDICATORS}
    assert defaults == {
        "sma": {"timeperiod": 20},
        "ema": {"timeperiod": 20},
        "rsi": {"timeperiod": 14},
        "macd": {"fastperiod": 12, "slowperiod": 26, "signalperiod": 9},
        "bbands": {"timeperiod": 20, "nbdevup": 2, "nbdevdn": 2},
        "stoch": {"fastk_period": 14, "slowk_period": 3, "slowd_period": 3},
        "obv": {},
        "atr": {"timeperiod": 14},
    }


def test_outputs_equal_talib_with_custom_parameters() -> None:
    bars = random_bars(600)
    macd = indicator_compute("macd", bars, indicator_params_parse("macd", {"fastperiod": "5", "slowperiod": "35"}))
    expected = talib.MACD(bars.close, fastperiod=5, slowperiod=35, signalperiod=9)
    for got, want in zip((macd["macd"], macd["signal"], macd["hist"]), expected, strict=True):
        np.testing.assert_allclose(got, want, equal_nan=True)
    stoch = indicator_compute("stoch", bars, indicator_params_parse("stoch", {}))
    k, d = talib.STOCH(bars.high, bars.low, bars.close, fastk_period=14, slowk_period=3, slowd_period=3)
    np.testing.assert_allclose(stoch["k"], k, equal_nan=True)
    np.testing.assert_allclose(stoch["d"], d, equal_nan=True)
    atr = indicator_compute("atr", bars, {"timeperiod": 14})["atr"]
    assert np.isnan(atr[13])
    assert not np.isnan(atr[14])


@pytest.mark.parametrize(
    ("name", "raw", "param"),
    [
        ("rsi", {"timeperiod": "1"}, "rsi_timeperiod"),
        ("rsi", {"timeperiod": "abc"}, "rsi_timeperiod"),
        ("sma", {"timeperiod": "501"}, "sma_timeperiod"),
        ("bbands", {"nbdevup": "nan"}, "bbands_nbdevup"),
        ("macd", {"fastperiod": "30"}, "macd_fastperiod"),
        ("obv", {"timeperiod": "5"}, "obv_timeperiod"),
    ],
)
def test_bad_parameters_name_the_parameter(name: str, raw: dict[str, str], param: str) -> None:
    with pytest.raises(IndicatorParamError) as info:
        indicator_params_parse(name, raw)
    assert info.value.param == param
    assert param in str(info.value)


def test_short_and_empty_histories_give_warm_up_only() -> None:
    short = random_bars(10)
    assert np.isnan(indicator_compute("sma", short, {"timeperiod": 20})["sma"]).all()
    assert len(indicator_compute("rsi", random_bars(0), {"timeperiod": 14})["rsi"]) == 0
