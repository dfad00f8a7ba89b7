"""The backtest engine on a hand-computed case, published worked examples of its statistics, and no look-ahead."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from analysis.backtest import (
    BACKTEST_RULES,
    MIN_BARS,
    SIGNAL_RULES,
    BacktestInputError,
    Costs,
    _last_direction,
    backtest,
    rule_states,
    simulate,
    stats_of,
    trades_of,
)
from analysis.indicators import Bars
from analysis.signals import RULES
from tests.analysis.test_indicators import random_bars

OPEN = np.array([10.0, 11.0, 12.0, 12.0, 13.0])
CLOSE = np.array([10.5, 11.5, 12.5, 12.0, 14.0])
COSTS = Costs(commission_bps=10, slippage_bps=5)  # 0.15 % of the traded value a trade


def test_five_bars_one_trade_with_known_costs() -> None:
    # Bullish at bar 0's close, bearish at bar 1's: long from bar 1's open (11) to bar 3's open (12).
    target = np.array([1.0, 1.0, 0.0, 0.0, 0.0])
    equity, held, charged = simulate(OPEN, CLOSE, target, COSTS)
    keep = 1 - 0.0015
    np.testing.assert_allclose(
        equity, [1.0, keep * 11.5 / 11, keep * 12.5 / 11, keep**2 * 12 / 11, keep**2 * 12 / 11], rtol=1e-12
    )
    assert held.tolist() == [0.0, 1.0, 1.0, 0.0, 0.0]
    np.testing.assert_allclose(charged, [0, 0.0015, 0, 0.0015, 0])
    (trade,) = trades_of(OPEN, CLOSE, held, COSTS)
    assert (trade.entry, trade.exit, trade.direction) == (1, 3, 1)
    assert trade.net_return == pytest.approx(keep**2 * 12 / 11 - 1, rel=1e-12)
    stats = stats_of(equity, held, charged, [trade])
    assert stats.total_return == pytest.approx(keep**2 * 12 / 11 - 1, rel=1e-12)
    assert stats.exposure == pytest.approx(2 / 5)
    assert stats.trades == 1
    assert stats.hit_rate == 1.0
    assert stats.turnover == pytest.approx(2 / (5 / 252))  # in and out once in 5 of 252 bars a year
    assert stats.costs_paid == pytest.approx(0.003)
    assert stats.max_drawdown == pytest.approx(keep**2 * 12 / 11 / (keep * 12.5 / 11) - 1)


def test_buy_and_hold_pays_once_and_keeps_an_open_trade() -> None:
    equity, held, _charged = simulate(OPEN, CLOSE, np.ones(5), COSTS, initial=1.0)
    assert equity[-1] == pytest.approx((1 - 0.0015) * 14.0 / 10.0)
    (trade,) = trades_of(OPEN, CLOSE, held, COSTS)
    assert trade.exit is None
    assert trade.net_return == pytest.approx((1 - 0.0015) * 14.0 / 10.0 - 1)


def test_short_flip_pays_twice_the_rate_and_gains_on_a_fall() -> None:
    fall_open, fall_close = np.array([10.0, 10.0, 9.0, 8.0]), np.array([10.0, 9.5, 8.5, 8.0])
    equity, held, charged = simulate(fall_open, fall_close, np.array([-1.0, -1.0, 1.0, 1.0]), COSTS, initial=1.0)
    assert held.tolist() == [1.0, -1.0, -1.0, 1.0]
    np.testing.assert_allclose(charged, [0.0015, 0.003, 0, 0.003])
    # Short from bar 1's open to bar 3's: 10 -> 9.5 by day, 9.5 -> 9 overnight, 9 -> 8.5, 8.5 -> 8 overnight.
    short = 1.05 * (1 + 0.5 / 9.5) * (1 + 0.5 / 9) * (1 + 0.5 / 8.5)
    assert equity[3] / equity[0] == pytest.approx((1 - 0.003) * short * (1 - 0.003) * (8.0 / 8.0), rel=1e-12)
    trades = trades_of(fall_open, fall_close, held, COSTS)
    assert [t.direction for t in trades] == [1, -1, 1]
    assert trades[1].net_return == pytest.approx(short * (1 - 0.0015) ** 2 - 1, rel=1e-12)
    assert trades[1].net_return > 0.2  # a 20 % fall, compounded daily, after costs


def test_investopedia_maximum_drawdown_example() -> None:
    # Investopedia, "Maximum Drawdown (MDD)": 500,000 -> 750,000 -> 400,000 -> 600,000 -> 350,000 -> 800,000
    # gives (350,000 - 750,000) / 750,000 = -53.33 %.
    values = np.array([750_000, 400_000, 600_000, 350_000, 800_000]) / 500_000
    stats = stats_of(values, np.ones(5), np.zeros(5), [])
    assert stats.max_drawdown == pytest.approx(-0.5333, abs=1e-4)
    assert stats.total_return == pytest.approx(0.6)


def test_investopedia_cagr_example() -> None:
    # Investopedia, "Compound Annual Growth Rate (CAGR)": 10,000 growing to 19,500 in 5 years is 14.3 % a year.
    equity = np.linspace(1.0, 1.95, 5 * 252)
    stats = stats_of(equity, np.ones(len(equity)), np.zeros(len(equity)), [])
    assert stats.cagr == pytest.approx(0.143, abs=5e-4)  # published to 0.1 %


def test_sharpe_and_volatility_are_annualised_daily_figures() -> None:
    returns = np.tile([0.01, -0.005], 126)
    equity = np.cumprod(1 + returns)
    stats = stats_of(equity, np.ones(252), np.zeros(252), [])
    assert stats.volatility == pytest.approx(np.std(returns, ddof=1) * np.sqrt(252))
    assert stats.sharpe == pytest.approx(np.mean(returns) / np.std(returns, ddof=1) * np.sqrt(252))


def test_rule_names_are_the_signal_rules_and_the_composite() -> None:
    assert tuple(rule.name for rule in RULES) == SIGNAL_RULES
    assert BACKTEST_RULES[-1] == "composite"


def test_a_state_holds_from_one_event_to_the_next() -> None:
    events = np.array([0, 1, 0, 0, -1, 0, 1], dtype=np.int8)
    assert _last_direction(events).tolist() == [0, 1, 1, 1, -1, -1, 1]


def test_composite_is_the_sign_of_the_rules_vote() -> None:
    bars = random_bars(600, seed=4)
    vote = np.sign(np.mean([_last_direction(rule.events(bars)) for rule in RULES], axis=0))
    np.testing.assert_array_equal(rule_states(bars, "composite", "long_short"), vote)
    np.testing.assert_array_equal(rule_states(bars, "composite", "long_flat"), np.maximum(vote, 0))


@pytest.mark.parametrize("rule", BACKTEST_RULES)
def test_no_look_ahead_the_future_does_not_change_the_past(rule: str) -> None:
    bars = random_bars(700, seed=9)
    cut = Bars(*(a[:500] for a in (bars.open, bars.high, bars.low, bars.close, bars.volume)))
    full = backtest(bars, rule=rule, mode="long_short", costs=COSTS, start=250, end=700)
    known = backtest(cut, rule=rule, mode="long_short", costs=COSTS, start=250, end=500)
    np.testing.assert_array_equal(full.position[:250], known.position)
    np.testing.assert_allclose(full.equity[:250], known.equity, rtol=1e-12)


def test_signal_at_a_close_trades_at_the_next_open() -> None:
    bars = random_bars(400, seed=2)
    result = backtest(bars, rule="macd", mode="long_flat", costs=Costs(), start=100, end=400)
    state = rule_states(bars, "macd", "long_flat")
    np.testing.assert_array_equal(result.position, state[99:399])


def test_costs_scale_equity_by_one_minus_the_rate_per_change() -> None:
    bars = random_bars(500, seed=3)
    free = backtest(bars, rule="rsi", mode="long_flat", costs=Costs(), start=0, end=500)
    paid = backtest(bars, rule="rsi", mode="long_flat", costs=Costs(20, 30), start=0, end=500)
    changes = int(np.count_nonzero(np.diff(np.concatenate(([0.0], free.position)))))
    assert changes > 2
    assert paid.equity[-1] == pytest.approx(free.equity[-1] * (1 - 0.005) ** changes, rel=1e-12)
    assert paid.strategy.trades == free.strategy.trades
    assert paid.buy_and_hold.total_return < free.buy_and_hold.total_return


def test_a_short_window_and_an_unknown_rule_are_refused_naming_the_parameter() -> None:
    bars = random_bars(100, seed=1)
    with pytest.raises(BacktestInputError) as short:
        backtest(bars, rule="rsi", mode="long_flat", costs=Costs(), start=90, end=100)
    assert short.value.param == "start"
    assert short.value.values == {"bars": 10, "needed": MIN_BARS}
    with pytest.raises(BacktestInputError) as unknown:
        backtest(bars, rule="vwap", mode="long_flat", costs=Costs(), start=0, end=100)
    assert unknown.value.param == "rule"


def test_importing_the_names_loads_neither_numpy_nor_talib() -> None:
    code = (
        "import sys, analysis.backtest, analysis.patterns; "
        "print(sorted(m for m in ('numpy', 'talib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
