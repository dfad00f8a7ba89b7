"""Trading signals from indicators, a composite score, and each signal's track record on the same stock.

Every rule turns a causal indicator into an event series (+1 bullish, -1 bearish, 0 nothing) and a current
score in [-1, 1]. The track record of a rule uses only bars before the date it is reported for: an event
counts only when its whole forward window closed before that date, so no future price leaks in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.indicators import Bars

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from analysis.indicators import FloatArray

    EventArray = npt.NDArray[np.int8]

HORIZONS: tuple[int, ...] = (5, 20)
RECENT_BARS = 5  # a crossing this many bars old or newer still counts as "just happened"
OBV_TREND_BARS = 20
RSI_OVERSOLD, RSI_OVERBOUGHT = 30.0, 70.0
STOCH_OVERSOLD, STOCH_OVERBOUGHT = 20.0, 80.0
RECENT_EVENTS = 5


@dataclass(frozen=True, slots=True)
class Reading:
    """A rule's view of the last bar: score in [-1, 1], readable values and explanations."""

    score: float
    values: dict[str, float | None]
    en: str
    ko: str


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    events: Callable[[Bars], EventArray]
    read: Callable[[Bars, EventArray], Reading | None]


def _crossings(fast: FloatArray, slow: FloatArray) -> EventArray:
    """+1 where `fast` closes above `slow` after being at or below it, -1 for the reverse; NaN never crosses."""
    import numpy as np

    events = np.zeros(len(fast), dtype=np.int8)
    if len(fast) < 2:
        return events
    now, before = fast[1:] - slow[1:], fast[:-1] - slow[:-1]
    events[1:][(now > 0) & (before <= 0)] = 1
    events[1:][(now < 0) & (before >= 0)] = -1
    return events


def _entering(condition: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    entered = condition.copy()
    entered[1:] &= ~condition[:-1]
    if len(entered):
        entered[0] = False
    return entered


def _last_event(events: EventArray) -> tuple[int, int] | None:
    """(bars ago, direction) of the newest event, or None."""
    import numpy as np

    idx = np.flatnonzero(events)
    if len(idx) == 0:
        return None
    last = int(idx[-1])
    return len(events) - 1 - last, int(events[last])


def _num(value: float) -> float | None:
    import numpy as np

    return None if np.isnan(value) else round(float(value), 4)


# RSI: entering oversold is bullish, entering overbought bearish; the score is the current zone.
def _rsi_events(bars: Bars) -> EventArray:
    import numpy as np
    import talib

    rsi = talib.RSI(bars.close, timeperiod=14)
    events = np.zeros(len(bars), dtype=np.int8)
    events[_entering(rsi < RSI_OVERSOLD)] = 1
    events[_entering(rsi > RSI_OVERBOUGHT)] = -1
    return events


def _rsi_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np
    import talib

    rsi = float(talib.RSI(bars.close, timeperiod=14)[-1])
    if np.isnan(rsi):
        return None
    if rsi < RSI_OVERSOLD:
        return Reading(
            1.0,
            {"rsi": _num(rsi)},
            f"RSI {rsi:.1f} is below 30: oversold; selling may be exhausted and a rebound is possible.",
            f"RSI가 {rsi:.1f}로 30 아래입니다: 과매도 구간이라 매도세가 약해지고 반등할 수 있습니다.",
        )
    if rsi > RSI_OVERBOUGHT:
        return Reading(
            -1.0,
            {"rsi": _num(rsi)},
            f"RSI {rsi:.1f} is above 70: overbought; the rise may pause or reverse.",
            f"RSI가 {rsi:.1f}로 70 위입니다: 과매수 구간이라 상승이 쉬거나 되돌릴 수 있습니다.",
        )
    return Reading(
        0.0,
        {"rsi": _num(rsi)},
        f"RSI {rsi:.1f} is between 30 and 70: neither oversold nor overbought.",
        f"RSI가 {rsi:.1f}로 30과 70 사이입니다: 과매도도 과매수도 아닙니다.",
    )


# MACD: crossing its signal line.
def _macd(bars: Bars) -> tuple[FloatArray, FloatArray]:
    import talib

    macd, signal, _ = talib.MACD(bars.close, fastperiod=12, slowperiod=26, signalperiod=9)
    return macd, signal


def _macd_events(bars: Bars) -> EventArray:
    return _crossings(*_macd(bars))


def _macd_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np

    macd, signal = (float(a[-1]) for a in _macd(bars))
    if np.isnan(macd) or np.isnan(signal):
        return None
    values = {"macd": _num(macd), "signal": _num(signal)}
    last = _last_event(events)
    if last is not None and last[0] < RECENT_BARS:
        ago, direction = last
        when_en = "on the last bar" if ago == 0 else f"{ago} bar{'s' if ago > 1 else ''} ago"
        when_ko = "마지막 봉에서" if ago == 0 else f"{ago}봉 전에"
        if direction > 0:
            return Reading(
                1.0,
                values,
                f"MACD crossed above its signal line {when_en}: momentum turned up.",
                f"MACD가 {when_ko} 시그널선을 상향 돌파했습니다: 상승 모멘텀으로 전환되었습니다.",
            )
        return Reading(
            -1.0,
            values,
            f"MACD crossed below its signal line {when_en}: momentum turned down.",
            f"MACD가 {when_ko} 시그널선을 하향 돌파했습니다: 하락 모멘텀으로 전환되었습니다.",
        )
    if macd > signal:
        return Reading(
            0.5,
            values,
            "MACD is above its signal line: momentum is up, with no fresh crossing.",
            "MACD가 시그널선 위에 있습니다: 최근 교차는 없지만 상승 모멘텀입니다.",
        )
    return Reading(
        -0.5,
        values,
        "MACD is below its signal line: momentum is down, with no fresh crossing.",
        "MACD가 시그널선 아래에 있습니다: 최근 교차는 없지만 하락 모멘텀입니다.",
    )


# Bollinger Bands: a close outside the bands (mean reversion reading).
def _bands(bars: Bars) -> tuple[FloatArray, FloatArray]:
    import talib

    upper, _, lower = talib.BBANDS(bars.close, timeperiod=20, nbdevup=2, nbdevdn=2, matype=talib.MA_Type.SMA)
    return upper, lower


def _bbands_events(bars: Bars) -> EventArray:
    import numpy as np

    upper, lower = _bands(bars)
    events = np.zeros(len(bars), dtype=np.int8)
    events[_entering(bars.close < lower)] = 1
    events[_entering(bars.close > upper)] = -1
    return events


def _bbands_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np

    upper, lower = (float(a[-1]) for a in _bands(bars))
    close = float(bars.close[-1])
    if np.isnan(upper) or np.isnan(lower):
        return None
    values = {"close": _num(close), "upper": _num(upper), "lower": _num(lower)}
    if close < lower:
        return Reading(
            1.0,
            values,
            f"The close {close:.2f} is below the lower band {lower:.2f}: stretched to the downside.",
            f"종가 {close:.2f}가 하단 밴드 {lower:.2f} 아래입니다: 아래로 과하게 벌어졌습니다.",
        )
    if close > upper:
        return Reading(
            -1.0,
            values,
            f"The close {close:.2f} is above the upper band {upper:.2f}: stretched to the upside.",
            f"종가 {close:.2f}가 상단 밴드 {upper:.2f} 위입니다: 위로 과하게 벌어졌습니다.",
        )
    return Reading(
        0.0,
        values,
        "The close is inside the Bollinger Bands.",
        "종가가 볼린저 밴드 안에 있습니다.",
    )


# SMA 50/200: golden and death crosses.
def _smas(bars: Bars) -> tuple[FloatArray, FloatArray]:
    import talib

    return talib.SMA(bars.close, timeperiod=50), talib.SMA(bars.close, timeperiod=200)


def _sma_events(bars: Bars) -> EventArray:
    return _crossings(*_smas(bars))


def _sma_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np

    fast, slow = (float(a[-1]) for a in _smas(bars))
    if np.isnan(fast) or np.isnan(slow):
        return None
    values = {"sma50": _num(fast), "sma200": _num(slow)}
    last = _last_event(events)
    if last is not None and last[0] < RECENT_BARS:
        if last[1] > 0:
            return Reading(
                1.0,
                values,
                "Golden cross: the 50-day average just crossed above the 200-day average.",
                "골든 크로스: 50일 이동평균이 200일 이동평균을 막 상향 돌파했습니다.",
            )
        return Reading(
            -1.0,
            values,
            "Death cross: the 50-day average just crossed below the 200-day average.",
            "데드 크로스: 50일 이동평균이 200일 이동평균을 막 하향 돌파했습니다.",
        )
    if fast > slow:
        return Reading(
            0.5,
            values,
            "The 50-day average is above the 200-day average: a long-term uptrend.",
            "50일 이동평균이 200일 이동평균 위에 있습니다: 장기 상승 추세입니다.",
        )
    return Reading(
        -0.5,
        values,
        "The 50-day average is below the 200-day average: a long-term downtrend.",
        "50일 이동평균이 200일 이동평균 아래에 있습니다: 장기 하락 추세입니다.",
    )


# Stochastic: %K crossing %D while below 20 (bullish) or above 80 (bearish).
def _stoch(bars: Bars) -> tuple[FloatArray, FloatArray]:
    import talib

    k, d = talib.STOCH(
        bars.high,
        bars.low,
        bars.close,
        fastk_period=14,
        slowk_period=3,
        slowk_matype=talib.MA_Type.SMA,
        slowd_period=3,
        slowd_matype=talib.MA_Type.SMA,
    )
    return k, d


def _stoch_events(bars: Bars) -> EventArray:
    import numpy as np

    k, d = _stoch(bars)
    crossings = _crossings(k, d)
    events = np.zeros(len(bars), dtype=np.int8)
    zone_low = np.minimum(k, d) < STOCH_OVERSOLD
    zone_high = np.maximum(k, d) > STOCH_OVERBOUGHT
    previous_low = np.concatenate(([False], zone_low[:-1])) if len(bars) else zone_low
    previous_high = np.concatenate(([False], zone_high[:-1])) if len(bars) else zone_high
    events[(crossings > 0) & (zone_low | previous_low)] = 1
    events[(crossings < 0) & (zone_high | previous_high)] = -1
    return events


def _stoch_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np

    k, d = (float(a[-1]) for a in _stoch(bars))
    if np.isnan(k) or np.isnan(d):
        return None
    values = {"k": _num(k), "d": _num(d)}
    last = _last_event(events)
    if last is not None and last[0] < RECENT_BARS:
        if last[1] > 0:
            return Reading(
                1.0,
                values,
                "Stochastic %K crossed above %D below 20: an oversold turn upward.",
                "스토캐스틱 %K가 20 아래에서 %D를 상향 돌파했습니다: 과매도에서 상승 전환 신호입니다.",
            )
        return Reading(
            -1.0,
            values,
            "Stochastic %K crossed below %D above 80: an overbought turn downward.",
            "스토캐스틱 %K가 80 위에서 %D를 하향 돌파했습니다: 과매수에서 하락 전환 신호입니다.",
        )
    if k < STOCH_OVERSOLD:
        return Reading(
            0.5,
            values,
            f"Stochastic %K {k:.1f} is below 20 (oversold) without a crossing yet.",
            f"스토캐스틱 %K가 {k:.1f}로 20 아래(과매도)지만 아직 교차는 없습니다.",
        )
    if k > STOCH_OVERBOUGHT:
        return Reading(
            -0.5,
            values,
            f"Stochastic %K {k:.1f} is above 80 (overbought) without a crossing yet.",
            f"스토캐스틱 %K가 {k:.1f}로 80 위(과매수)지만 아직 교차는 없습니다.",
        )
    return Reading(
        0.0,
        values,
        f"Stochastic %K {k:.1f} is between 20 and 80.",
        f"스토캐스틱 %K가 {k:.1f}로 20과 80 사이입니다.",
    )


# OBV: does volume flow over the last 20 bars confirm the price trend or diverge from it?
def _obv_trend(bars: Bars) -> tuple[FloatArray, FloatArray]:
    import numpy as np
    import talib

    obv = talib.OBV(bars.close, bars.volume)
    obv_change = np.full(len(bars), np.nan)
    price_change = np.full(len(bars), np.nan)
    if len(bars) > OBV_TREND_BARS:
        obv_change[OBV_TREND_BARS:] = obv[OBV_TREND_BARS:] - obv[:-OBV_TREND_BARS]
        price_change[OBV_TREND_BARS:] = bars.close[OBV_TREND_BARS:] - bars.close[:-OBV_TREND_BARS]
    return obv_change, price_change


def _obv_events(bars: Bars) -> EventArray:
    import numpy as np

    obv_change, _ = _obv_trend(bars)
    state = np.sign(np.nan_to_num(obv_change)).astype(np.int8)
    events = np.zeros(len(bars), dtype=np.int8)
    if len(bars) > 1:
        changed = (state[1:] != state[:-1]) & (state[1:] != 0)
        events[1:][changed] = state[1:][changed]
    return events


def _obv_read(bars: Bars, events: EventArray) -> Reading | None:
    import numpy as np

    obv_change, price_change = (float(a[-1]) for a in _obv_trend(bars))
    if np.isnan(obv_change) or np.isnan(price_change):
        return None
    values = {"obv_change_20": _num(obv_change), "price_change_20": _num(price_change)}
    if obv_change == 0:
        return Reading(0.0, values, "OBV is flat over 20 bars.", "최근 20봉 동안 OBV가 보합입니다.")
    up = obv_change > 0
    if (price_change > 0) == up and price_change != 0:
        if up:
            return Reading(
                0.5,
                values,
                "OBV and price both rose over 20 bars: volume confirms the uptrend.",
                "최근 20봉 동안 OBV와 가격이 함께 올랐습니다: 거래량이 상승 추세를 확인합니다.",
            )
        return Reading(
            -0.5,
            values,
            "OBV and price both fell over 20 bars: volume confirms the downtrend.",
            "최근 20봉 동안 OBV와 가격이 함께 내렸습니다: 거래량이 하락 추세를 확인합니다.",
        )
    if up:
        return Reading(
            0.5,
            values,
            "OBV rose while price did not over 20 bars: a bullish divergence (accumulation).",
            "최근 20봉 동안 가격은 오르지 않았는데 OBV는 올랐습니다: 상승 다이버전스(매집)입니다.",
        )
    return Reading(
        -0.5,
        values,
        "OBV fell while price did not over 20 bars: a bearish divergence (distribution).",
        "최근 20봉 동안 가격은 내리지 않았는데 OBV는 내렸습니다: 하락 다이버전스(분산)입니다.",
    )


RULES: tuple[Rule, ...] = (
    Rule("rsi", _rsi_events, _rsi_read),
    Rule("macd", _macd_events, _macd_read),
    Rule("bbands", _bbands_events, _bbands_read),
    Rule("sma_cross", _sma_events, _sma_read),
    Rule("stoch", _stoch_events, _stoch_read),
    Rule("obv", _obv_events, _obv_read),
)


def forward_returns(close: FloatArray, horizon: int) -> FloatArray:
    """close[t + horizon] / close[t] - 1 at every t; NaN where the window runs past the end."""
    import numpy as np

    result = np.full(len(close), np.nan)
    if len(close) > horizon:
        result[:-horizon] = close[horizon:] / close[:-horizon] - 1.0
    return result


def track_record(
    events: EventArray, close: FloatArray, *, horizon: int, before: int
) -> dict[str, dict[str, float | int | None]]:
    """Record of bullish and bearish events whose `horizon`-bar window ended before bar index `before`.

    Only close[:before] is read. `buy_and_hold_mean_return` is the mean `horizon`-bar return of holding from
    every bar of that same history, the bar a signal has to beat; `hit_rate` is how often the return went the
    signalled way; `positive_rate` how often it was positive.
    """
    import numpy as np

    usable = max(0, before - horizon)  # start bars t with t + horizon <= before - 1
    known = close[:before]
    returns = forward_returns(known, horizon)[:usable]
    baseline = float(np.mean(returns)) if usable else None
    record: dict[str, dict[str, float | int | None]] = {}
    for label, direction in (("bullish", 1), ("bearish", -1)):
        picked = returns[events[:usable] == direction]
        count = len(picked)
        record[label] = {
            "events": count,
            "positive_rate": _rate(float(np.mean(picked > 0))) if count else None,
            "hit_rate": _rate(float(np.mean(picked * direction > 0))) if count else None,
            "mean_return": _rate(float(np.mean(picked))) if count else None,
            "buy_and_hold_mean_return": _rate(baseline) if baseline is not None else None,
        }
    return record


def _rate(value: float) -> float:
    return round(value, 6)


def _stance(score: float) -> str:
    if score >= 0.5:
        return "strong_buy"
    if score >= 0.2:
        return "buy"
    if score <= -0.5:
        return "strong_sell"
    if score <= -0.2:
        return "sell"
    return "neutral"


_STANCE_TEXT = {
    "strong_buy": ("strongly bullish", "강한 매수"),
    "buy": ("bullish", "매수"),
    "neutral": ("neutral", "중립"),
    "sell": ("bearish", "매도"),
    "strong_sell": ("strongly bearish", "강한 매도"),
}


def signals_evaluate(bars: Bars, dates: Sequence[str], *, bar_unit: str = "d") -> dict[str, Any]:
    """Every rule's reading on the last bar with its track record, plus the composite score in [-1, 1].

    Horizons count bars; `bar_unit` labels them ("d" for daily bars: "5d", "20d"; "w" for weekly: "5w", "20w").
    """
    import numpy as np

    reports: dict[str, dict[str, Any]] = {}
    scores: list[float] = []
    count = len(bars)
    for rule in RULES:
        events = rule.events(bars)
        reading = rule.read(bars, events) if count else None
        if reading is None:
            reports[rule.name] = {
                "score": None,
                "stance": "unavailable",
                "values": {},
                "explanation": {
                    "en": "Not enough price history for this signal yet.",
                    "ko": "이 신호를 계산하기에 가격 이력이 아직 부족합니다.",
                },
                "recent_events": [],
                "track_record": {},
            }
            continue
        scores.append(reading.score)
        reports[rule.name] = {
            "score": reading.score,
            "stance": _stance(reading.score),
            "values": reading.values,
            "explanation": {"en": reading.en, "ko": reading.ko},
            "recent_events": _recent_events(events, bars.close, dates, bar_unit),
            "track_record": {
                f"{h}{bar_unit}": track_record(events, bars.close, horizon=h, before=count - 1) for h in HORIZONS
            },
        }
    composite = round(float(np.clip(np.mean(scores), -1.0, 1.0)), 4) if scores else None
    stance = _stance(composite) if composite is not None else "unavailable"
    if composite is None:
        explanation = {
            "en": "Not enough price history for signals yet.",
            "ko": "신호를 계산하기에 가격 이력이 부족합니다.",
        }
    else:
        en, ko = _STANCE_TEXT[stance]
        explanation = {
            "en": f"{len(scores)} signals average {composite:+.2f}: {en}.",
            "ko": f"{len(scores)}개 신호의 평균은 {composite:+.2f}입니다: {ko}.",
        }
    return {
        "as_of": dates[-1] if count else None,
        "composite": {"score": composite, "stance": stance, "explanation": explanation, "signals_used": len(scores)},
        "rules": reports,
    }


def _recent_events(events: EventArray, close: FloatArray, dates: Sequence[str], bar_unit: str) -> list[dict[str, Any]]:
    """The newest events, each with the forward returns realised so far (null while the window is open)."""
    import numpy as np

    indices = np.flatnonzero(events)[-RECENT_EVENTS:]
    returns = {h: forward_returns(close, h) for h in HORIZONS}
    return [
        {
            "date": dates[int(i)],
            "direction": "bullish" if events[i] > 0 else "bearish",
            **{f"return_{h}{bar_unit}": _num(returns[h][i]) for h in HORIZONS},
        }
        for i in indices
    ]
