"""Candlestick patterns: TA-Lib's values, a planted pattern's record against the base rate, and no look-ahead."""

from __future__ import annotations

import numpy as np
import pytest
import talib

from analysis.indicators import Bars
from analysis.patterns import PATTERNS, PatternInputError, pattern_values, patterns_parse, patterns_scan
from tests.analysis.test_indicators import random_bars
from tests.analysis.test_signals import dates_for


def test_the_catalogue_is_all_61_talib_patterns_with_both_languages() -> None:
    assert sorted(p.function for p in PATTERNS.values()) == sorted(talib.get_function_groups()["Pattern Recognition"])
    assert len(PATTERNS) == 61
    for pattern in PATTERNS.values():
        assert pattern.en
        assert pattern.meaning_en.endswith(".")
        assert any("\uac00" <= ch <= "\ud7a3" for ch in pattern.ko + pattern.meaning_ko)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_values_equal_talib_and_never_look_ahead(name: str) -> None:
    bars = random_bars(400, seed=11)
    function = getattr(talib, PATTERNS[name].function)
    values = pattern_values(bars, name)
    np.testing.assert_array_equal(values, function(bars.open, bars.high, bars.low, bars.close))
    for t in (150, 275, 399):
        head = Bars(*(a[: t + 1] for a in (bars.open, bars.high, bars.low, bars.close, bars.volume)))
        assert pattern_values(head, name)[t] == values[t]


def planted(count: int = 80) -> tuple[Bars, np.ndarray]:
    """White candles drifting up by 0.2 a bar, with bullish engulfings planted at bars 40 and count - 3."""
    base = 100 + 0.2 * np.arange(count, dtype=np.float64)
    open_, close = base.copy(), base + 0.5
    for at in (40, count - 3):
        open_[at - 1], close[at - 1] = base[at - 1] + 0.45, base[at - 1] + 0.05  # a small black candle
        open_[at], close[at] = base[at] - 0.6, base[at] + 1.4  # white, engulfing it
    high, low = np.maximum(open_, close) + 0.1, np.minimum(open_, close) - 0.1
    return Bars(open_, high, low, close, np.full(count, 1_000.0)), close


def test_a_planted_engulfing_has_its_forward_returns_and_the_base_rate_beside_them() -> None:
    bars, close = planted()
    assert np.flatnonzero(pattern_values(bars, "engulfing")).tolist() == [40, 77]
    scan = patterns_scan(bars, dates_for(80), names=["engulfing"])
    (engulfing,) = scan["patterns"]
    assert engulfing["occurrences"] == 2
    assert engulfing["last_date"] == dates_for(80)[77]
    bullish = engulfing["record"]["bullish"]
    # The one at bar 77 has a 1-bar window (78) but no 5- or 20-bar window yet.
    one = bullish["horizons"]["1d"]
    assert one["events"] == 2
    assert one["mean_return"] == pytest.approx(
        np.mean([close[41] / close[40] - 1, close[78] / close[77] - 1]), abs=1e-6
    )
    for horizon in (5, 20):
        record = bullish["horizons"][f"{horizon}d"]
        assert record["events"] == 1
        assert record["mean_return"] == pytest.approx(close[40 + horizon] / close[40] - 1, abs=1e-6)
        assert record["hit_rate"] == record["positive_rate"] == (1.0 if close[40 + horizon] > close[40] else 0.0)
        every = close[horizon:] / close[:-horizon] - 1
        assert scan["base_rate"][f"{horizon}d"] == {
            "count": 80 - horizon,
            "mean_return": pytest.approx(float(np.mean(every)), abs=1e-6),
            "positive_rate": pytest.approx(float(np.mean(every > 0)), abs=1e-6),
        }
    assert engulfing["record"]["bearish"]["occurrences"] == 0
    assert engulfing["record"]["bearish"]["horizons"]["5d"] == {
        "events": 0,
        "mean_return": None,
        "positive_rate": None,
        "hit_rate": None,
    }
    assert [r["date"] for r in scan["recent"]] == [dates_for(80)[40], dates_for(80)[77]]
    assert scan["recent"][0] == {
        "date": dates_for(80)[40],
        "pattern": "engulfing",
        "direction": "bullish",
        "value": 100,
    }


def test_neutral_patterns_have_no_hit_rate() -> None:
    bars = random_bars(300, seed=5)
    (doji,) = patterns_scan(bars, dates_for(300), names=["doji"])["patterns"]
    assert list(doji["record"]) == ["neutral"]
    assert doji["record"]["neutral"]["occurrences"] == np.count_nonzero(
        talib.CDLDOJI(bars.open, bars.high, bars.low, bars.close)
    )
    assert doji["record"]["neutral"]["horizons"]["5d"]["hit_rate"] is None


def test_recent_lists_only_the_newest_bars() -> None:
    bars, _ = planted()
    scan = patterns_scan(bars, dates_for(80), names=["engulfing"], recent_bars=10)
    assert [r["date"] for r in scan["recent"]] == [dates_for(80)[77]]


def test_names_are_parsed_and_unknown_ones_refused() -> None:
    assert patterns_parse("Engulfing, CDLHAMMER,hammer") == ["engulfing", "hammer"]
    assert patterns_parse(None) == list(PATTERNS)
    with pytest.raises(PatternInputError) as unknown:
        patterns_parse("engulfing,headandshoulders")
    assert unknown.value.param == "patterns"
    assert "headandshoulders" in str(unknown.value)


def test_too_short_a_history_is_refused() -> None:
    bars = random_bars(12, seed=1)
    with pytest.raises(PatternInputError) as short:
        patterns_scan(bars, dates_for(12), names=["doji"])
    assert short.value.values == {"bars": 12, "needed": 30}
