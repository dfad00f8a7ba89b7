"""Simulated 5-minute bars that add up to a given daily bar. Pure numpy, no Django.

No library builds intraday paths constrained to a day's OHLCV, so this is written here: a Brownian bridge from the
day's open to its close (in log price) with small wicks, mapped monotonically so its extremes land exactly on the
day's low and high, and the day's volume split over a U-shaped profile (busy open and close) in whole shares.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SessionBars:
    """One session's bars, oldest first: prices rounded to 4 places, volumes in whole shares."""

    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    volume: IntArray


def _volumes(total: int, count: int, rng: np.random.Generator) -> IntArray:
    """`total` shares over `count` bars, heavier at both ends, summing to `total` exactly (largest remainders)."""
    position = np.linspace(-1.0, 1.0, count)
    weights = (1.0 + 2.5 * position**2) * np.exp(0.35 * rng.standard_normal(count))
    share = total * weights / weights.sum()
    volume = np.floor(share).astype(np.int64)
    missing = total - int(volume.sum())
    if missing > 0:
        volume[np.argsort(volume - share)[:missing]] += 1
    return volume


def simulate_session(
    open_: float, high: float, low: float, close: float, volume: int, *, count: int, rng: np.random.Generator
) -> SessionBars:
    """`count` bars whose first open is `open_`, last close `close`, highest high `high`, lowest low `low` and
    volumes sum to `volume` (the daily bar's values, prices with at most 4 decimals)."""
    steps = rng.standard_normal(count)
    walk = np.concatenate([[0.0], np.cumsum(steps)])
    # Brownian bridge: pinned at 0 at both ends, then tilted from log(open) to log(close).
    bridge = walk - np.linspace(0.0, 1.0, count + 1) * walk[-1]
    scale = max(np.log(high / low), 1e-4) / max(float(np.ptp(bridge)), 1e-9)
    path = np.exp(np.log(open_) + np.linspace(0.0, np.log(close / open_), count + 1) + bridge * scale * 0.8)
    bar_open, bar_close = path[:-1], path[1:]
    wick = np.abs(rng.standard_normal((2, count))) * scale * 0.15 + 1e-6
    bar_high = np.maximum(bar_open, bar_close) * np.exp(wick[0])
    bar_low = np.minimum(bar_open, bar_close) * np.exp(-wick[1])
    # Monotone piecewise-linear map fixing the open and close and sending the path's extremes to the day's.
    low_end, high_end = min(open_, close), max(open_, close)
    xp = [float(bar_low.min()), low_end, high_end, float(bar_high.max())]
    fp = [low, low_end, high_end, high]

    def mapped(values: FloatArray) -> FloatArray:
        return np.round(np.interp(values, xp, fp), 4)

    o, h, lo, c = mapped(bar_open), mapped(bar_high), mapped(bar_low), mapped(bar_close)
    o[0], c[-1] = open_, close
    h[int(np.argmax(h))], lo[int(np.argmin(lo))] = high, low
    h = np.maximum(h, np.maximum(o, c))
    lo = np.minimum(lo, np.minimum(o, c))
    return SessionBars(o, h, lo, c, _volumes(volume, count, rng))
