"""Portfolio optimisation against closed forms, PyPortfolioOpt's estimators by another route, and hand-worked cases."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.covariance import ledoit_wolf

from analysis import optimisation
from analysis.optimisation import (
    METHODS,
    OptimisationInputError,
    Spec,
    estimates,
    max_return,
    optimise,
    record,
    walk_forward,
    weights_solve,
    whole_shares,
)
from core.exceptions import ErrorCode


def _closes(n_assets: int, rows: int = 600, seed: int = 3) -> np.ndarray:
    """Seeded random walks with different drifts and volatilities, one column per asset."""
    rng = np.random.default_rng(seed)
    drift = np.linspace(0.0002, 0.0009, n_assets)
    vol = np.linspace(0.008, 0.02, n_assets)
    common = rng.normal(0, 0.006, (rows - 1, 1))
    returns = drift + common + rng.normal(0, 1, (rows - 1, n_assets)) * vol
    return 100 * np.vstack([np.ones(n_assets), np.cumprod(1 + returns, axis=0)])


def test_estimates_are_the_geometric_mean_and_ledoit_wolf_shrunk_covariance_per_year() -> None:
    closes = _closes(4)
    mu, cov = estimates(closes)
    years = (len(closes) - 1) / 252
    assert mu == pytest.approx((closes[-1] / closes[0]) ** (1 / years) - 1, rel=1e-9)
    returns = closes[1:] / closes[:-1] - 1
    shrunk, _ = ledoit_wolf(returns)
    assert cov == pytest.approx(shrunk * 252, rel=1e-9)
    # Shrinkage pulls the correlations toward their average: the shrunk covariance is not the sample one.
    assert not np.allclose(cov, np.cov(returns, rowvar=False) * 252, rtol=1e-3)


def test_two_asset_minimum_variance_matches_the_closed_form() -> None:
    closes = _closes(2)
    _, cov = estimates(closes)
    s1, s2, s12 = cov[0, 0], cov[1, 1], cov[0, 1]
    w1 = (s2 - s12) / (s1 + s2 - 2 * s12)
    result = optimise(closes, Spec(method="min_volatility"))
    assert result.weights == pytest.approx([w1, 1 - w1], abs=1e-4)
    assert result.performance.volatility == pytest.approx(
        np.sqrt(w1**2 * s1 + (1 - w1) ** 2 * s2 + 2 * w1 * (1 - w1) * s12)
    )


def test_two_asset_max_sharpe_is_the_tangency_portfolio() -> None:
    closes = _closes(2, seed=5)
    mu, cov = estimates(closes)
    rf = 0.01
    raw = np.linalg.solve(cov, mu - rf)
    tangency = raw / raw.sum()
    assert (tangency > 0).all()  # an interior optimum, so long-only does not bind
    result = optimise(closes, Spec(method="max_sharpe", risk_free_rate=rf))
    assert result.weights == pytest.approx(tangency, abs=1e-3)
    expected = tangency @ mu
    assert result.performance.sharpe == pytest.approx((expected - rf) / np.sqrt(tangency @ cov @ tangency), rel=1e-4)


@pytest.mark.parametrize("method", [m for m in METHODS if m != "hrp"])
def test_weights_sum_to_one_within_the_bounds(method: str) -> None:
    closes = _closes(6)
    spec = Spec(method=method, target_return=0.15, target_volatility=0.2, min_weight=0.05, max_weight=0.3)  # type: ignore[arg-type]
    result = optimise(closes, spec)
    assert result.weights.sum() == pytest.approx(1, abs=1e-6)
    assert result.weights.min() >= 0.05 - 1e-9
    assert result.weights.max() <= 0.3 + 1e-9


def test_hrp_weights_are_long_only_and_sum_to_one() -> None:
    result = optimise(_closes(6), Spec(method="hrp"))
    assert result.weights.sum() == pytest.approx(1)
    assert (result.weights > 0).all()
    # The least volatile asset (the first) gets the most weight under risk parity.
    assert int(np.argmax(result.weights)) == 0


def test_efficient_targets_are_met() -> None:
    closes = _closes(5)
    on_return = optimise(closes, Spec(method="efficient_return", target_return=0.3))
    assert on_return.performance.expected_return == pytest.approx(0.3, abs=1e-4)
    on_risk = optimise(closes, Spec(method="efficient_risk", target_volatility=0.15))
    assert on_risk.performance.volatility == pytest.approx(0.15, abs=1e-4)
    floor = optimise(closes, Spec(method="min_volatility")).performance
    assert on_risk.performance.expected_return > floor.expected_return
    # A return target below the least volatile portfolio's return is met by that portfolio (return >= target).
    assert floor.expected_return > 0.15
    modest = optimise(closes, Spec(method="efficient_return", target_return=0.15)).performance
    assert modest.volatility == pytest.approx(floor.volatility, abs=1e-5)


def test_frontier_runs_from_the_least_volatile_portfolio_to_the_highest_return() -> None:
    result = optimise(_closes(5), Spec(max_weight=0.5), frontier_points=12)
    returns = [p.expected_return for p in result.frontier]
    vols = [p.volatility for p in result.frontier]
    assert len(result.frontier) == 12
    assert result.frontier[0] == result.min_volatility
    assert returns == sorted(returns)
    assert vols == sorted(vols)
    assert returns[-1] == pytest.approx(result.max_return, abs=1e-4)
    # The maximum-Sharpe target is the frontier's tangency point: no point on the curve has a higher Sharpe ratio.
    assert result.performance.sharpe >= max(p.sharpe for p in result.frontier) - 1e-6


def test_max_return_fills_the_best_assets_to_their_cap() -> None:
    # Floors of 0.1 each leave 0.7: 0.4 more to the best asset (cap 0.5), the remaining 0.3 to the next.
    mu = np.array([0.1, 0.3, 0.2])
    assert max_return(mu, min_weight=0.1, max_weight=0.5) == pytest.approx(0.1 * 0.1 + 0.5 * 0.3 + 0.4 * 0.2)


def test_whole_shares_spend_the_value_at_the_prices() -> None:
    shares, leftover = whole_shares(np.array([0.5, 0.5]), np.array([10.0, 30.0]), value=1000)
    # 500 buys 50 at 10 and 16 at 30 (480). The 20 left cannot buy the underweight asset (30) and the other is
    # already above its weight (500 of 980 bought), so pypfopt's greedy second round stops.
    assert shares.tolist() == [50.0, 16.0]
    assert leftover == pytest.approx(20)
    shares, leftover = whole_shares(np.array([0.5, 0.5]), np.array([10.0, 30.0]), value=1010)
    # 505: 50 at 10 and 16 at 30 leave 30, which buys one more of the underweight asset at 30.
    assert shares.tolist() == [50.0, 17.0]
    assert leftover == pytest.approx(0)
    assert whole_shares(np.array([0.5, 0.5]), np.array([10.0, 30.0]), value=0) == (pytest.approx([0, 0]), 0.0)


def test_record_of_a_hand_worked_series() -> None:
    result = record("x", np.array([0.1, -0.5, 0.2]), risk_free_rate=0.0)
    assert result.total_return == pytest.approx(1.1 * 0.5 * 1.2 - 1)
    assert result.max_drawdown == pytest.approx(-0.5)
    assert result.annual_return == pytest.approx(0.66 ** (252 / 3) - 1)
    returns = np.array([0.1, -0.5, 0.2])
    assert result.volatility == pytest.approx(returns.std(ddof=1) * np.sqrt(252))


def test_walk_forward_holds_each_window_and_rebalances() -> None:
    closes = _closes(3, rows=200)
    test = walk_forward(closes, Spec(method="min_volatility"), current_weights=None, train_days=100, hold_days=30)
    assert test.periods == 4  # holds from closes 100, 130, 160, 190 (the last one to close 199)
    assert [s.name for s in test.strategies] == ["optimised", "equal_weight"]
    equal = test.strategies[1]
    growth = 1.0
    for start in (100, 130, 160, 190):
        end = min(start + 30, 199)
        growth *= float(np.mean(closes[end] / closes[start]))
    assert equal.total_return == pytest.approx(growth - 1)
    optimised = test.strategies[0]
    growth = 1.0
    for start in (100, 130, 160, 190):
        end = min(start + 30, 199)
        weights = weights_solve(closes[start - 100 : start + 1], Spec(method="min_volatility"))
        growth *= float(weights @ (closes[end] / closes[start]))
    assert optimised.total_return == pytest.approx(growth - 1, rel=1e-6)


def test_walk_forward_never_looks_ahead() -> None:
    """Changing the closes after a rebalance date leaves every earlier period's result as it was."""
    closes = _closes(3, rows=200)
    changed = closes.copy()
    changed[161:] *= np.linspace(1, 3, 39)[:, None] * np.array([1.0, 0.5, 2.0])
    spec = Spec(method="max_sharpe", risk_free_rate=0.0)
    head = walk_forward(closes[:161], spec, current_weights=None, train_days=100, hold_days=30)
    other = walk_forward(changed[:161], spec, current_weights=None, train_days=100, hold_days=30)
    assert head.strategies == other.strategies
    full = walk_forward(changed, spec, current_weights=None, train_days=100, hold_days=30)
    assert full.strategies != head.strategies


def test_walk_forward_compares_the_current_weights() -> None:
    closes = _closes(3, rows=200)
    current = np.array([1.0, 0.0, 0.0])
    test = walk_forward(closes, Spec(), current_weights=current, train_days=100, hold_days=30)
    by_name = {s.name: s for s in test.strategies}
    assert set(by_name) == {"optimised", "current", "equal_weight"}
    assert by_name["current"].total_return == pytest.approx(closes[199, 0] / closes[100, 0] - 1)


@pytest.mark.parametrize(
    ("closes", "spec", "parameter", "code"),
    [
        (_closes(1), Spec(), "symbols", "too_few_symbols"),
        (_closes(3), Spec(max_weight=0.3), "max_weight", "infeasible_weights"),
        (_closes(3), Spec(min_weight=0.4), "min_weight", "infeasible_weights"),
        (_closes(3), Spec(min_weight=0.4, max_weight=0.3), "min_weight", "weight_bounds"),
        (_closes(3), Spec(method="hrp", max_weight=0.5), "max_weight", "bounds_not_supported"),
        (_closes(3), Spec(method="efficient_return"), "target_return", "target_required"),
        (_closes(3), Spec(method="efficient_return", target_return=5.0), "target_return", "target_out_of_range"),
        (
            _closes(3),
            Spec(method="efficient_risk", target_volatility=0.001),
            "target_volatility",
            "target_out_of_range",
        ),
        (_closes(3), Spec(method="max_sharpe", risk_free_rate=3.0), "risk_free_rate", "no_return_above_risk_free"),
    ],
)
def test_input_no_portfolio_can_meet_is_refused_naming_the_parameter(
    closes: np.ndarray, spec: Spec, parameter: str, code: str
) -> None:
    with pytest.raises(OptimisationInputError) as caught:
        optimise(closes, spec)
    assert (caught.value.parameter, caught.value.reason) == (parameter, code)


def test_target_out_of_range_names_the_reachable_maximum() -> None:
    closes = _closes(3)
    reachable = optimise(closes, Spec(max_weight=0.5)).max_return
    with pytest.raises(OptimisationInputError) as caught:
        optimise(closes, Spec(method="efficient_return", target_return=reachable + 0.01, max_weight=0.5))
    assert caught.value.values["maximum"] == pytest.approx(reachable, abs=1e-4)


def test_walk_forward_needs_a_training_window_and_a_period() -> None:
    with pytest.raises(OptimisationInputError) as caught:
        walk_forward(_closes(3, rows=120), Spec(), current_weights=None, train_days=100, hold_days=30)
    assert caught.value.reason == "insufficient_common_history"
    assert caught.value.values == {"bars": 120, "needed": 131}


def test_every_refusal_reason_is_an_error_code() -> None:
    """The module cannot import core's ErrorCode, so each `reason="..."` it raises is checked against it here."""
    source = Path(optimisation.__file__).read_text(encoding="utf-8")
    reasons = set(re.findall(r'reason="([a-z_]+)"', source))
    assert len(reasons) >= 9
    assert reasons <= {code.value for code in ErrorCode}
