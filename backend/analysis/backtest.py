"""Backtests of the signal rules (and their composite) with commission and slippage, against buy-and-hold.

Our own small vectorised numpy engine, because no maintained library fits both the licence and the job:
vectorbt is Apache-2.0 with the Commons Clause (not an open-source licence), backtesting.py is AGPL-3.0 and
backtrader GPL-3.0 (copyleft for a served product; backtrader has had no release since 2023), zipline-reloaded needs
data bundles and an exchange calendar per run, and bt (MIT) is a portfolio-tree framework that steps through every
bar over pandas objects and brings ffn with it, for what is here a handful of array operations. The engine is
checked in the tests against a hand-computed case and published CAGR and drawdown examples.

Timing, so nothing looks ahead: a rule's state is decided at the close of bar t from the indicators up to t, and
the trade happens at the open of bar t + 1. Equity is marked at every close: a bar's return is the position held
overnight times open[t] / close[t-1] - 1, then the position taken at the open times close[t] / open[t] - 1. Costs
(commission plus slippage, in basis points of the traded value) are charged at the open on |change of position|.
Buy-and-hold buys at the first bar's open with the same costs. numpy and TA-Lib are imported inside the functions
so that importing this module (for its names) stays light.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from analysis.indicators import Bars, FloatArray

# The rule names of analysis.signals.RULES (a test keeps them equal), plus their composite.
SIGNAL_RULES: tuple[str, ...] = ("rsi", "macd", "bbands", "sma_cross", "stoch", "obv")
BACKTEST_RULES: tuple[str, ...] = (*SIGNAL_RULES, "composite")
MODES: tuple[str, ...] = ("long_flat", "long_short")
Mode = Literal["long_flat", "long_short"]
MIN_BARS = 20  # bars inside the window; fewer make every statistic noise
BARS_PER_YEAR = 252
MAX_COST_BPS = 1000.0  # 10 % a trade: the API refuses more as a typo, not a cost


class BacktestInputError(ValueError):
    """Input a backtest cannot run on; `param` names the parameter to blame."""

    def __init__(self, message: str, *, param: str, **values: float | int | str) -> None:
        super().__init__(message)
        self.param = param
        self.values = values


@dataclass(frozen=True, slots=True)
class Costs:
    commission_bps: float = 0.0
    slippage_bps: float = 0.0

    @property
    def rate(self) -> float:
        """Cost per unit of traded value (10 bps + 5 bps -> 0.0015)."""
        return (self.commission_bps + self.slippage_bps) / 10_000.0


@dataclass(frozen=True, slots=True)
class Stats:
    total_return: float
    cagr: float | None
    volatility: float | None
    sharpe: float | None
    max_drawdown: float
    exposure: float
    turnover: float  # traded value as a multiple of equity, per year (a round trip a year is 2.0)
    trades: int
    hit_rate: float | None
    costs_paid: float  # the sum of cost charges, as a fraction of equity each time


@dataclass(frozen=True, slots=True)
class Trade:
    entry: int  # bar index (inside the window) of the entry open
    exit: int | None  # bar index of the exit open; None while still open at the window's end
    direction: int  # +1 long, -1 short
    net_return: float  # after the costs of entry and exit (exit at the last close when still open)


@dataclass(frozen=True, slots=True)
class BacktestResult:
    equity: FloatArray  # strategy equity at every close, starting from 1.0 before the first bar
    benchmark: FloatArray  # buy-and-hold equity at every close
    position: npt.NDArray[np.float64]  # position held at each close
    strategy: Stats
    buy_and_hold: Stats
    trades: list[Trade]


def rule_states(bars: Bars, rule: str, mode: Mode) -> npt.NDArray[np.float64]:
    """The position each rule wants after the close of every bar: +1 after a bullish event, 0 (long_flat) or -1
    (long_short) after a bearish one, 0 before any event.

    The composite is the mean of the six rules' last-event directions (each +1, -1 or 0 before its first event),
    long while that mean is above zero and flat (or short) while it is below: a vote of the rules' stances on every
    bar, from events only, so it can be computed causally for the whole history at once.
    """
    import numpy as np

    from analysis.signals import RULES

    if rule not in BACKTEST_RULES:
        raise BacktestInputError(
            f"unknown rule '{rule[:20]}'; allowed: {', '.join(BACKTEST_RULES)}.",
            param="rule",
            allowed=", ".join(BACKTEST_RULES),
        )
    if rule == "composite":
        votes = np.mean([_last_direction(r.events(bars)) for r in RULES], axis=0)
        state = np.sign(votes)
    else:
        (found,) = (r for r in RULES if r.name == rule)
        state = _last_direction(found.events(bars))
    if mode == "long_flat":
        state = np.maximum(state, 0.0)
    return state.astype(np.float64)


def _last_direction(events: npt.NDArray[np.int8]) -> FloatArray:
    """Forward-fill of the newest non-zero event: +1, -1, or 0 before the first event."""
    import numpy as np

    index = np.where(events != 0, np.arange(len(events)), -1)
    last = np.maximum.accumulate(index) if len(index) else index
    return np.where(last >= 0, events[np.maximum(last, 0)], 0).astype(np.float64)


def simulate(
    open_: FloatArray, close: FloatArray, target: FloatArray, costs: Costs, *, initial: float = 0.0
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Equity at every close, the position held at each close and the cost charged at each open.

    `target[t]` is the position decided at the close of bar t, and bar t + 1 trades to it at its open; the first bar's
    open trades from cash to `initial`, the position decided at the close before the window.
    """
    import numpy as np

    held = np.concatenate(([initial], target[:-1])).astype(np.float64)  # position from the open of each bar
    overnight = np.concatenate(([0.0], held[:-1]))  # position carried from the previous close
    previous_close = np.concatenate(([open_[0]], close[:-1]))
    charged = np.abs(held - overnight) * costs.rate
    growth = (1.0 + overnight * (open_ / previous_close - 1.0)) * (1.0 - charged) * (1.0 + held * (close / open_ - 1.0))
    return np.cumprod(growth).astype(np.float64), held, charged


def stats_of(equity: FloatArray, held: FloatArray, charged: FloatArray, trades: Sequence[Trade]) -> Stats:
    """CAGR, volatility and Sharpe (risk-free rate 0) annualised over 252 bars a year; drawdown from the start."""
    import numpy as np

    count = len(equity)
    returns = np.diff(np.concatenate(([1.0], equity))) / np.concatenate(([1.0], equity[:-1]))
    years = count / BARS_PER_YEAR
    total = float(equity[-1] - 1.0)
    cagr = float(equity[-1] ** (1.0 / years) - 1.0) if equity[-1] > 0 else -1.0
    deviation = float(np.std(returns, ddof=1)) if count > 1 else 0.0
    volatility = deviation * math.sqrt(BARS_PER_YEAR) if count > 1 else None
    sharpe = float(np.mean(returns)) / deviation * math.sqrt(BARS_PER_YEAR) if deviation > 0 else None
    curve = np.concatenate(([1.0], equity))
    drawdown = float(np.min(curve / np.maximum.accumulate(curve) - 1.0))
    traded = np.abs(np.diff(np.concatenate(([0.0], held))))
    wins = [t.net_return > 0 for t in trades]
    return Stats(
        total_return=total,
        cagr=cagr,
        volatility=volatility,
        sharpe=sharpe,
        max_drawdown=drawdown,
        exposure=float(np.mean(held != 0)),
        turnover=float(np.sum(traded)) / years,
        trades=len(trades),
        hit_rate=float(np.mean(wins)) if wins else None,
        costs_paid=float(np.sum(charged)),
    )


def trades_of(open_: FloatArray, close: FloatArray, held: FloatArray, costs: Costs) -> list[Trade]:
    """Round trips, from the open a position is taken to the open it changes (or the last close, still open).

    A trade's return compounds the same bar and overnight moves the equity does, so a short (rebalanced to -100 %
    of equity at each bar, like an inverse fund) agrees with the curve; a long telescopes to exit / entry price.
    Each leg pays the cost rate once (a flip pays it for the exit and for the entry).
    """
    import numpy as np

    overnight = np.concatenate(([0.0], held[:-1]))
    previous_close = np.concatenate(([open_[0]], close[:-1]))
    day = 1.0 + held * (close / open_ - 1.0)
    night = 1.0 + overnight * (open_ / previous_close - 1.0)
    trades: list[Trade] = []
    changes = np.flatnonzero(np.diff(np.concatenate(([0.0], held))) != 0)
    for i, start in enumerate(changes):
        direction = int(held[start])
        if direction == 0:
            continue
        end = int(changes[i + 1]) if i + 1 < len(changes) else None
        stop = end if end is not None else len(held)
        gross = float(np.prod(day[start:stop]) * np.prod(night[start + 1 : stop + 1]))
        exit_cost = costs.rate if end is not None else 0.0
        net = gross * (1.0 - costs.rate) * (1.0 - exit_cost) - 1.0
        trades.append(Trade(int(start), end, direction, net))
    return trades


def window_check(count: int, start: int, end: int) -> None:
    """Refuse a window outside the bars or with fewer than MIN_BARS of them, naming `start` (the window is short)."""
    if not 0 <= start <= end <= count:
        raise BacktestInputError("the window lies outside the stored bars.", param="start", bars=count, needed=MIN_BARS)
    if end - start < MIN_BARS:
        raise BacktestInputError(
            f"the window holds {max(0, end - start)} bars; a backtest needs at least {MIN_BARS}.",
            param="start",
            bars=max(0, end - start),
            needed=MIN_BARS,
        )


def backtest(bars: Bars, *, rule: str, mode: Mode, costs: Costs, start: int, end: int) -> BacktestResult:
    """Backtest `rule` over bars[start:end]; the signals see the whole history before each bar (warm-up included),
    so a window that starts late still has its indicators ready on its first bar."""
    import numpy as np

    window_check(len(bars), start, end)
    target = rule_states(bars, rule, mode)
    initial = float(target[start - 1]) if start > 0 else 0.0
    open_, close = bars.open[start:end], bars.close[start:end]
    equity, held, charged = simulate(open_, close, target[start:end], costs, initial=initial)
    trades = trades_of(open_, close, held, costs)
    always = np.ones(end - start)
    hold_equity, hold_held, hold_charged = simulate(open_, close, always, costs, initial=1.0)
    hold_trades = trades_of(open_, close, hold_held, costs)
    return BacktestResult(
        equity=equity,
        benchmark=hold_equity,
        position=held,
        strategy=stats_of(equity, held, charged, trades),
        buy_and_hold=stats_of(hold_equity, hold_held, hold_charged, hold_trades),
        trades=trades,
    )
