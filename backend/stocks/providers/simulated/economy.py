"""Simulated US economic indicators for the embedded default: deterministic per seed, append-stable (a new period
never changes the past), plausible levels (mean-reverting rates, CPI growing with noisy monthly inflation).
Not real data: a demo stand-in for Alpha Vantage's REAL_GDP, CPI, INFLATION, FEDERAL_FUNDS_RATE, TREASURY_YIELD
and UNEMPLOYMENT."""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal

import numpy as np

from stocks.providers.base import ECONOMIC_INDICATORS, EconomicObservation, EconomicSeries
from stocks.providers.errors import ProviderNotFound

START = dt.date(2000, 1, 1)
UNITS = {  # as Alpha Vantage names them
    "REAL_GDP": "billions of dollars",
    "CPI": "index 1982-1984=100",
    "INFLATION": "percent",
    "FEDERAL_FUNDS_RATE": "percent",
    "TREASURY_YIELD": "percent",
    "UNEMPLOYMENT": "percent",
}
# Mean-reverting rates: (start, long-run mean, reversion per period, noise per period, floor), per month.
_RATES = {
    "FEDERAL_FUNDS_RATE": (6.5, 2.5, 0.02, 0.18, 0.05),
    "TREASURY_YIELD": (6.6, 3.8, 0.03, 0.22, 0.5),
    "UNEMPLOYMENT": (4.0, 5.5, 0.04, 0.2, 3.0),
}
_STEP_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


def _period_starts(interval: str, last_day: dt.date) -> list[dt.date]:
    """Start dates (as Alpha Vantage dates its rows) of the periods that have ended by `last_day`."""
    if interval in ("daily", "weekly"):
        step = dt.timedelta(days=1 if interval == "daily" else 7)
        first_friday = START + dt.timedelta(days=(4 - START.weekday()) % 7)
        days: list[dt.date] = []
        day = first_friday if interval == "weekly" else START
        while day < last_day:
            if interval == "weekly" or day.weekday() < 5:
                days.append(day)
            day += step
        return days
    months = _STEP_MONTHS[interval]
    starts: list[dt.date] = []
    year, month = START.year, START.month
    while True:
        start = dt.date(year, month, 1)
        end_month = month + months
        end = dt.date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        if end > last_day:
            return starts
        starts.append(start)
        year, month = end.year, end.month


def _rng(seed: int, name: str, interval: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(f"{name}:{interval}".encode())])


def simulate_economic_series(name: str, interval: str, *, seed: int, last_day: dt.date) -> EconomicSeries:
    if name not in ECONOMIC_INDICATORS or interval not in ECONOMIC_INDICATORS[name]:
        raise ProviderNotFound(f"No simulated {name} at interval {interval}.")
    dates = _period_starts(interval, last_day)
    rng = _rng(seed, name, interval)
    shocks = rng.standard_normal(len(dates))
    months = _STEP_MONTHS.get(interval, 1 / 21 if interval == "daily" else 1 / 4.3)
    if name in _RATES:
        level, mean, reversion, noise, floor = _RATES[name]
        values: list[float] = []
        places = 2
        for shock in shocks:
            level = max(floor, level + reversion * months * (mean - level) + noise * np.sqrt(months) * shock)
            values.append(level)
    elif name == "REAL_GDP":
        growth = 0.02 / 12 * months + 0.006 * np.sqrt(months / 3) * shocks
        values, places = list(12_600.0 * np.exp(np.cumsum(growth))), 3
    else:  # CPI and INFLATION: an index growing 2.5 % a year on average; INFLATION is its yearly change in percent
        monthly = np.random.default_rng([seed, zlib.crc32(b"CPI")]).normal(0.0021, 0.0025, 12 * (last_day.year - 1999))
        index = 168.8 * np.exp(np.cumsum(monthly))
        if name == "CPI":
            step = _STEP_MONTHS[interval]
            values, places = [float(np.mean(index[i * step : (i + 1) * step])) for i in range(len(dates))], 3
        else:
            yearly = [float(np.mean(index[i * 12 : (i + 1) * 12])) for i in range(len(dates))]
            first = (float(np.exp(monthly[:12].sum())) - 1) * 100
            values = [first] + [(yearly[i] / yearly[i - 1] - 1) * 100 for i in range(1, len(dates))]
            values, places = values[: len(dates)], 2
    quantum = Decimal(1).scaleb(-places)
    observations = [
        EconomicObservation(day, Decimal(repr(float(value))).quantize(quantum))
        for day, value in zip(dates, values, strict=True)
    ]
    return EconomicSeries(name=name, interval=interval, unit=UNITS[name], observations=observations)
