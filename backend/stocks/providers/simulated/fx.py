"""Simulated exchange rates for the embedded default: deterministic per seed, append-stable (a new day never
changes the past), every weekday from 2000-01-03 to the last session.

Not real data. Each currency's value in US dollars follows a mean-reverting random walk in log space around the
documented anchor below (0.4 % daily noise, reversion 1 % a day), so the demo shows plausible levels and daily
moves; a pair of two non-dollar currencies is the ratio of their dollar values (EUR/CHF = EUR/USD / CHF/USD).
"""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal
from functools import lru_cache

import numpy as np

from stocks.providers.base import FxObservation, FxSeries
from stocks.providers.errors import ProviderNotFound

START = dt.date(2000, 1, 3)
DAILY_NOISE = 0.004
DAILY_REVERSION = 0.01
# US dollars per unit of each simulated currency: the level the simulated rate reverts to.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.10,
    "GBP": 1.27,
    "CHF": 1.12,
    "JPY": 0.0068,
    "KRW": 0.00075,
    "CNY": 0.14,
    "HKD": 0.128,
    "TWD": 0.031,
    "SGD": 0.74,
    "INR": 0.012,
    "CAD": 0.74,
    "AUD": 0.66,
    "NZD": 0.61,
    "SEK": 0.095,
    "NOK": 0.094,
    "DKK": 0.147,
    "MXN": 0.055,
    "BRL": 0.19,
}


@lru_cache(maxsize=64)
def _usd_values(seed: int, currency: str, last_day: dt.date) -> tuple[tuple[dt.date, ...], np.ndarray]:
    days = np.arange(np.datetime64(START), np.datetime64(last_day) + 1, dtype="datetime64[D]")
    days = days[np.is_busday(days)]
    anchor = np.log(USD_PER_UNIT[currency])
    if currency == "USD":
        return tuple(d.item() for d in days), np.ones(days.size)
    shocks = np.random.default_rng([seed, zlib.crc32(f"fx:{currency}".encode())]).standard_normal(days.size)
    logs = np.empty(days.size)
    level = anchor
    for i, shock in enumerate(shocks):
        level += DAILY_REVERSION * (anchor - level) + DAILY_NOISE * shock
        logs[i] = level
    return tuple(d.item() for d in days), np.exp(logs)


def simulate_fx_series(base: str, quote: str, *, seed: int, last_day: dt.date, days: int | None) -> FxSeries:
    """Closing rates of 1 `base` in `quote`, the last `days` weekdays (all since 2000 when None)."""
    for code in (base, quote):
        if code not in USD_PER_UNIT:
            raise ProviderNotFound(
                f"No simulated exchange rate for {code}; simulated currencies: {', '.join(sorted(USD_PER_UNIT))}."
            )
    dates, base_usd = _usd_values(seed, base, last_day)
    _, quote_usd = _usd_values(seed, quote, last_day)
    rates = base_usd / quote_usd
    start = 0 if days is None else max(0, len(dates) - days)
    observations = [
        FxObservation(dates[i], Decimal(f"{rates[i]:.10g}").quantize(Decimal("1e-10")))
        for i in range(start, len(dates))
    ]
    return FxSeries(base, quote, observations)
