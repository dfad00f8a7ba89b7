"""Technical indicators over numpy arrays with TA-Lib: names, outputs, default parameters and their allowed ranges."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Param:
    """One tunable parameter: TA-Lib's keyword, our default, and the inclusive range a client may ask for."""

    name: str
    default: float
    minimum: float
    maximum: float
    integer: bool = True


@dataclass(frozen=True, slots=True)
class Bars:
    """A price history as float64 arrays of equal length, oldest first."""

    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    volume: FloatArray

    def __len__(self) -> int:
        return len(self.close)

    def tail(self, count: int) -> Bars:
        """The last `count` bars (all of them when count >= len)."""
        start = max(0, len(self) - count)
        return Bars(self.open[start:], self.high[start:], self.low[start:], self.close[start:], self.volume[start:])


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    name: str
    outputs: tuple[str, ...]
    params: tuple[Param, ...]
    # Called with the talib module, imported on the first computation (docs/architecture.md, light processes).
    compute: Callable[[ModuleType, Bars, Mapping[str, float]], tuple[FloatArray, ...]]


class IndicatorParamError(ValueError):
    """A parameter is unknown, out of range or inconsistent; `param` names it and `allowed` says what is allowed."""

    def __init__(self, message: str, *, param: str, allowed: str) -> None:
        super().__init__(message)
        self.param = param
        self.allowed = allowed


def _period(low: int, high: int, default: int, name: str = "timeperiod") -> Param:
    return Param(name, default, low, high)


def _i(params: Mapping[str, float], name: str) -> int:
    return int(params[name])


INDICATORS: dict[str, IndicatorSpec] = {
    spec.name: spec
    for spec in (
        IndicatorSpec(
            "sma",
            ("sma",),
            (_period(2, 500, 20),),
            lambda talib, b, p: (talib.SMA(b.close, timeperiod=_i(p, "timeperiod")),),
        ),
        IndicatorSpec(
            "ema",
            ("ema",),
            (_period(2, 500, 20),),
            lambda talib, b, p: (talib.EMA(b.close, timeperiod=_i(p, "timeperiod")),),
        ),
        IndicatorSpec(
            "rsi",
            ("rsi",),
            (_period(2, 200, 14),),
            lambda talib, b, p: (talib.RSI(b.close, timeperiod=_i(p, "timeperiod")),),
        ),
        IndicatorSpec(
            "macd",
            ("macd", "signal", "hist"),
            (_period(2, 200, 12, "fastperiod"), _period(2, 400, 26, "slowperiod"), _period(1, 200, 9, "signalperiod")),
            lambda talib, b, p: tuple(
                talib.MACD(
                    b.close,
                    fastperiod=_i(p, "fastperiod"),
                    slowperiod=_i(p, "slowperiod"),
                    signalperiod=_i(p, "signalperiod"),
                )
            ),
        ),
        IndicatorSpec(
            "bbands",
            ("upper", "middle", "lower"),
            (_period(2, 500, 20), Param("nbdevup", 2, 0.1, 10, False), Param("nbdevdn", 2, 0.1, 10, False)),
            lambda talib, b, p: tuple(
                talib.BBANDS(
                    b.close,
                    timeperiod=_i(p, "timeperiod"),
                    nbdevup=float(p["nbdevup"]),
                    nbdevdn=float(p["nbdevdn"]),
                    matype=talib.MA_Type.SMA,
                )
            ),
        ),
        IndicatorSpec(
            "stoch",
            ("k", "d"),
            (
                _period(1, 200, 14, "fastk_period"),
                _period(1, 100, 3, "slowk_period"),
                _period(1, 100, 3, "slowd_period"),
            ),
            lambda talib, b, p: tuple(
                talib.STOCH(
                    b.high,
                    b.low,
                    b.close,
                    fastk_period=_i(p, "fastk_period"),
                    slowk_period=_i(p, "slowk_period"),
                    slowk_matype=talib.MA_Type.SMA,
                    slowd_period=_i(p, "slowd_period"),
                    slowd_matype=talib.MA_Type.SMA,
                )
            ),
        ),
        IndicatorSpec("obv", ("obv",), (), lambda talib, b, p: (talib.OBV(b.close, b.volume),)),
        IndicatorSpec(
            "atr",
            ("atr",),
            (_period(1, 200, 14),),
            lambda talib, b, p: (talib.ATR(b.high, b.low, b.close, timeperiod=_i(p, "timeperiod")),),
        ),
    )
}


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def indicator_params_parse(name: str, raw: Mapping[str, str]) -> dict[str, float]:
    """Validate `raw` (parameter -> text, without the `<name>_` prefix) against the spec; defaults fill the rest."""
    spec = INDICATORS[name]
    known = {p.name: p for p in spec.params}
    for key in raw:
        if key not in known:
            allowed = ", ".join(f"{name}_{p}" for p in known) or "none"
            raise IndicatorParamError(
                f"{name}_{key} is not a parameter of {name}; allowed: {allowed}.",
                param=f"{name}_{key}",
                allowed=allowed,
            )
    values: dict[str, float] = {}
    for param in spec.params:
        full = f"{name}_{param.name}"
        allowed = (
            f"{'an integer' if param.integer else 'a number'} from "
            f"{_format_number(param.minimum)} to {_format_number(param.maximum)}"
        )
        text = raw.get(param.name)
        if text is None:
            values[param.name] = param.default
            continue
        try:
            value = int(text) if param.integer else float(text)
        except ValueError:
            raise IndicatorParamError(
                f"{full} must be {allowed}; got '{text[:20]}'.", param=full, allowed=allowed
            ) from None
        if not param.minimum <= value <= param.maximum:  # NaN fails this comparison too
            raise IndicatorParamError(f"{full} must be {allowed}; got '{text[:20]}'.", param=full, allowed=allowed)
        values[param.name] = value
    if name == "macd" and values["fastperiod"] >= values["slowperiod"]:
        raise IndicatorParamError(
            "macd_fastperiod must be smaller than macd_slowperiod.",
            param="macd_fastperiod",
            allowed="smaller than macd_slowperiod",
        )
    return values


def indicator_compute(name: str, bars: Bars, params: Mapping[str, float]) -> dict[str, FloatArray]:
    """Run one indicator over the whole history; NaN marks warm-up bars (and bars with too little history)."""
    import numpy as np
    import talib

    spec = INDICATORS[name]
    if len(bars) == 0:
        return {output: np.empty(0, dtype=np.float64) for output in spec.outputs}
    arrays = spec.compute(talib, bars, params)
    return dict(zip(spec.outputs, arrays, strict=True))
