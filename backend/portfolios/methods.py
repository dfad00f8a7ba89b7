"""Labelled return methods, period P/L and risk statistics on a portfolio's daily series (pure, no Django).

Each function takes the series the history selector builds (one `Day` per date: the value at the close and that
day's money in and out, fees split out) so another flow source (a cash account's deposits and withdrawals) plugs in
by producing the same days. Net figures count fees as the ledger does (a buy's fee is part of the money put in, a
sale's or dividend's fee is kept back from the money taken out); gross figures add the fees back, as peers that
report performance before fees do (Ghostfolio's grossPerformance, Portfolio Performance's "before fees").

The formulas are written out here and in docs/api.md, and each response carries its method name and formula.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from portfolios.ledger import LedgerEntry, entry_sort_key
from portfolios.returns import annualize, daily_returns, growth_index, xirr

TRADING_DAYS = 252  # risk annualisation, as empyrical's DAILY convention
# A benchmark whose daily returns vary less than this (standard deviation) has no meaningful beta: the ratio of
# two near-zero numbers. 1e-6 is below a one-tick move of a 4-decimal price above 100.
MIN_BENCHMARK_STD = 1e-6

TWR_FORMULA = "TWR = prod(1 + r_t) - 1, r_t = (V_t + D_t) / (V_{t-1} + C_t) - 1"
MWR_FORMULA = (
    "sum_i CF_i / (1 + MWR)^((d_i - d_0) / 365) = 0 (start value and contributions < 0, withdrawals and end value > 0)"
)
ROAI_FORMULA = (
    "ROAI = net P/L / time-weighted average investment; investment = cost basis of the shares held without fees, "
    "averaged over the days it was above zero (Ghostfolio's netPerformancePercentage)"
)
SIMPLE_FORMULA = "simple = (V_end + sum D - V_start - sum C) / (V_start + sum C)"
PL_FORMULA = "P/L = V_end - V_start - sum(C - D) over the days after the start"

PeriodKey = Literal["1d", "wtd", "mtd", "ytd", "1y", "since_start"]
PERIOD_KEYS: tuple[PeriodKey, ...] = ("1d", "wtd", "mtd", "ytd", "1y", "since_start")


@dataclass(frozen=True, slots=True)
class Day:
    """One date of the series: value at the close, money in (`contribution`, buy fees included in it and also
    given as `fees_in`) and money out (`distribution`, net of the sale and dividend fees given as `fees_out`)."""

    date: dt.date
    value: float
    contribution: float = 0.0
    distribution: float = 0.0
    fees_in: float = 0.0
    fees_out: float = 0.0


def _flows(days: Sequence[Day], *, gross: bool) -> tuple[list[float], list[float]]:
    if gross:
        return [d.contribution - d.fees_in for d in days], [d.distribution + d.fees_out for d in days]
    return [d.contribution for d in days], [d.distribution for d in days]


def twr(days: Sequence[Day], *, start_value: float = 0.0, gross: bool = False) -> float | None:
    """Time-weighted return, chain-linked daily (Portfolio Performance's TTWROR convention); None when empty."""
    if not days:
        return None
    contributions, distributions = _flows(days, gross=gross)
    index = growth_index(daily_returns([d.value for d in days], contributions, distributions, start_value=start_value))
    return float(index[-1] - 1.0)


def simple_return(days: Sequence[Day], *, start_value: float = 0.0, gross: bool = False) -> float | None:
    """Gain over everything put in: (V_end + sum D - V_start - sum C) / (V_start + sum C); None when nothing was."""
    if not days:
        return None
    contributions, distributions = _flows(days, gross=gross)
    invested = start_value + sum(contributions)
    if invested <= 0:
        return None
    return (days[-1].value + sum(distributions) - invested) / invested


def money_weighted(
    days: Sequence[Day], *, start_value: float = 0.0, start_date: dt.date | None = None, gross: bool = False
) -> tuple[float | None, str | None]:
    """XIRR of the window's flows: the start value (on `start_date`) and contributions paid in, distributions and
    the end value received. (annual rate, reason when undefined)."""
    if not days:
        return None, "too_few_flows"
    contributions, distributions = _flows(days, gross=gross)
    dates: list[dt.date] = []
    amounts: list[float] = []
    if start_value and start_date is not None:
        dates.append(start_date)
        amounts.append(-start_value)
    for day, paid, received in zip(days, contributions, distributions, strict=True):
        if paid:
            dates.append(day.date)
            amounts.append(-paid)
        if received:
            dates.append(day.date)
            amounts.append(received)
    dates.append(days[-1].date)
    amounts.append(days[-1].value)
    reference_twr = twr(days, start_value=start_value, gross=gross)
    first = start_date or days[0].date
    reference = annualize(reference_twr, (days[-1].date - first).days) if reference_twr is not None else None
    result = xirr(dates, amounts, reference=reference or 0.0)
    return result.value, None if result.reason is None else result.reason.value


# --- ROAI: Ghostfolio's return on average investment ----------------------------------------------------------


def investment_steps(entries: Sequence[LedgerEntry]) -> list[tuple[dt.date, Fraction]]:
    """The investment (cost basis without fees, average-cost method) after each date with a trade, oldest first.

    Written here rather than read from `ledger.Position.cost` because that cost includes buy fees, which Ghostfolio's
    investment leaves out: a buy adds shares x price, a sale removes the average cost of the shares sold, a split
    changes neither, dividends do not count.
    """
    held = Fraction(0)
    investment = Fraction(0)
    steps: dict[dt.date, Fraction] = {}
    for entry in sorted(entries, key=entry_sort_key):
        if entry.kind == "buy":
            held += Fraction(entry.quantity)
            investment += Fraction(entry.quantity) * Fraction(entry.price)
        elif entry.kind == "sell" and held:
            sold = min(Fraction(entry.quantity), held)
            investment -= investment * sold / held
            held -= sold
            if not held:
                investment = Fraction(0)
        elif entry.kind == "split":
            held *= entry.split_ratio
        else:
            continue
        steps[entry.date] = investment
    return sorted(steps.items())


def time_weighted_investment(steps: Sequence[tuple[dt.date, Fraction]], end: dt.date) -> float | None:
    """Sum of investment x days it was held, over the days it was above zero, divided by those days; None when
    nothing was ever invested before `end`. (285.8 for 8 days then 559 for 18: 474.938..., Ghostfolio's BALN case.)"""
    weighted = Fraction(0)
    days_invested = 0
    for (date, investment), following in zip(steps, [*steps[1:], (end, Fraction(0))], strict=True):
        span = (min(following[0], end) - date).days
        if investment > 0 and span > 0:
            weighted += investment * span
            days_invested += span
    if days_invested == 0:
        return None
    return float(weighted / days_invested)


def roai(
    *, net_pl: float, fees: float, investments: Sequence[float | None]
) -> tuple[float | None, float | None, float | None]:
    """(net ROAI, gross ROAI, the summed time-weighted investment): P/L over the sum of each position's
    time-weighted investment, as Ghostfolio totals its positions; None when nothing was invested."""
    total = sum(i for i in investments if i is not None)
    if total <= 0:
        return None, None, None
    return net_pl / total, (net_pl + fees) / total, total


# --- period P/L ------------------------------------------------------------------------------------------------


def period_start(key: PeriodKey, end: dt.date) -> dt.date | None:
    """First date inside the period ending `end` (None: since the start). 1D: `end` itself (measured from the
    previous close); WTD: Monday of the week; MTD: the 1st; YTD: 1 January; 1Y: the day after the same date a
    year earlier (29 February: the 28th)."""
    if key == "1d":
        return end
    if key == "wtd":
        return end - dt.timedelta(days=end.weekday())
    if key == "mtd":
        return end.replace(day=1)
    if key == "ytd":
        return dt.date(end.year, 1, 1)
    if key == "1y":
        try:
            year_ago = end.replace(year=end.year - 1)
        except ValueError:  # 29 February
            year_ago = end.replace(year=end.year - 1, day=28)
        return year_ago + dt.timedelta(days=1)
    return None


def period_pl(days: Sequence[Day], key: PeriodKey) -> dict[str, Any]:
    """P/L and time-weighted return from the last close before the period to the last day of `days`.

    When the series starts inside the period, the P/L is since the first trade (value 0 before it) and
    `complete` is False."""
    if not days:
        return {"start": None, "end": None, "pl": None, "return": None, "complete": False}
    end = days[-1].date
    first = period_start(key, end)
    base = -1 if first is None else max((i for i, d in enumerate(days) if d.date < first), default=-1)
    window = days[base + 1 :]
    start_value = days[base].value if base >= 0 else 0.0
    pl = window[-1].value - start_value - sum(d.contribution - d.distribution for d in window)
    return {
        "start": days[base].date if base >= 0 else window[0].date,
        "end": end,
        "pl": pl,
        "return": twr(window, start_value=start_value),
        "complete": first is None or base >= 0,
    }


# --- risk ------------------------------------------------------------------------------------------------------


def _undefined(reason: str) -> dict[str, Any]:
    return {"value": None, "reason": reason}


def risk_statistics(
    returns: Sequence[float | None], *, risk_free_rate: float, benchmark_returns: Sequence[float | None] | None = None
) -> dict[str, dict[str, Any]]:
    """Annualised risk of daily simple returns (the total-return series; days without a return, None, are left
    out with the benchmark's return of that day), empyrical's conventions:

    - volatility = std(r, ddof=1) x sqrt(252)
    - sharpe = mean(r - rf) / std(r - rf, ddof=1) x sqrt(252), rf = (1 + risk_free_rate)^(1/252) - 1
    - sortino = mean(r - rf) x 252 / (sqrt(mean(min(r - rf, 0)^2)) x sqrt(252))
    - max_drawdown = min(I_t / max_{s<=t} I_s - 1), I the growth of 1 with the starting 1 included
    - beta = cov(r, b) / var(b) on the days both have a return; undefined when std(b) < 1e-6
    """
    import numpy as np

    kept = [i for i, x in enumerate(returns) if x is not None]
    r = np.asarray([returns[i] for i in kept], dtype=np.float64)
    if benchmark_returns is not None:
        benchmark_returns = [benchmark_returns[i] for i in kept]
    out: dict[str, dict[str, Any]] = {}
    if r.size < 2:
        for name in ("volatility", "sharpe", "sortino", "max_drawdown", "beta"):
            out[name] = _undefined("too_few_returns")
        return out
    rf = (1.0 + risk_free_rate) ** (1.0 / TRADING_DAYS) - 1.0
    excess = r - rf
    std = float(np.std(r, ddof=1))
    excess_std = float(np.std(excess, ddof=1))
    out["volatility"] = {"value": std * math.sqrt(TRADING_DAYS), "reason": None}
    out["sharpe"] = (
        {"value": float(np.mean(excess)) / excess_std * math.sqrt(TRADING_DAYS), "reason": None}
        if excess_std > 0
        else _undefined("zero_volatility")
    )
    downside = math.sqrt(float(np.mean(np.minimum(excess, 0.0) ** 2))) * math.sqrt(TRADING_DAYS)
    out["sortino"] = (
        {"value": float(np.mean(excess)) * TRADING_DAYS / downside, "reason": None}
        if downside > 0
        else _undefined("no_downside")
    )
    index = np.concatenate(([1.0], np.cumprod(1.0 + r)))
    out["max_drawdown"] = {"value": float(np.min(index / np.maximum.accumulate(index) - 1.0)), "reason": None}
    out["beta"] = _beta(r, benchmark_returns)
    return out


def _beta(r: Any, benchmark_returns: Sequence[float | None] | None) -> dict[str, Any]:
    import numpy as np

    if benchmark_returns is None:
        return _undefined("no_benchmark")
    b = np.asarray([np.nan if x is None else x for x in benchmark_returns], dtype=np.float64)
    both = ~np.isnan(b) & ~np.isnan(r)
    if both.sum() < 2:
        return _undefined("too_few_returns")
    p, q = r[both], b[both]
    if float(np.std(q, ddof=1)) < MIN_BENCHMARK_STD:
        return _undefined("benchmark_variance_zero")
    return {"value": float(np.cov(p, q, ddof=1)[0, 1] / np.var(q, ddof=1)), "reason": None}


def window_returns(days: Sequence[Day], *, start_value: float) -> list[float | None]:
    """The net daily returns of the window (the total-return series risk is measured on); None on a day with
    nothing invested (no value at the previous close and nothing put in), which has no return."""
    contributions, distributions = _flows(days, gross=False)
    returns = daily_returns([d.value for d in days], contributions, distributions, start_value=start_value)
    previous = [start_value, *(d.value for d in days[:-1])]
    return [
        float(r) if before + paid > 0 else None
        for r, before, paid in zip(returns, previous, contributions, strict=True)
    ]
