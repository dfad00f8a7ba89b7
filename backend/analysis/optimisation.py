"""Portfolio optimisation with PyPortfolioOpt on total-return closes: mean-variance targets and HRP, the efficient
frontier, whole-share targets and a walk-forward out-of-sample test. Arrays in, plain values out; no Django.

Expected returns are the annualised geometric mean of the window's daily returns (`mean_historical_return`), the
covariance is Ledoit-Wolf shrunk (`CovarianceShrinkage.ledoit_wolf`), both over 252 trading days a year. pypfopt,
cvxpy and pandas are imported inside the functions: pypfopt and cvxpy take seconds to import and only these requests
use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

TRADING_DAYS = 252
Method = Literal["min_volatility", "max_sharpe", "efficient_return", "efficient_risk", "hrp"]
METHODS: tuple[Method, ...] = get_args(Method)
# The walk-forward test's strategies: the method re-optimised, the current weights and equal weight, rebalanced.
STRATEGIES = ("optimised", "current", "equal_weight")
MIN_SYMBOLS = 2
# Values in error messages are rounded to 4 decimals (0.1237 = 12.37%), as a sentence shows them.
# Weights the solvers return may miss a bound by rounding (1e-9 below zero); they are clipped back within this.
BOUND_TOLERANCE = 1e-6


class OptimisationInputError(ValueError):
    """Input the optimisation cannot use: `parameter` names the request field, `reason` is the value of an error code
    (core.exceptions.ErrorCode, which this Django-free module cannot import; a test checks every reason is one) and
    `values` what its sentence needs."""

    def __init__(self, message: str, *, parameter: str, reason: str, values: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.reason = reason
        self.values = values or {}


@dataclass(frozen=True, slots=True)
class Spec:
    """What to optimise: the method, its target (efficient_return: annual return; efficient_risk: annual
    volatility), long-only weight bounds per position and the annual risk-free rate of the Sharpe ratio."""

    method: Method = "max_sharpe"
    target_return: float | None = None
    target_volatility: float | None = None
    min_weight: float = 0.0
    max_weight: float = 1.0
    risk_free_rate: float = 0.02

    @property
    def bounded(self) -> bool:
        return self.min_weight > 0 or self.max_weight < 1


@dataclass(frozen=True, slots=True)
class Performance:
    """Annualised expected return and volatility (fractions) and the Sharpe ratio of a weight vector."""

    expected_return: float
    volatility: float
    sharpe: float


@dataclass(frozen=True, slots=True)
class Optimised:
    mu: np.ndarray
    cov: np.ndarray
    weights: np.ndarray
    performance: Performance
    frontier: list[Performance]
    min_volatility: Performance
    max_return: float  # the highest annual return the bounds allow (the frontier's right end)


@dataclass(frozen=True, slots=True)
class StrategyRecord:
    """Out-of-sample figures of one strategy: annualised (CAGR) return, volatility, Sharpe, the worst peak-to-trough
    fall (a negative fraction) and the total return over the whole test."""

    name: str
    annual_return: float
    volatility: float
    sharpe: float
    max_drawdown: float
    total_return: float


@dataclass(frozen=True, slots=True)
class WalkForward:
    train_days: int
    hold_days: int
    periods: int
    start_index: int  # index of the first close held (the end of the first training window)
    end_index: int
    fallback_periods: int  # windows where the method had no answer and the minimum-volatility weights were held
    strategies: list[StrategyRecord]


def spec_check(spec: Spec, *, count: int) -> None:
    """Refuse a spec that no portfolio of `count` positions can meet, naming the parameter."""
    if count < MIN_SYMBOLS:
        raise OptimisationInputError(
            f"an optimisation needs at least {MIN_SYMBOLS} symbols, got {count}.",
            parameter="symbols",
            reason="too_few_symbols",
            values={"minimum": MIN_SYMBOLS, "count": count},
        )
    if spec.method not in METHODS:
        raise OptimisationInputError(
            f"one of {', '.join(METHODS)}.",
            parameter="method",
            reason="invalid_type",
            values={"allowed": list(METHODS)},
        )
    if not 0 <= spec.min_weight <= spec.max_weight <= 1:
        raise OptimisationInputError(
            "must be between 0 and max_weight (long-only, at most 1).",
            parameter="min_weight",
            reason="weight_bounds",
            values={"min_weight": spec.min_weight, "max_weight": spec.max_weight},
        )
    if spec.max_weight * count < 1 - BOUND_TOLERANCE:
        raise OptimisationInputError(
            f"{count} positions of at most {spec.max_weight:g} cannot add up to 1.",
            parameter="max_weight",
            reason="infeasible_weights",
            values={"max_weight": spec.max_weight, "count": count, "minimum": round(1 / count, 4)},
        )
    if spec.min_weight * count > 1 + BOUND_TOLERANCE:
        raise OptimisationInputError(
            f"{count} positions of at least {spec.min_weight:g} add up to more than 1.",
            parameter="min_weight",
            reason="infeasible_weights",
            values={"min_weight": spec.min_weight, "count": count, "maximum": round(1 / count, 4)},
        )
    if spec.method == "hrp" and spec.bounded:
        raise OptimisationInputError(
            "hierarchical risk parity (hrp) takes no weight bounds; leave min_weight 0 and max_weight 1.",
            parameter="max_weight",
            reason="bounds_not_supported",
            values={"method": "hrp"},
        )
    for method, name, value in (
        ("efficient_return", "target_return", spec.target_return),
        ("efficient_risk", "target_volatility", spec.target_volatility),
    ):
        if spec.method == method and value is None:
            raise OptimisationInputError(
                f"{method} needs a {name}.", parameter=name, reason="target_required", values={"method": method}
            )


def _frame(closes: np.ndarray) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(closes, columns=[f"a{i}" for i in range(closes.shape[1])])


def estimates(closes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Annual expected returns (geometric mean) and the Ledoit-Wolf shrunk annual covariance of `closes`
    (rows oldest first, one column per asset)."""
    from pypfopt import expected_returns, risk_models

    prices = _frame(closes)
    mu = expected_returns.mean_historical_return(prices, frequency=TRADING_DAYS)
    cov = risk_models.CovarianceShrinkage(prices, frequency=TRADING_DAYS).ledoit_wolf()
    return np.asarray(mu, dtype=np.float64), np.asarray(cov, dtype=np.float64)


def performance(weights: np.ndarray, mu: np.ndarray, cov: np.ndarray, *, risk_free_rate: float) -> Performance:
    expected = float(weights @ mu)
    volatility = float(np.sqrt(max(float(weights @ cov @ weights), 0.0)))
    sharpe = (expected - risk_free_rate) / volatility if volatility > 0 else 0.0
    return Performance(expected, volatility, sharpe)


def max_return(mu: np.ndarray, *, min_weight: float, max_weight: float) -> float:
    """The highest return of weights within [min_weight, max_weight] summing to 1: every asset at its floor, the rest
    poured into the best assets up to their cap. Solving this box-constrained LP greedily is exact, where pypfopt only
    offers it as a private method (`_max_return`)."""
    weights = np.full(len(mu), min_weight)
    left = 1.0 - weights.sum()
    for i in np.argsort(-mu):
        add = min(max_weight - min_weight, left)
        weights[i] += add
        left -= add
    return float(weights @ mu)


def _frontier(mu: np.ndarray, cov: np.ndarray, spec: Spec) -> Any:
    from pypfopt import EfficientFrontier

    return EfficientFrontier(mu, cov, weight_bounds=(spec.min_weight, spec.max_weight))


def _clipped(weights: np.ndarray, spec: Spec) -> np.ndarray:
    return np.clip(weights, spec.min_weight, spec.max_weight)


def _mean_variance(mu: np.ndarray, cov: np.ndarray, spec: Spec, *, min_volatility: Performance | None) -> np.ndarray:
    """max_sharpe, efficient_return or efficient_risk weights; the two targets need the `min_volatility` portfolio."""
    from pypfopt.exceptions import OptimizationError

    ef = _frontier(mu, cov, spec)
    try:
        if spec.method == "min_volatility":
            ef.min_volatility()
        elif spec.method == "max_sharpe":
            if not (mu > spec.risk_free_rate).any():
                raise OptimisationInputError(
                    f"no asset's expected return ({float(mu.max()):.4f} at best) exceeds "
                    f"{spec.risk_free_rate:g}, so no portfolio has a positive Sharpe ratio.",
                    parameter="risk_free_rate",
                    reason="no_return_above_risk_free",
                    values={"risk_free_rate": spec.risk_free_rate, "best_return": round(float(mu.max()), 4)},
                )
            ef.max_sharpe(risk_free_rate=spec.risk_free_rate)
        elif spec.method == "efficient_return":
            assert spec.target_return is not None
            assert min_volatility is not None
            highest = max_return(mu, min_weight=spec.min_weight, max_weight=spec.max_weight)
            if spec.target_return > highest:
                raise OptimisationInputError(
                    f"at most {highest:.4f} is reachable within the weight bounds.",
                    parameter="target_return",
                    reason="target_out_of_range",
                    values={"minimum": round(min_volatility.expected_return, 4), "maximum": round(highest, 4)},
                )
            ef.efficient_return(float(spec.target_return))
        else:
            assert spec.target_volatility is not None
            assert min_volatility is not None
            if spec.target_volatility < min_volatility.volatility:
                raise OptimisationInputError(
                    f"the least volatile portfolio has {min_volatility.volatility:.4f}.",
                    parameter="target_volatility",
                    reason="target_out_of_range",
                    values={"minimum": round(min_volatility.volatility, 4)},
                )
            ef.efficient_risk(float(spec.target_volatility))
    except OptimizationError as exc:
        raise OptimisationInputError(
            f"the solver found no {spec.method} portfolio within these constraints.",
            parameter="method",
            reason="optimisation_failed",
            values={"method": spec.method},
        ) from exc
    return _clipped(np.asarray(list(ef.weights), dtype=np.float64), spec)


def _min_volatility_weights(mu: np.ndarray, cov: np.ndarray, spec: Spec) -> np.ndarray:
    ef = _frontier(mu, cov, spec)
    ef.min_volatility()
    return _clipped(np.asarray(list(ef.weights), dtype=np.float64), spec)


def _hrp(closes: np.ndarray, cov: np.ndarray) -> np.ndarray:
    import pandas as pd
    from pypfopt import HRPOpt

    returns = _frame(closes).pct_change().dropna()
    names = list(returns.columns)
    hrp = HRPOpt(returns=returns, cov_matrix=pd.DataFrame(cov, index=names, columns=names))
    weights = hrp.optimize()
    return np.asarray([weights[name] for name in names], dtype=np.float64)


def weights_solve(closes: np.ndarray, spec: Spec) -> np.ndarray:
    """Target weights of `spec.method` estimated from `closes` alone."""
    mu, cov = estimates(closes)
    if spec.method == "hrp":
        return _hrp(closes, cov)
    if spec.method == "max_sharpe":
        return _mean_variance(mu, cov, spec, min_volatility=None)
    floor = _min_volatility_weights(mu, cov, spec)
    if spec.method == "min_volatility":
        return floor
    return _mean_variance(mu, cov, spec, min_volatility=performance(floor, mu, cov, risk_free_rate=spec.risk_free_rate))


def optimise(closes: np.ndarray, spec: Spec, *, frontier_points: int = 20) -> Optimised:
    """Weights of `spec.method` on `closes` (rows oldest first, one column per asset), their in-sample figures and
    `frontier_points` points of the efficient frontier from the minimum-volatility portfolio to the highest return
    the bounds allow."""
    spec_check(spec, count=closes.shape[1])
    mu, cov = estimates(closes)
    rf = spec.risk_free_rate
    floor_weights = _min_volatility_weights(mu, cov, spec)
    floor = performance(floor_weights, mu, cov, risk_free_rate=rf)
    if spec.method == "hrp":
        weights = _hrp(closes, cov)
    elif spec.method == "min_volatility":
        weights = floor_weights
    else:
        weights = _mean_variance(mu, cov, spec, min_volatility=floor)
    highest = max_return(mu, min_weight=spec.min_weight, max_weight=spec.max_weight)
    return Optimised(
        mu=mu,
        cov=cov,
        weights=weights,
        performance=performance(weights, mu, cov, risk_free_rate=rf),
        frontier=_frontier_points(mu, cov, spec, low=floor, high=highest, points=frontier_points),
        min_volatility=floor,
        max_return=highest,
    )


def _frontier_points(
    mu: np.ndarray, cov: np.ndarray, spec: Spec, *, low: Performance, high: float, points: int
) -> list[Performance]:
    from pypfopt.exceptions import OptimizationError

    result = [low]
    # The last target stays a hair below the maximum: at the maximum itself the solver's equality is on the edge of
    # the feasible set and may report it infeasible.
    span = high - low.expected_return
    # One problem for every point: pypfopt then only updates its target_return parameter, so cvxpy compiles once.
    ef = _frontier(mu, cov, spec)
    for target in np.linspace(low.expected_return, high - span * 1e-6, points)[1:]:
        try:
            ef.efficient_return(float(target))
        except (OptimizationError, ValueError):
            continue
        weights = _clipped(np.asarray(list(ef.weights), dtype=np.float64), spec)
        result.append(performance(weights, mu, cov, risk_free_rate=spec.risk_free_rate))
    return result


def whole_shares(weights: np.ndarray, prices: np.ndarray, *, value: float) -> tuple[np.ndarray, float]:
    """Whole shares per asset that come closest to `weights` of `value` at `prices` (pypfopt's greedy
    DiscreteAllocation) and the cash left over."""
    import pandas as pd
    from pypfopt import DiscreteAllocation

    names = [f"a{i}" for i in range(len(weights))]
    if value <= 0:
        return np.zeros(len(weights)), 0.0
    allocation = DiscreteAllocation(
        dict(zip(names, weights.tolist(), strict=True)),
        pd.Series(prices, index=names),
        total_portfolio_value=value,
    )
    shares, leftover = allocation.greedy_portfolio()
    return np.asarray([float(shares.get(name, 0)) for name in names]), float(leftover)


def record(name: str, returns: np.ndarray, *, risk_free_rate: float) -> StrategyRecord:
    """Annualised figures of a series of daily returns."""
    equity = np.cumprod(1 + returns)
    years = len(returns) / TRADING_DAYS
    total = float(equity[-1] - 1)
    annual = float(equity[-1] ** (1 / years) - 1) if equity[-1] > 0 else -1.0
    volatility = float(np.std(returns, ddof=1) * np.sqrt(TRADING_DAYS)) if len(returns) > 1 else 0.0
    sharpe = (float(returns.mean()) * TRADING_DAYS - risk_free_rate) / volatility if volatility > 0 else 0.0
    path = np.concatenate([[1.0], equity])
    drawdown = float((path / np.maximum.accumulate(path) - 1).min())
    return StrategyRecord(name, annual, volatility, sharpe, drawdown, total)


def _held(closes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Daily returns of buying `weights` at the first close and holding the shares to the last."""
    values = (closes[1:] / closes[0]) @ weights
    return values / np.concatenate([[1.0], values[:-1]]) - 1


def walk_forward(
    closes: np.ndarray, spec: Spec, *, current_weights: np.ndarray | None, train_days: int, hold_days: int
) -> WalkForward:
    """Re-optimise on the trailing `train_days` returns, hold those weights for the next `hold_days` bars, rebalance,
    repeat to the newest bar; the current weights (when given) and equal weight are rebalanced on the same dates.
    Each window's weights see only closes up to the day they are bought at."""
    spec_check(spec, count=closes.shape[1])
    rows = closes.shape[0]
    needed = train_days + hold_days + 1
    if rows < needed:
        raise OptimisationInputError(
            f"the walk-forward test needs {needed} common closes "
            f"({train_days} to train, {hold_days} to hold), {rows} are stored.",
            parameter="lookback_days",
            reason="insufficient_common_history",
            values={"bars": rows, "needed": needed},
        )
    equal = np.full(closes.shape[1], 1 / closes.shape[1])
    baselines = (
        {"equal_weight": equal} if current_weights is None else {"current": current_weights, "equal_weight": equal}
    )
    series: dict[str, list[np.ndarray]] = {"optimised": [], **{name: [] for name in baselines}}
    fallbacks = 0
    starts = list(range(train_days, rows - 1, hold_days))
    for start in starts:
        end = min(start + hold_days, rows - 1)
        window = closes[start - train_days : start + 1]
        try:
            weights = weights_solve(window, spec)
        except OptimisationInputError:
            fallbacks += 1
            mu, cov = estimates(window)
            weights = _min_volatility_weights(mu, cov, spec)
        held = closes[start : end + 1]
        series["optimised"].append(_held(held, weights))
        for name, fixed in baselines.items():
            series[name].append(_held(held, fixed))
    return WalkForward(
        train_days=train_days,
        hold_days=hold_days,
        periods=len(starts),
        start_index=starts[0],
        end_index=rows - 1,
        fallback_periods=fallbacks,
        strategies=[
            record(name, np.concatenate(parts), risk_free_rate=spec.risk_free_rate) for name, parts in series.items()
        ],
    )
