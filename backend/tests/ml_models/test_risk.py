"""Risk figures: Sharpe, Sortino and beta equal empyrical's; Kupiec's test; beta on shared dates, SPY's 1, null
with a reason on a flat benchmark; each figure names its window and return convention."""

from __future__ import annotations

import empyrical
import numpy as np
import pandas as pd
import pytest

from ml_models import forecasting, risk


def _market(n: int, seed: int = 21) -> tuple[np.ndarray, np.ndarray]:
    """A benchmark and a stock with beta 1.3 to it, as closes."""
    rng = np.random.default_rng(seed)
    market = rng.normal(0.0004, 0.01, n)
    stock = 1.3 * market + rng.normal(0.0, 0.008, n)
    return 100 * np.cumprod(1 + stock), 300 * np.cumprod(1 + market)


def _simple(close: np.ndarray) -> np.ndarray:
    return np.diff(close) / close[:-1]


@pytest.mark.parametrize("annual_rf", [0.0, 0.04])
def test_sharpe_and_sortino_equal_empyricals(annual_rf: float) -> None:
    close, _ = _market(600)
    returns = _simple(close)
    daily_rf = risk.daily_risk_free(annual_rf)
    assert risk.sharpe_ratio(returns, daily_rf) == pytest.approx(empyrical.sharpe_ratio(returns, risk_free=daily_rf))
    assert risk.sortino_ratio(returns, daily_rf) == pytest.approx(
        empyrical.sortino_ratio(returns, required_return=daily_rf)
    )


def test_the_risk_free_rate_lowers_sharpe_and_is_reported() -> None:
    close, bench = _market(800)
    free = forecasting.assess_risk(close, bench, risk_free_rate=0.0)
    paid = forecasting.assess_risk(close, bench, risk_free_rate=0.05)
    assert paid.risk_free_rate == 0.05
    assert paid.sharpe is not None
    assert free.sharpe is not None
    assert paid.sharpe < free.sharpe
    # (1 + r)^(1/252) - 1 compounds back to r over a trading year.
    assert (1 + risk.daily_risk_free(0.05)) ** 252 == pytest.approx(1.05)


def test_assessments_sharpe_and_beta_are_empyricals_on_the_last_year() -> None:
    close, bench = _market(800)
    assessed = forecasting.assess_risk(close, bench, risk_free_rate=0.03)
    year, bench_year = _simple(close)[-252:], _simple(bench)[-252:]
    daily_rf = risk.daily_risk_free(0.03)
    assert assessed.sharpe == pytest.approx(empyrical.sharpe_ratio(year, risk_free=daily_rf))
    assert assessed.sortino == pytest.approx(empyrical.sortino_ratio(year, required_return=daily_rf))
    assert assessed.beta == pytest.approx(empyrical.beta(year, bench_year))
    assert assessed.beta is not None
    assert 1.1 < assessed.beta < 1.5  # planted at 1.3
    assert assessed.beta_points == 252


def test_the_benchmarks_own_beta_is_exactly_one() -> None:
    _, bench = _market(800)
    assessed = forecasting.assess_risk(bench, is_benchmark=True)
    assert assessed.beta == 1.0
    assert assessed.beta_reason is None


def test_one_date_missing_from_the_benchmark_keeps_beta_on_the_shared_dates() -> None:
    close, bench = _market(800)
    gappy = bench.copy()
    gappy[-100] = np.nan  # SPY has no bar that day
    assessed = forecasting.assess_risk(close, gappy)
    assert assessed.beta is not None
    assert assessed.beta_points == 251  # two returns merge into one across the missing day
    keep = ~np.isnan(gappy[-253:])
    expected = empyrical.beta(_simple(close[-253:][keep]), _simple(bench[-253:][keep]))
    assert assessed.beta == pytest.approx(expected)


def test_too_few_shared_dates_give_no_beta_and_say_why() -> None:
    close, bench = _market(800)
    sparse = np.full_like(bench, np.nan)
    sparse[-40:] = bench[-40:]
    assessed = forecasting.assess_risk(close, sparse)
    assert assessed.beta is None
    assert assessed.beta_points == 39
    assert assessed.beta_reason is not None
    assert "fewer than 60" in assessed.beta_reason
    assert assessed.beta_reason_code == "few_shared_dates"


def test_a_near_constant_benchmark_gives_a_null_beta_with_a_reason_not_a_huge_number() -> None:
    close, _ = _market(800)
    rng = np.random.default_rng(4)
    flat = np.asarray(
        100 * np.cumprod(1 + rng.normal(0.0, 1e-7, len(close))), dtype=np.float64
    )  # variance ~1e-14: dividing by it blows up
    assessed = forecasting.assess_risk(close, flat)
    assert assessed.beta is None
    assert assessed.beta_reason is not None
    assert "variance" in assessed.beta_reason
    assert assessed.beta_reason_code == "flat_benchmark"


def test_no_benchmark_stored_says_so() -> None:
    close, _ = _market(800)
    assessed = forecasting.assess_risk(close)
    assert assessed.beta is None
    assert assessed.beta_reason == "no benchmark prices are stored"
    assert assessed.beta_reason_code == "no_benchmark"


def test_kupiec_matches_the_published_likelihood_ratio() -> None:
    # Jorion, Value at Risk (3rd ed.), the Basel example: 250 days at 99%, 4 exceptions are in the green zone.
    test = risk.kupiec_pof(4, 250, expected_rate=0.01)
    log_null = 246 * np.log(0.99) + 4 * np.log(0.01)
    log_alt = 246 * np.log(246 / 250) + 4 * np.log(4 / 250)
    assert test.likelihood_ratio == pytest.approx(-2 * (log_null - log_alt))
    assert test.likelihood_ratio == pytest.approx(0.77, abs=0.01)
    assert not test.rejected
    # The 95% critical value of chi-square(1) is 3.841: 10 exceptions in 250 days reject a 99% VaR.
    ten = risk.kupiec_pof(10, 250, expected_rate=0.01)
    assert ten.likelihood_ratio > 3.841
    assert ten.rejected
    assert ten.p_value < 0.05


def test_kupiec_with_no_breach_is_finite() -> None:
    test = risk.kupiec_pof(0, 500, expected_rate=0.05)
    assert test.likelihood_ratio == pytest.approx(-2 * 500 * np.log(0.95))
    assert test.rejected


def test_a_calibrated_var_passes_kupiec_and_a_regime_change_fails_it() -> None:
    rng = np.random.default_rng(8)
    steady = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 1500)))
    assessed = forecasting.assess_risk(steady)
    assert assessed.var_backtest is not None
    assert not assessed.var_backtest.rejected
    assert assessed.var_backtest.days == 1499 - 252
    assert assessed.backtest_var_breaches == assessed.var_backtest.breach_rate
    returns = np.concatenate([rng.normal(0, 0.005, 800), rng.normal(0, 0.02, 700)])  # volatility quadruples
    shocked = forecasting.assess_risk(100 * np.exp(np.cumsum(returns)))
    assert shocked.var_backtest is not None
    assert shocked.var_backtest.rejected
    assert shocked.var_backtest.breach_rate > 0.05


def test_every_figure_names_its_window_and_return_convention() -> None:
    close, bench = _market(800)
    labels = forecasting.assess_risk(close, bench).labels
    assert set(labels) == {
        "annual_volatility", "var_95_1d", "cvar_95_1d", "sharpe", "sortino", "beta", "max_drawdown", "var_backtest"
    }  # fmt: skip
    assert labels["annual_volatility"].window_days == 252
    assert labels["annual_volatility"].returns == "log"
    assert labels["annual_volatility"].description == "daily log returns"
    assert labels["max_drawdown"].window_days is None  # all history
    assert labels["sharpe"].returns == "simple_excess"
    assert labels["beta"].returns == "simple"


def test_empyricals_max_drawdown_agrees_on_all_history() -> None:
    close, _ = _market(800)
    returns = pd.Series(_simple(close))
    # empyrical measures from the first return's base, our series starts at the first close: the same path.
    assert forecasting.assess_risk(close).max_drawdown == pytest.approx(-empyrical.max_drawdown(returns))
