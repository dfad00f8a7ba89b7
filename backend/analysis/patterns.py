"""Candlestick patterns with TA-Lib's 61 CDL* functions, what each means (English and Korean), and their record.

TA-Lib answers +100 / -100 (+200 / -200 for a confirmed hikkake) on the bar that completes a pattern, the sign
being the bullish or bearish reading; the candle-shape patterns that only describe indecision (doji, spinning top,
high wave...) are reported as neutral, since their sign is only the candle's colour. TA-Lib decides from the bar
and the bars before it (its body and shadow averages trail), so a pattern on bar t is known at t's close.

The record of a pattern on a stock: the forward returns 1, 5 and 20 bars after each occurrence whose window has
closed, beside the base rate (the mean forward return over the same horizon from every bar of the same history).
numpy and TA-Lib are imported inside the functions, so importing this module for its catalogue stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from analysis.indicators import Bars, FloatArray

HORIZONS: tuple[int, ...] = (1, 5, 20)
RECENT_BARS = 60  # occurrences this many bars old or newer are "recent" (markers on the chart)
MIN_BARS = 30  # fewer bars than this give TA-Lib's trailing averages nothing to compare a candle with


@dataclass(frozen=True, slots=True)
class Pattern:
    function: str  # TA-Lib's function name
    en: str
    ko: str
    meaning_en: str
    meaning_ko: str
    neutral: bool = False  # TA-Lib's sign is the candle's colour, not a reading


def _p(function: str, en: str, ko: str, meaning_en: str, meaning_ko: str, *, neutral: bool = False) -> Pattern:
    return Pattern(function, en, ko, meaning_en, meaning_ko, neutral)


_CATALOGUE: tuple[Pattern, ...] = (
    _p(
        "CDL2CROWS",
        "Two Crows",
        "두 까마귀",
        "After a long white candle, two black candles gap up then close lower: a bearish reversal warning.",
        "긴 양봉 뒤 두 개의 음봉이 갭 상승 후 더 낮게 마감합니다: 하락 반전 경고입니다.",
    ),
    _p(
        "CDL3BLACKCROWS",
        "Three Black Crows",
        "흑삼병",
        "Three long black candles closing near their lows, each lower: strong selling, a bearish reversal.",
        "저가 부근에서 마감하는 긴 음봉 세 개가 차례로 낮아집니다: 강한 매도세, 하락 반전입니다.",
    ),
    _p(
        "CDL3INSIDE",
        "Three Inside Up/Down",
        "쓰리 인사이드 업/다운",
        "A harami confirmed by a third candle closing beyond the first: a reversal in the direction of the third.",
        "세 번째 봉이 첫 봉을 넘어 마감해 잉태형을 확인합니다: 세 번째 봉 방향으로의 반전입니다.",
    ),
    _p(
        "CDL3LINESTRIKE",
        "Three-Line Strike",
        "쓰리 라인 스트라이크",
        "Three candles in one direction wiped out by a fourth long candle: often a continuation after a pause.",
        "한 방향의 세 봉을 네 번째 긴 봉이 모두 되돌립니다: 잠시 쉰 뒤 추세가 이어지는 경우가 많습니다.",
    ),
    _p(
        "CDL3OUTSIDE",
        "Three Outside Up/Down",
        "쓰리 아웃사이드 업/다운",
        "An engulfing pattern confirmed by a third candle in its direction: a reversal.",
        "장악형을 같은 방향의 세 번째 봉이 확인합니다: 반전 신호입니다.",
    ),
    _p(
        "CDL3STARSINSOUTH",
        "Three Stars In The South",
        "남쪽의 세 별",
        "Three shrinking black candles with rising lows in a downtrend: selling is fading, a bullish reversal.",
        "하락 추세에서 저가가 높아지며 작아지는 음봉 세 개: 매도세가 약해지는 상승 반전입니다.",
    ),
    _p(
        "CDL3WHITESOLDIERS",
        "Three Advancing White Soldiers",
        "적삼병",
        "Three long white candles closing near their highs, each higher: strong buying, a bullish reversal.",
        "고가 부근에서 마감하는 긴 양봉 세 개가 차례로 높아집니다: 강한 매수세, 상승 반전입니다.",
    ),
    _p(
        "CDLABANDONEDBABY",
        "Abandoned Baby",
        "버려진 아기",
        "A doji gapped away from the candles on both sides: a rare, strong reversal.",
        "양쪽 봉과 갭으로 떨어진 도지: 드물지만 강한 반전 신호입니다.",
    ),
    _p(
        "CDLADVANCEBLOCK",
        "Advance Block",
        "어드밴스 블록",
        "Three white candles with shrinking bodies and growing upper shadows: the rise is tiring, bearish.",
        "몸통이 작아지고 윗꼬리가 길어지는 양봉 세 개: 상승 힘이 약해지는 하락 신호입니다.",
    ),
    _p(
        "CDLBELTHOLD",
        "Belt-hold",
        "벨트 홀드",
        "A long candle opening at its extreme against the trend: a possible reversal.",
        "추세와 반대로 시가가 극단에서 시작하는 긴 봉: 반전 가능성입니다.",
    ),
    _p(
        "CDLBREAKAWAY",
        "Breakaway",
        "브레이크어웨이",
        "A gap in the trend, three small candles, then a long candle closing into the gap: a reversal.",
        "추세 방향 갭 뒤 작은 봉 세 개, 그리고 갭 안으로 마감하는 긴 봉: 반전 신호입니다.",
    ),
    _p(
        "CDLCLOSINGMARUBOZU",
        "Closing Marubozu",
        "종가 마루보즈",
        "A long candle with no shadow at the close end: the side that closed it is in control.",
        "종가 쪽 꼬리가 없는 긴 봉: 마감한 쪽이 주도권을 쥐고 있습니다.",
    ),
    _p(
        "CDLCONCEALBABYSWALL",
        "Concealing Baby Swallow",
        "컨실링 베이비 스왈로",
        "Four black candles where the last engulfs the third: selling exhausted, a bullish reversal.",
        "마지막 음봉이 세 번째를 감싸는 음봉 네 개: 매도 소진, 상승 반전입니다.",
    ),
    _p(
        "CDLCOUNTERATTACK",
        "Counterattack",
        "반격형",
        "A candle opposite to the previous one closing at the same price: the trend is being met.",
        "직전 봉과 반대 색의 봉이 같은 가격에서 마감합니다: 추세에 맞서는 힘이 나타났습니다.",
    ),
    _p(
        "CDLDARKCLOUDCOVER",
        "Dark Cloud Cover",
        "먹구름형",
        "A black candle opening above the prior white high and closing below its midpoint: bearish reversal.",
        "직전 양봉 고가 위에서 시작해 그 중간 아래로 마감하는 음봉: 하락 반전입니다.",
    ),
    _p(
        "CDLDOJI",
        "Doji",
        "도지",
        "Open and close almost equal: buyers and sellers are balanced, indecision.",
        "시가와 종가가 거의 같습니다: 매수와 매도가 균형을 이룬 망설임입니다.",
        neutral=True,
    ),
    _p(
        "CDLDOJISTAR",
        "Doji Star",
        "도지 스타",
        "A doji gapping away from a long candle: the trend may be stalling.",
        "긴 봉에서 갭으로 떨어진 도지: 추세가 멈칫할 수 있습니다.",
    ),
    _p(
        "CDLDRAGONFLYDOJI",
        "Dragonfly Doji",
        "잠자리 도지",
        "A doji with a long lower shadow: sellers pushed down but buyers took it back.",
        "아래꼬리가 긴 도지: 매도세가 밀어냈지만 매수세가 되찾았습니다.",
        neutral=True,
    ),
    _p(
        "CDLENGULFING",
        "Engulfing Pattern",
        "장악형",
        "A candle whose body engulfs the previous opposite one: a reversal in its direction.",
        "직전 반대 색 봉의 몸통을 감싸는 봉: 그 방향으로의 반전입니다.",
    ),
    _p(
        "CDLEVENINGDOJISTAR",
        "Evening Doji Star",
        "석별 도지형",
        "A long white candle, a doji gapping up, then a black candle: a bearish top reversal.",
        "긴 양봉, 갭 상승한 도지, 그리고 음봉: 천장의 하락 반전입니다.",
    ),
    _p(
        "CDLEVENINGSTAR",
        "Evening Star",
        "석별형",
        "A long white candle, a small star, then a long black candle: a bearish top reversal.",
        "긴 양봉, 작은 별, 그리고 긴 음봉: 천장의 하락 반전입니다.",
    ),
    _p(
        "CDLGAPSIDESIDEWHITE",
        "Up/Down-gap side-by-side white lines",
        "갭 나란히 양봉",
        "Two similar white candles after a gap: the trend of the gap tends to continue.",
        "갭 뒤에 비슷한 양봉 두 개가 나란히: 갭 방향의 추세가 이어지기 쉽습니다.",
    ),
    _p(
        "CDLGRAVESTONEDOJI",
        "Gravestone Doji",
        "비석 도지",
        "A doji with a long upper shadow: buyers pushed up but sellers took it back.",
        "윗꼬리가 긴 도지: 매수세가 밀어올렸지만 매도세가 되돌렸습니다.",
        neutral=True,
    ),
    _p(
        "CDLHAMMER",
        "Hammer",
        "망치형",
        "A small body at the top with a long lower shadow after a fall: a bullish reversal.",
        "하락 뒤 위쪽에 작은 몸통과 긴 아래꼬리: 상승 반전입니다.",
    ),
    _p(
        "CDLHANGINGMAN",
        "Hanging Man",
        "교수형",
        "A hammer shape after a rise: selling pressure is showing, bearish.",
        "상승 뒤 나타난 망치 모양: 매도 압력이 드러나는 하락 신호입니다.",
    ),
    _p(
        "CDLHARAMI",
        "Harami Pattern",
        "잉태형",
        "A small body inside the previous long body: the trend is losing force, a possible reversal.",
        "직전 긴 몸통 안에 들어간 작은 몸통: 추세의 힘이 빠져 반전할 수 있습니다.",
    ),
    _p(
        "CDLHARAMICROSS",
        "Harami Cross Pattern",
        "십자 잉태형",
        "A doji inside the previous long body: a stronger harami, a possible reversal.",
        "직전 긴 몸통 안의 도지: 더 강한 잉태형으로 반전 가능성입니다.",
    ),
    _p(
        "CDLHIGHWAVE",
        "High-Wave Candle",
        "하이 웨이브",
        "A small body with very long shadows both ways: high uncertainty.",
        "양쪽 꼬리가 매우 긴 작은 몸통: 불확실성이 큽니다.",
        neutral=True,
    ),
    _p(
        "CDLHIKKAKE",
        "Hikkake Pattern",
        "히카케",
        "An inside bar whose false breakout reverses: a trap; the move goes the other way.",
        "인사이드 바의 가짜 돌파가 되돌려집니다: 함정이며 반대 방향으로 움직입니다.",
    ),
    _p(
        "CDLHIKKAKEMOD",
        "Modified Hikkake Pattern",
        "수정 히카케",
        "A hikkake with a stricter setup near the prior range's edge: a trap reversal.",
        "이전 범위 끝에서 더 엄격하게 정의한 히카케: 함정 뒤 반전입니다.",
    ),
    _p(
        "CDLHOMINGPIGEON",
        "Homing Pigeon",
        "호밍 피존",
        "Two black candles, the second inside the first: selling is easing, bullish.",
        "두 번째 음봉이 첫 음봉 안에 들어갑니다: 매도세가 누그러지는 상승 신호입니다.",
    ),
    _p(
        "CDLIDENTICAL3CROWS",
        "Identical Three Crows",
        "동일 흑삼병",
        "Three black candles, each opening at the prior close: heavy selling, bearish.",
        "각 봉이 직전 종가에서 시작하는 음봉 세 개: 강한 매도세, 하락 신호입니다.",
    ),
    _p(
        "CDLINNECK",
        "In-Neck Pattern",
        "인넥형",
        "In a fall, a white candle closing just into the prior black body: the fall tends to continue.",
        "하락 중 직전 음봉 몸통 안쪽 조금에서 마감한 양봉: 하락이 이어지기 쉽습니다.",
    ),
    _p(
        "CDLINVERTEDHAMMER",
        "Inverted Hammer",
        "역망치형",
        "A small body at the bottom with a long upper shadow after a fall: a possible bullish reversal.",
        "하락 뒤 아래쪽에 작은 몸통과 긴 윗꼬리: 상승 반전 가능성입니다.",
    ),
    _p(
        "CDLKICKING",
        "Kicking",
        "킥킹",
        "A marubozu followed by an opposite marubozu across a gap: a strong move in the second's direction.",
        "마루보즈 뒤 갭을 두고 반대 마루보즈: 두 번째 봉 방향으로 강한 움직임입니다.",
    ),
    _p(
        "CDLKICKINGBYLENGTH",
        "Kicking by length",
        "킥킹 (길이 기준)",
        "Kicking, its direction set by the longer marubozu.",
        "더 긴 마루보즈가 방향을 정하는 킥킹입니다.",
    ),
    _p(
        "CDLLADDERBOTTOM",
        "Ladder Bottom",
        "래더 바텀",
        "Three black candles, a fourth with an upper shadow, then a white gap up: a bullish bottom.",
        "음봉 세 개, 윗꼬리 있는 네 번째 봉, 그리고 갭 상승 양봉: 바닥의 상승 신호입니다.",
    ),
    _p(
        "CDLLONGLEGGEDDOJI",
        "Long Legged Doji",
        "긴 다리 도지",
        "A doji with long shadows both ways: strong indecision.",
        "양쪽 꼬리가 긴 도지: 강한 망설임입니다.",
        neutral=True,
    ),
    _p(
        "CDLLONGLINE",
        "Long Line Candle",
        "장대봉",
        "A long body with short shadows: the side that won the day dominates.",
        "꼬리가 짧은 긴 몸통: 그날 이긴 쪽이 우세합니다.",
        neutral=True,
    ),
    _p(
        "CDLMARUBOZU",
        "Marubozu",
        "마루보즈",
        "A long body with no shadows: one side controlled the whole session.",
        "꼬리가 없는 긴 몸통: 한쪽이 장 내내 주도했습니다.",
    ),
    _p(
        "CDLMATCHINGLOW",
        "Matching Low",
        "동일 저가형",
        "Two black candles closing at the same low: support, a bullish reversal.",
        "같은 저가에서 마감한 음봉 두 개: 지지선, 상승 반전입니다.",
    ),
    _p(
        "CDLMATHOLD",
        "Mat Hold",
        "매트 홀드",
        "A long white candle, a small pullback held above its low, then a new high: the rise continues.",
        "긴 양봉 뒤 저가를 지킨 작은 조정, 그리고 신고가: 상승이 이어집니다.",
    ),
    _p(
        "CDLMORNINGDOJISTAR",
        "Morning Doji Star",
        "샛별 도지형",
        "A long black candle, a doji gapping down, then a white candle: a bullish bottom reversal.",
        "긴 음봉, 갭 하락한 도지, 그리고 양봉: 바닥의 상승 반전입니다.",
    ),
    _p(
        "CDLMORNINGSTAR",
        "Morning Star",
        "샛별형",
        "A long black candle, a small star, then a long white candle: a bullish bottom reversal.",
        "긴 음봉, 작은 별, 그리고 긴 양봉: 바닥의 상승 반전입니다.",
    ),
    _p(
        "CDLONNECK",
        "On-Neck Pattern",
        "온넥형",
        "In a fall, a white candle closing at the prior low: the fall tends to continue.",
        "하락 중 직전 저가에서 마감한 양봉: 하락이 이어지기 쉽습니다.",
    ),
    _p(
        "CDLPIERCING",
        "Piercing Pattern",
        "관통형",
        "A white candle opening below the prior black low and closing above its midpoint: bullish reversal.",
        "직전 음봉 저가 아래에서 시작해 그 중간 위로 마감하는 양봉: 상승 반전입니다.",
    ),
    _p(
        "CDLRICKSHAWMAN",
        "Rickshaw Man",
        "릭쇼맨",
        "A long-legged doji with its body in the middle of the range: indecision.",
        "몸통이 범위 한가운데 있는 긴 다리 도지: 망설임입니다.",
        neutral=True,
    ),
    _p(
        "CDLRISEFALL3METHODS",
        "Rising/Falling Three Methods",
        "상승/하락 삼법",
        "A long candle, three small counter candles inside it, then a long candle on: the trend continues.",
        "긴 봉, 그 안의 작은 반대 봉 세 개, 다시 같은 방향의 긴 봉: 추세가 이어집니다.",
    ),
    _p(
        "CDLSEPARATINGLINES",
        "Separating Lines",
        "격리형",
        "An opposite candle followed by one opening at the same price in the trend's direction: continuation.",
        "반대 색 봉 뒤 같은 시가에서 추세 방향으로 시작하는 봉: 추세 지속입니다.",
    ),
    _p(
        "CDLSHOOTINGSTAR",
        "Shooting Star",
        "유성형",
        "A small body at the bottom with a long upper shadow after a rise: a bearish reversal.",
        "상승 뒤 아래쪽에 작은 몸통과 긴 윗꼬리: 하락 반전입니다.",
    ),
    _p(
        "CDLSHORTLINE",
        "Short Line Candle",
        "단봉",
        "A short body with short shadows: little conviction either way.",
        "몸통과 꼬리가 모두 짧은 봉: 어느 쪽도 확신이 적습니다.",
        neutral=True,
    ),
    _p(
        "CDLSPINNINGTOP",
        "Spinning Top",
        "팽이형",
        "A small body with shadows longer than it: indecision.",
        "몸통보다 긴 꼬리를 가진 작은 몸통: 망설임입니다.",
        neutral=True,
    ),
    _p(
        "CDLSTALLEDPATTERN",
        "Stalled Pattern",
        "정체형",
        "Three white candles, the last small near the top: the rise is stalling, bearish.",
        "양봉 세 개 중 마지막이 고점 부근에서 작아집니다: 상승이 멈칫하는 하락 신호입니다.",
    ),
    _p(
        "CDLSTICKSANDWICH",
        "Stick Sandwich",
        "스틱 샌드위치",
        "Two black candles with the same close around a white one: support, bullish.",
        "양봉을 사이에 두고 같은 종가의 음봉 두 개: 지지선, 상승 신호입니다.",
    ),
    _p(
        "CDLTAKURI",
        "Takuri",
        "타쿠리",
        "A dragonfly doji with a very long lower shadow: buyers rejected lower prices, bullish.",
        "아래꼬리가 매우 긴 잠자리 도지: 매수세가 낮은 가격을 거부한 상승 신호입니다.",
    ),
    _p(
        "CDLTASUKIGAP",
        "Tasuki Gap",
        "타스키 갭",
        "A gap in the trend partly filled by an opposite candle: the trend tends to continue.",
        "추세 방향 갭을 반대 봉이 일부만 메웁니다: 추세가 이어지기 쉽습니다.",
    ),
    _p(
        "CDLTHRUSTING",
        "Thrusting Pattern",
        "스러스팅형",
        "In a fall, a white candle closing inside but below the middle of the prior black body: continuation down.",
        "하락 중 직전 음봉 몸통의 중간 아래에서 마감한 양봉: 하락 지속입니다.",
    ),
    _p(
        "CDLTRISTAR",
        "Tristar Pattern",
        "트라이스타",
        "Three doji with the middle one gapped: a rare reversal.",
        "가운데가 갭으로 떨어진 도지 세 개: 드문 반전 신호입니다.",
    ),
    _p(
        "CDLUNIQUE3RIVER",
        "Unique 3 River",
        "유니크 쓰리 리버",
        "A long black candle, a black harami with a new low, then a small white candle: a bullish bottom.",
        "긴 음봉, 신저가의 음봉 잉태형, 그리고 작은 양봉: 바닥의 상승 신호입니다.",
    ),
    _p(
        "CDLUPSIDEGAP2CROWS",
        "Upside Gap Two Crows",
        "상승 갭 두 까마귀",
        "After a gap up, two black candles, the second engulfing the first: a bearish reversal.",
        "갭 상승 뒤 두 번째가 첫 번째를 감싸는 음봉 두 개: 하락 반전입니다.",
    ),
    _p(
        "CDLXSIDEGAP3METHODS",
        "Upside/Downside Gap Three Methods",
        "갭 삼법",
        "A gap between two candles of the trend, closed by an opposite candle: the trend continues.",
        "추세 방향 두 봉 사이의 갭을 반대 봉이 메웁니다: 추세가 이어집니다.",
    ),
)

# Keyed by the function's name without "CDL", lower-cased: "engulfing", "3blackcrows".
PATTERNS: dict[str, Pattern] = {p.function.removeprefix("CDL").lower(): p for p in _CATALOGUE}


class PatternInputError(ValueError):
    """Input the pattern scan cannot run on; `param` names the parameter to blame."""

    def __init__(self, message: str, *, param: str, **values: Any) -> None:
        super().__init__(message)
        self.param = param
        self.values = values


def patterns_parse(value: str | None) -> list[str]:
    """`engulfing,hammer` -> those names; None or blank -> every pattern; an unknown name is refused."""
    if value is None or not value.strip():
        return list(PATTERNS)
    names = [part.strip().lower().removeprefix("cdl") for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in PATTERNS]
    if unknown:
        raise PatternInputError(
            f"unknown pattern '{unknown[0][:24]}'; names are TA-Lib's {len(PATTERNS)} CDL functions without CDL, "
            "lower-case (engulfing, hammer, morningstar...).",
            param="patterns",
            name=unknown[0][:24],
        )
    return list(dict.fromkeys(names))


def pattern_values(bars: Bars, name: str) -> npt.NDArray[np.int32]:
    """TA-Lib's output for one pattern with its default parameters: 0, +-100 or +-200 on each bar."""
    import numpy as np
    import talib

    function = getattr(talib, PATTERNS[name].function)
    return np.asarray(function(bars.open, bars.high, bars.low, bars.close), dtype=np.int32)


def _mean(values: FloatArray) -> float | None:
    import numpy as np

    return round(float(np.mean(values)), 6) if len(values) else None


def base_rates(close: FloatArray) -> dict[str, dict[str, float | int | None]]:
    """The unconditional forward return per horizon: from every bar whose window closed in the history."""
    import numpy as np

    from analysis.signals import forward_returns

    rates: dict[str, dict[str, float | int | None]] = {}
    for horizon in HORIZONS:
        returns = forward_returns(close, horizon)
        known = returns[~np.isnan(returns)]
        rates[f"{horizon}d"] = {
            "count": len(known),
            "mean_return": _mean(known),
            "positive_rate": _mean((known > 0).astype(np.float64)),
        }
    return rates


def pattern_record(values: npt.NDArray[np.int32], close: FloatArray, *, neutral: bool) -> dict[str, Any]:
    """Per direction (bullish, bearish; or neutral) and horizon: occurrences whose window closed, their mean forward
    return, how often it was positive, and how often it went the pattern's way (None for neutral patterns)."""
    import numpy as np

    from analysis.signals import forward_returns

    directions = (
        (("neutral", values != 0, 0),) if neutral else (("bullish", values > 0, 1), ("bearish", values < 0, -1))
    )
    record: dict[str, Any] = {}
    for label, mask, sign in directions:
        per_horizon: dict[str, dict[str, float | int | None]] = {}
        for horizon in HORIZONS:
            returns = forward_returns(close, horizon)
            picked = returns[mask & ~np.isnan(returns)]
            per_horizon[f"{horizon}d"] = {
                "events": len(picked),
                "mean_return": _mean(picked),
                "positive_rate": _mean((picked > 0).astype(np.float64)),
                "hit_rate": _mean((picked * sign > 0).astype(np.float64)) if sign else None,
            }
        record[label] = {"occurrences": int(np.count_nonzero(mask)), "horizons": per_horizon}
    return record


def _direction(value: int, neutral: bool) -> str:
    if neutral:
        return "neutral"
    return "bullish" if value > 0 else "bearish"


def patterns_scan(
    bars: Bars, dates: Sequence[str], *, names: Sequence[str], recent_bars: int = RECENT_BARS
) -> dict[str, Any]:
    """Every named pattern's record on this history and its occurrences in the newest `recent_bars` bars."""
    import numpy as np

    if len(bars) < MIN_BARS:
        raise PatternInputError(
            f"the stock has {len(bars)} bars; candlestick patterns need at least {MIN_BARS}.",
            param="symbol",
            bars=len(bars),
            needed=MIN_BARS,
        )
    first_recent = max(0, len(bars) - recent_bars)
    patterns: list[dict[str, Any]] = []
    recent: list[dict[str, Any]] = []
    for name in names:
        spec = PATTERNS[name]
        values = pattern_values(bars, name)
        hits = np.flatnonzero(values)
        patterns.append(
            {
                "name": name,
                "function": spec.function,
                "label": {"en": spec.en, "ko": spec.ko},
                "meaning": {"en": spec.meaning_en, "ko": spec.meaning_ko},
                "neutral": spec.neutral,
                "occurrences": len(hits),
                "last_date": dates[int(hits[-1])] if len(hits) else None,
                "record": pattern_record(values, bars.close, neutral=spec.neutral),
            }
        )
        recent.extend(
            {
                "date": dates[int(i)],
                "pattern": name,
                "direction": _direction(int(values[i]), spec.neutral),
                "value": int(values[i]),
            }
            for i in hits[hits >= first_recent]
        )
    recent.sort(key=lambda r: (r["date"], r["pattern"]))
    return {
        "as_of": dates[-1],
        "bars": len(bars),
        "recent_bars": recent_bars,
        "horizons": [f"{h}d" for h in HORIZONS],
        "base_rate": base_rates(bars.close),
        "patterns": patterns,
        "recent": recent,
    }
