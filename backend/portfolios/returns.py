"""Pure portfolio return maths: time-weighted return (chain-linked daily) and money-weighted return (XIRR)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import brentq

# The daily convention of Portfolio Performance's "True Time-Weighted Rate of Return" (TTWROR):
# r_t = (value_end + outflows) / (value_start + inflows) - 1.
TWR_METHOD = (
    "time-weighted: daily sub-period returns chain-linked; contributions at the start of a day, "
    "withdrawals and dividends at its end"
)
XIRR_METHOD = "money-weighted: XIRR, the annual rate that makes the net present value of all cash flows zero"


def daily_returns(
    values: Sequence[float],
    contributions: Sequence[float],
    distributions: Sequence[float],
    *,
    start_value: float = 0.0,
) -> NDArray[np.float64]:
    """r_t = (V_t + D_t) / (V_{t-1} + C_t) - 1; a day with nothing invested has return 0."""
    v = np.asarray(values, dtype=np.float64)
    c = np.asarray(contributions, dtype=np.float64)
    d = np.asarray(distributions, dtype=np.float64)
    previous = np.concatenate(([start_value], v[:-1]))
    base = previous + c
    out = np.zeros_like(v)
    np.divide(v + d, base, out=out, where=base > 0)
    result: NDArray[np.float64] = np.where(base > 0, out - 1.0, 0.0)
    return result


def growth_index(returns: Sequence[float] | NDArray[np.float64]) -> NDArray[np.float64]:
    """Growth of 1 invested at the start: the cumulative product of (1 + r)."""
    index: NDArray[np.float64] = np.cumprod(1.0 + np.asarray(returns, dtype=np.float64), dtype=np.float64)
    return index


def time_weighted_return(
    values: Sequence[float],
    contributions: Sequence[float],
    distributions: Sequence[float],
    *,
    start_value: float = 0.0,
) -> float | None:
    """Cumulative time-weighted return over the series (0.21 = +21 %); None for an empty series."""
    if len(values) == 0:
        return None
    index = growth_index(daily_returns(values, contributions, distributions, start_value=start_value))
    return float(index[-1] - 1.0)


def annualize(total_return: float, days: int) -> float | None:
    """Annual rate equivalent to `total_return` earned over `days` calendar days."""
    if days <= 0 or total_return <= -1.0:
        return None
    return float((1.0 + total_return) ** (365.0 / days) - 1.0)


def xirr(dates: Sequence[dt.date], amounts: Sequence[float]) -> float | None:
    """Annual internal rate of return of dated cash flows (investor's view: paid in < 0, received > 0).

    None when it is undefined: fewer than two distinct dates or no change of sign among the flows.
    """
    if len(dates) != len(amounts) or len(dates) < 2:
        return None
    flows = np.asarray(amounts, dtype=np.float64)
    origin = min(dates)
    years = np.asarray([(d - origin).days / 365.0 for d in dates], dtype=np.float64)
    if not (flows > 0).any() or not (flows < 0).any() or years.max() == 0:
        return None

    def npv(rate: float) -> float:
        return float(np.sum(flows / np.power(1.0 + rate, years)))

    low, high = -0.999999, 1.0
    while npv(low) * npv(high) > 0 and high < 1e9:
        high *= 10.0
    if npv(low) * npv(high) > 0:
        return None
    return float(brentq(npv, low, high, xtol=1e-12, maxiter=500))
