"""Risk-adjusted returns, the VaR backtest and beta: pure functions over daily return arrays (numpy, scipy).

Conventions follow empyrical (Quantopian's library, the tests' oracle): Sharpe and Sortino on daily simple returns
less a daily risk-free rate, annualised by sqrt(252); Sortino's downside deviation is the root mean square of the
returns below the required return over every day. Kupiec's proportion-of-failures test is not in empyrical or
scipy, so its likelihood ratio is written out here (Kupiec 1995, "Techniques for verifying the accuracy of risk
measurement models"); scipy gives the chi-square tail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

TRADING_DAYS_PER_YEAR = 252
MIN_BETA_POINTS = 60  # shared daily returns needed for a beta (about three months)
# A benchmark whose daily returns vary less than this (a daily standard deviation of 0.01%, 0.16% a year; SPY's is
# about 1%) has no market movement to measure a beta against: dividing by it gives figures like 1.75e7.
MIN_BENCHMARK_VARIANCE = 1e-8
KUPIEC_ALPHA = 0.05


def daily_risk_free(annual_rate: float) -> float:
    """The daily simple rate that compounds to `annual_rate` over 252 trading days."""
    return float((1.0 + annual_rate) ** (1.0 / TRADING_DAYS_PER_YEAR) - 1.0)


def sharpe_ratio(returns: FloatArray, daily_rf: float = 0.0) -> float | None:
    """Annualised Sharpe ratio of daily simple `returns`; None when they never vary."""
    import numpy as np

    excess = returns - daily_rf
    std = float(np.std(excess, ddof=1)) if len(excess) > 1 else 0.0
    if std == 0.0:
        return None
    return float(np.mean(excess) / std * math.sqrt(TRADING_DAYS_PER_YEAR))


def sortino_ratio(returns: FloatArray, daily_rf: float = 0.0) -> float | None:
    """Annualised Sortino ratio (required return = the risk-free rate); None without a return below it."""
    import numpy as np

    excess = returns - daily_rf
    if len(excess) == 0:
        return None
    downside = math.sqrt(float(np.mean(np.minimum(excess, 0.0) ** 2))) * math.sqrt(TRADING_DAYS_PER_YEAR)
    if downside == 0.0:
        return None
    return float(np.mean(excess) * TRADING_DAYS_PER_YEAR / downside)


@dataclass(frozen=True, slots=True)
class KupiecTest:
    """Kupiec's proportion-of-failures test: is the VaR breached as often as its level says?"""

    days: int
    breaches: int
    expected_rate: float
    breach_rate: float
    likelihood_ratio: float
    p_value: float
    rejected: bool  # the breach rate differs from expected_rate at KUPIEC_ALPHA


def _xlogy(x: float, y: float) -> float:
    return 0.0 if x == 0 else x * math.log(y)


def kupiec_pof(breaches: int, days: int, expected_rate: float = 0.05) -> KupiecTest:
    """LR = -2 ln[(1-p)^(T-x) p^x / ((1-x/T)^(T-x) (x/T)^x)], chi-square with one degree of freedom."""
    from scipy.stats import chi2

    if days <= 0:
        raise ValueError("Kupiec's test needs at least one backtested day.")
    p, x, t = expected_rate, breaches, days
    observed = x / t
    null = _xlogy(t - x, 1 - p) + _xlogy(x, p)
    alternative = _xlogy(t - x, 1 - observed) + _xlogy(x, observed)
    lr = max(-2.0 * (null - alternative), 0.0)
    p_value = float(chi2.sf(lr, df=1))
    return KupiecTest(
        days=t,
        breaches=x,
        expected_rate=p,
        breach_rate=observed,
        likelihood_ratio=lr,
        p_value=p_value,
        rejected=p_value < KUPIEC_ALPHA,
    )


BETA_REASONS = ("no_benchmark", "few_shared_dates", "flat_benchmark")


@dataclass(frozen=True, slots=True)
class Beta:
    value: float | None
    points: int  # shared daily returns it was computed on
    reason: str | None  # why `value` is None, in words
    reason_code: str | None = None  # the same as one of BETA_REASONS, for a translated message


def beta_on_shared_dates(close: FloatArray, benchmark_close: FloatArray) -> Beta:
    """Beta of `close` against `benchmark_close` (aligned by date, NaN where the benchmark has no bar).

    Only dates both series have are kept, and returns run between consecutive kept dates, so each pair of returns
    spans the same days: a date missing from the benchmark merges two days of both series instead of dropping
    the beta.
    """
    import numpy as np

    shared = ~np.isnan(benchmark_close) & ~np.isnan(close)
    stock = np.diff(close[shared]) / close[shared][:-1]
    market = np.diff(benchmark_close[shared]) / benchmark_close[shared][:-1]
    points = len(stock)
    if points < MIN_BETA_POINTS:
        reason = f"fewer than {MIN_BETA_POINTS} daily returns on dates shared with the benchmark"
        return Beta(None, points, reason, "few_shared_dates")
    variance = float(np.var(market, ddof=1))
    if variance < MIN_BENCHMARK_VARIANCE:
        reason = f"the benchmark's daily return variance is below {MIN_BENCHMARK_VARIANCE:g}"
        return Beta(None, points, reason, "flat_benchmark")
    return Beta(float(np.cov(stock, market, ddof=1)[0, 1] / variance), points, None)
