"""Signals on constructed series whose answer is known, and track records that never look ahead."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from analysis.indicators import Bars
from analysis.signals import RULES, forward_returns, signals_evaluate, track_record
from tests.analysis.test_indicators import random_bars


def bars_from_close(close: np.ndarray, volume: np.ndarray | None = None) -> Bars:
    close = close.astype(np.float64)
    vol = np.full(len(close), 1_000.0) if volume is None else volume.astype(np.float64)
    return Bars(close.copy(), close * 1.01, close * 0.99, close, vol)


def dates_for(count: int) -> list[str]:
    start = np.datetime64("2000-01-03")
    return [str(start + np.timedelta64(i, "D")) for i in range(count)]


def evaluate(bars: Bars) -> dict:
    return signals_evaluate(bars, dates_for(len(bars)))


def test_falling_series_is_oversold_and_rising_is_overbought() -> None:
    falling = bars_from_close(np.linspace(200, 100, 120) + np.tile([0.0, 0.5], 60))
    rising = bars_from_close(np.linspace(100, 200, 120) + np.tile([0.0, -0.5], 60))
    assert evaluate(falling)["rules"]["rsi"]["score"] == 1.0
    assert evaluate(rising)["rules"]["rsi"]["score"] == -1.0
    assert "30" in evaluate(falling)["rules"]["rsi"]["explanation"]["en"]
    assert "과매도" in evaluate(falling)["rules"]["rsi"]["explanation"]["ko"]


def test_golden_cross_is_reported_on_the_bar_it_happens() -> None:
    close = np.concatenate([np.linspace(200, 100, 300), np.linspace(100, 220, 200)])
    sma50, sma200 = talib.SMA(close, 50), talib.SMA(close, 200)
    above = sma50 > sma200
    cross = int(np.flatnonzero(above[1:] & ~above[:-1] & ~np.isnan(sma200[:-1]))[0]) + 1
    result = evaluate(bars_from_close(close[: cross + 2]))
    rule = result["rules"]["sma_cross"]
    assert rule["score"] == 1.0
    assert "Golden cross" in rule["explanation"]["en"]
    assert rule["recent_events"][-1] == {
        "date": dates_for(cross + 1)[cross],
        "direction": "bullish",
        "return_5d": None,
        "return_20d": None,
    }
    later = evaluate(bars_from_close(close[: cross + 40]))["rules"]["sma_cross"]
    assert later["score"] == 0.5  # still above, but no longer a fresh cross


def test_death_cross_and_macd_turn_down_after_a_peak() -> None:
    close = np.concatenate([np.linspace(100, 250, 300), np.linspace(250, 120, 200)])
    rules = evaluate(bars_from_close(close))["rules"]
    assert rules["sma_cross"]["score"] in (-1.0, -0.5)
    assert rules["macd"]["score"] < 0
    assert any(e["direction"] == "bearish" for e in rules["macd"]["recent_events"])


def test_close_below_lower_band_is_bullish_and_above_upper_bearish() -> None:
    base = 100 + np.tile([0.0, 0.3, -0.3, 0.1], 15)
    assert evaluate(bars_from_close(np.append(base, 90.0)))["rules"]["bbands"]["score"] == 1.0
    assert evaluate(bars_from_close(np.append(base, 110.0)))["rules"]["bbands"]["score"] == -1.0
    assert evaluate(bars_from_close(np.append(base, 100.0)))["rules"]["bbands"]["score"] == 0.0


def test_stochastic_turn_up_from_oversold() -> None:
    close = np.concatenate([np.linspace(150, 100, 60), [100.5, 101.5, 103.0]])
    bars = Bars(close.copy(), close + 0.2, close - 0.2, close, np.full(len(close), 1000.0))
    rule = evaluate(bars)["rules"]["stoch"]
    assert rule["score"] == 1.0
    assert "20" in rule["explanation"]["en"]


def test_obv_confirms_or_diverges() -> None:
    close = np.linspace(100, 130, 60) + np.tile([0.0, -1.0], 30)
    up_volume = np.where(np.diff(close, prepend=close[0]) > 0, 5_000.0, 1_000.0)
    confirming = evaluate(bars_from_close(close, up_volume))["rules"]["obv"]
    assert confirming["score"] == 0.5
    assert "confirms the uptrend" in confirming["explanation"]["en"]
    down_volume = np.where(np.diff(close, prepend=close[0]) > 0, 1_000.0, 5_000.0)
    diverging = evaluate(bars_from_close(close, down_volume))["rules"]["obv"]
    assert diverging["score"] == -0.5
    assert "bearish divergence" in diverging["explanation"]["en"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_composite_is_the_mean_score_within_bounds(seed: int) -> None:
    result = evaluate(random_bars(800, seed))
    scores = [r["score"] for r in result["rules"].values() if r["score"] is not None]
    assert len(scores) == len(RULES)
    assert -1.0 <= result["composite"]["score"] <= 1.0
    assert result["composite"]["score"] == pytest.approx(np.mean(scores), abs=1e-4)
    assert result["composite"]["explanation"]["ko"]


def test_short_history_marks_signals_unavailable() -> None:
    result = evaluate(random_bars(30))
    assert result["rules"]["sma_cross"]["stance"] == "unavailable"
    assert result["rules"]["rsi"]["stance"] != "unavailable"
    empty = evaluate(random_bars(0))
    assert empty["composite"]["score"] is None


def test_track_record_counts_hits_and_baseline_by_hand() -> None:
    close = np.array([10.0, 11, 12, 11, 10, 9, 10, 11, 12, 13], dtype=np.float64)
    events = np.zeros(10, dtype=np.int8)
    events[0], events[2], events[5] = 1, -1, 1
    record = track_record(events, close, horizon=2, before=10)
    # usable starts are t = 0..7 (t + 2 <= 9); their 2-bar returns:
    returns = close[2:] / close[:-2] - 1
    assert record["bullish"] == {
        "events": 2,
        "positive_rate": 1.0,
        "hit_rate": 1.0,
        "mean_return": round(float(np.mean([returns[0], returns[5]])), 6),
        "buy_and_hold_mean_return": round(float(np.mean(returns)), 6),
    }
    assert record["bearish"]["events"] == 1
    assert record["bearish"]["hit_rate"] == 1.0  # 12 -> 10: the bearish call was right
    assert record["bearish"]["positive_rate"] == 0.0


def test_track_record_never_reads_prices_on_or_after_its_date() -> None:
    bars = random_bars(700, seed=11)
    cut = 500
    future_changed = bars.close.copy()
    future_changed[cut:] *= np.linspace(0.5, 3.0, len(bars) - cut)
    changed = Bars(bars.open, bars.high, bars.low, future_changed, bars.volume)
    for rule in RULES:
        original = rule.events(bars)
        altered = rule.events(changed)
        # events are causal: bars before the cut are identical whatever happens later
        np.testing.assert_array_equal(original[:cut], altered[:cut])
        for horizon in (5, 20):
            assert track_record(original, bars.close, horizon=horizon, before=cut) == track_record(
                altered, future_changed, horizon=horizon, before=cut
            )


def test_reported_track_record_equals_the_one_from_history_up_to_the_day_before() -> None:
    bars = random_bars(600, seed=3)
    full = evaluate(bars)
    for rule in RULES:
        events = rule.events(bars)
        expected = track_record(events, bars.close[:-1], horizon=20, before=len(bars) - 1)
        assert full["rules"][rule.name]["track_record"]["20d"] == expected
    # an event within the last 20 bars has no complete window yet and is not counted
    last_events = np.flatnonzero(RULES[1].events(bars))
    recent = int(np.sum(last_events >= len(bars) - 1 - 20))
    total = int(np.sum(np.abs(RULES[1].events(bars))))
    counted = sum(full["rules"]["macd"]["track_record"]["20d"][d]["events"] for d in ("bullish", "bearish"))
    assert counted == total - recent


def test_forward_returns_are_nan_past_the_end() -> None:
    result = forward_returns(np.array([1.0, 2.0, 4.0]), 1)
    assert result[:2].tolist() == [1.0, 1.0]
    assert np.isnan(result[2])
