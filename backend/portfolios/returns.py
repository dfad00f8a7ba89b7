"""Pure portfolio return maths: time-weighted return (chain-linked daily) and money-weighted return (XIRR)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


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
    import numpy as np

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
    import numpy as np

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


class XirrUndefined(StrEnum):
    """Why a money-weighted return has no value."""

    TOO_FEW_FLOWS = "too_few_flows"  # fewer than two flows, or all on one day
    NO_SIGN_CHANGE = "no_sign_change"  # only money in, or only money out
    NO_ROOT = "no_root"  # the flows change sign, yet no rate between -100 % and the grid's top makes NPV zero


@dataclass(frozen=True, slots=True)
class Xirr:
    value: float | None
    reason: XirrUndefined | None = None
    roots: int = 0  # how many rates make NPV zero (more than one: `value` is the one the rule picked)


# The search runs on x = ln(1 + rate), every 0.005 between -86 % and +639 % a year (|x| <= 2), then in steps
# growing by 1.2 % out to |x| = 200 (a rate of e^200), where no ledger of whole days can have a root.
@functools.cache
def _x_grid() -> NDArray[np.float64]:
    import numpy as np

    outer = np.geomspace(2.0, 200.0, 400)[1:]
    return np.concatenate((-outer[::-1], np.linspace(-2.0, 2.0, 801), outer))


def _scaled_npv(x: NDArray[np.float64], years: NDArray[np.float64], flows: NDArray[np.float64]) -> NDArray[np.float64]:
    """NPV(x) times a positive factor, computed without overflow: the terms a_i * exp(-x * t_i) are summed in
    log space relative to the largest, so centuries of flows or extreme rates never reach inf or nan."""
    import numpy as np

    exponents = np.log(np.abs(flows))[None, :] - np.outer(x, years)
    largest = exponents.max(axis=1, keepdims=True)
    scaled: NDArray[np.float64] = (np.sign(flows)[None, :] * np.exp(exponents - largest)).sum(axis=1)
    return scaled


def xirr(dates: Sequence[dt.date], amounts: Sequence[float], *, reference: float = 0.0) -> Xirr:
    """Annual internal rate of return of dated cash flows (investor's view: paid in < 0, received > 0).

    Written here rather than taken from pyxirr (our tests' oracle) because the product needs every root, not the
    one a Newton search happens to reach: NPV's sign is scanned over a wide grid of ln(1 + rate), each sign change
    is refined with Brent's method, and when the flows have several roots (a sale and a re-buy can give two) the
    one nearest `reference` (in ln(1 + rate); the caller passes the period's annualised time-weighted return when it
    has one) is reported. Roots that touch zero without crossing it are not found; the grid is fine enough
    that two distinct crossings within one grid step are the only other miss.
    """
    import numpy as np
    from scipy.optimize import brentq

    if len(dates) != len(amounts):
        raise ValueError("dates and amounts must have the same length")
    by_day: dict[dt.date, float] = {}
    for day, amount in zip(dates, amounts, strict=True):
        by_day[day] = by_day.get(day, 0.0) + float(amount)
    if not all(np.isfinite(amount) for amount in by_day.values()):
        raise ValueError("every amount must be a finite number")
    flows_by_day = {day: amount for day, amount in by_day.items() if amount != 0.0}
    if len(flows_by_day) < 2:
        return Xirr(None, XirrUndefined.TOO_FEW_FLOWS)
    origin = min(flows_by_day)
    years = np.asarray([(day - origin).days / 365.0 for day in flows_by_day], dtype=np.float64)
    flows = np.asarray(list(flows_by_day.values()), dtype=np.float64)
    if not (flows > 0).any() or not (flows < 0).any():
        return Xirr(None, XirrUndefined.NO_SIGN_CHANGE)

    x_grid = _x_grid()
    signs = np.sign(_scaled_npv(x_grid, years, flows))
    roots: list[float] = [float(x) for x, sign in zip(x_grid, signs, strict=True) if sign == 0]
    crossings = np.flatnonzero(signs[:-1] * signs[1:] < 0)
    for i in crossings:
        roots.append(
            brentq(
                lambda x: float(_scaled_npv(np.asarray([x]), years, flows)[0]),
                x_grid[i],
                x_grid[i + 1],
                xtol=1e-14,
                maxiter=200,
            )
        )
    if not roots:
        return Xirr(None, XirrUndefined.NO_ROOT)
    target = np.log1p(max(reference, -0.999999))
    best = min(roots, key=lambda x: abs(x - target))
    return Xirr(float(np.expm1(best)), roots=len(roots))
