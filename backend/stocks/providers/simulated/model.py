"""Vectorised price simulation: GARCH(1,1) volatility clustering around a common market factor, on NYSE sessions.

Pure numpy, no Django. Every random stream is drawn time-major from a fixed epoch, so the history of a symbol
never changes when a new session is appended or when other symbols are simulated alongside it.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from stocks.providers.simulated.universe import ANCHOR_DATE, Listing
from stocks.schedule import CALENDAR_START, calendar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]


EPOCH = CALENDAR_START
HISTORY_YEARS = 20
TRADING_DAYS_PER_YEAR = 252

_MARKET_DAILY_VOL = 0.011
_MARKET_DRIFT = 0.00035
_GARCH_ALPHA = 0.08
_GARCH_BETA = 0.90
_DRAWS_PER_SESSION = 5  # idiosyncratic return, opening gap, high wick, low wick, volume noise


@lru_cache(maxsize=8)
def sessions_until(end: dt.date) -> npt.NDArray[np.datetime64]:
    """NYSE session dates from EPOCH to `end` inclusive, as datetime64[D]."""
    index = calendar().sessions_in_range(EPOCH.isoformat(), end.isoformat())
    if index.tz is not None:
        index = index.tz_convert(None)
    return index.to_numpy().astype("datetime64[D]")


def symbol_stream(seed: int, symbol: str) -> np.random.Generator:
    """A random stream that depends only on the seed and the symbol (crc32 is stable across processes)."""
    import numpy as np

    return np.random.default_rng([seed, zlib.crc32(symbol.encode())])


def _garch(shocks: FloatArray, daily_vol: FloatArray) -> FloatArray:
    """GARCH(1,1) innovations for shocks shaped (sessions, symbols), each column at its own long-run volatility."""
    import numpy as np

    long_run = daily_vol**2
    omega = long_run * (1.0 - _GARCH_ALPHA - _GARCH_BETA)
    variance = long_run.copy()
    out = np.empty_like(shocks)
    for t in range(shocks.shape[0]):
        eps = np.sqrt(variance) * shocks[t]
        out[t] = eps
        variance = omega + _GARCH_ALPHA * eps * eps + _GARCH_BETA * variance
    return out


@lru_cache(maxsize=8)
def _market_factor(seed: int, sessions: int) -> tuple[FloatArray, FloatArray]:
    """The common market return and its conditional volatility for the first `sessions` sessions."""
    import numpy as np

    shocks = np.random.default_rng([seed, 0]).standard_normal(sessions)
    returns = _garch(shocks[:, None], np.array([_MARKET_DAILY_VOL]))[:, 0]
    return returns + _MARKET_DRIFT, np.abs(returns) + 1e-4


@dataclass(frozen=True, slots=True)
class SimulatedBars:
    """Raw daily OHLCV arrays shaped (symbols, sessions), in the share units of each date (splits not applied)."""

    symbols: list[str]
    dates: npt.NDArray[np.datetime64]
    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    volume: npt.NDArray[np.int64]


def split_factors(listing: Listing, dates: npt.NDArray[np.datetime64]) -> FloatArray:
    """Per date, how many of today's shares one share of that date became (product of later splits)."""
    import numpy as np

    factor = np.ones(len(dates))
    for ex_date, ratio in listing.splits:
        factor[dates < np.datetime64(ex_date)] *= ratio
    return factor


def simulate_daily(
    listings: Sequence[Listing],
    *,
    seed: int,
    end: dt.date,
    history_years: int = HISTORY_YEARS,
    max_bars: int | None = None,
) -> SimulatedBars:
    """Simulate raw daily bars for `listings` up to the session `end`, keeping the last `history_years` years."""
    import numpy as np

    all_dates = sessions_until(end)
    n = len(all_dates)
    k = len(listings)
    market, _ = _market_factor(seed, n)
    draws = np.empty((n, _DRAWS_PER_SESSION, k))
    for j, listing in enumerate(listings):
        draws[:, :, j] = symbol_stream(seed, listing.symbol).standard_normal((n, _DRAWS_PER_SESSION))
    idio_vol = np.array([max(listing.volatility, 0.02) for listing in listings]) / np.sqrt(TRADING_DAYS_PER_YEAR)
    betas = np.array([listing.beta for listing in listings])
    idio = _garch(np.ascontiguousarray(draws[:, 0, :]), idio_vol)
    returns = market[:, None] * betas[None, :] + idio
    sigma = np.abs(idio) * 0.5 + idio_vol[None, :] * 0.5 + np.abs(market)[:, None] * betas[None, :]

    log_close = np.cumsum(returns, axis=0)
    anchor = min(int(np.searchsorted(all_dates, np.datetime64(ANCHOR_DATE))), n - 1)
    prices = np.array([listing.price for listing in listings])
    log_close += (np.log(prices) - log_close[anchor])[None, :]
    close = np.maximum(np.exp(log_close), 0.05)
    prev_close = np.vstack([close[:1], close[:-1]])
    open_ = prev_close * np.exp(draws[:, 1, :] * sigma * 0.3)
    high = np.maximum(open_, close) * np.exp(np.abs(draws[:, 2, :]) * sigma * 0.5)
    low = np.minimum(open_, close) * np.exp(-np.abs(draws[:, 3, :]) * sigma * 0.5)
    base_volume = np.array([listing.shares_millions * 1e6 * 0.006 for listing in listings])
    volume = base_volume[None, :] * np.exp(0.3 * draws[:, 4, :]) * (1.0 + 2.0 * np.abs(returns) / idio_vol[None, :])

    start = np.datetime64(dt.date(end.year - history_years, end.month, min(end.day, 28)))
    first = int(np.searchsorted(all_dates, start))
    if max_bars is not None:
        first = max(first, n - max_bars)
    dates = all_dates[first:]
    factors = np.stack([split_factors(listing, dates) for listing in listings], axis=1)
    window = slice(first, n)
    return SimulatedBars(
        symbols=[listing.symbol for listing in listings],
        dates=dates,
        open=np.round(open_[window] * factors, 4).T.copy(),
        high=np.round(high[window] * factors, 4).T.copy(),
        low=np.round(low[window] * factors, 4).T.copy(),
        close=np.round(close[window] * factors, 4).T.copy(),
        volume=np.round(volume[window] / factors).astype(np.int64).T.copy(),
    )


def aggregate_weekly(
    dates: npt.NDArray[np.datetime64],
    open_: FloatArray,
    high: FloatArray,
    low: FloatArray,
    close: FloatArray,
    volume: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.datetime64], FloatArray, FloatArray, FloatArray, FloatArray, npt.NDArray[np.int64]]:
    """Weekly bars (Monday-Friday weeks) from one symbol's daily bars, each dated by the week's last session."""
    import numpy as np

    days = dates.astype("datetime64[D]").astype(np.int64)
    week = (days + 3) // 7  # 1970-01-01 was a Thursday: weeks change on Mondays
    starts = np.concatenate([[0], np.flatnonzero(np.diff(week)) + 1])
    ends = np.concatenate([starts[1:] - 1, [len(dates) - 1]])
    return (
        dates[ends],
        open_[starts],
        np.maximum.reduceat(high, starts),
        np.minimum.reduceat(low, starts),
        close[ends],
        np.add.reduceat(volume, starts),
    )


def dividend_schedule(
    listing: Listing, seed: int, dates: npt.NDArray[np.datetime64], close: FloatArray
) -> list[tuple[dt.date, float]]:
    """Quarterly cash dividends (ex-date, amount per share of that date) for dividend payers."""
    import numpy as np

    if listing.dividend_yield <= 0 or len(dates) == 0:
        return []
    offset = zlib.crc32(f"{seed}:{listing.symbol}".encode()) % 63
    indices = np.arange(offset, len(dates), 63)
    return [(dates[i].astype(dt.date), round(float(close[i]) * listing.dividend_yield / 4, 4)) for i in indices]
