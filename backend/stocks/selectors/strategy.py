"""Backtests of the signal rules and candlestick patterns with their record, on the split-adjusted daily history.

Both read the whole stored history (one query for the bars, one for the splits), as the indicators do, so signals
and patterns have their warm-up before a window starts. Bad input the pure modules find becomes a 400 naming the
parameter.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

from analysis.backtest import BacktestInputError, Costs, Mode, Stats, backtest
from analysis.patterns import PatternInputError, patterns_scan
from core.exceptions import ApplicationError, ErrorCode, field_error
from stocks.selectors.adjusted import adjusted_bars_get
from stocks.selectors.prices import StockVersion


def _too_few_bars(exc: BacktestInputError | PatternInputError) -> ApplicationError:
    """The only refusal left once the query serializer has passed: too short a window or history."""
    return field_error(exc.param, str(exc), ErrorCode.TOO_FEW_BARS, **exc.values)


def _stats(stats: Stats) -> dict[str, Any]:
    return {
        "total_return": round(stats.total_return, 6),
        "cagr": None if stats.cagr is None else round(stats.cagr, 6),
        "volatility": None if stats.volatility is None else round(stats.volatility, 6),
        "sharpe": None if stats.sharpe is None else round(stats.sharpe, 4),
        "max_drawdown": round(stats.max_drawdown, 6),
        "hit_rate": None if stats.hit_rate is None else round(stats.hit_rate, 6),
        "trades": stats.trades,
        "exposure": round(stats.exposure, 6),
        "turnover": round(stats.turnover, 4),
        "costs_paid": round(stats.costs_paid, 6),
    }


def _bounds(dates: Sequence[dt.date], start: dt.date | None, end: dt.date | None) -> tuple[int, int]:
    """[first, last + 1) indices of the bars dated from `start` to `end` (inclusive)."""
    first = bisect.bisect_left(dates, start) if start is not None else 0
    stop = bisect.bisect_right(dates, end) if end is not None else len(dates)
    return first, stop


def backtest_get(
    *,
    stock: StockVersion,
    rule: str,
    mode: Mode,
    costs: Costs,
    start: dt.date | None,
    end: dt.date | None,
) -> dict[str, Any]:
    """The backtest of `rule` from `start` to `end` (default: the whole history) against buy-and-hold."""
    series = adjusted_bars_get(symbol=stock.symbol, interval="daily", adjustment="split")
    first, stop = _bounds(series.dates, start, end)
    try:
        result = backtest(series.bars, rule=rule, mode=mode, costs=costs, start=first, end=stop)
    except BacktestInputError as exc:
        raise _too_few_bars(exc) from exc
    dates = series.dates[first:stop]
    return {
        "symbol": stock.symbol,
        "rule": rule,
        "mode": mode,
        "execution": "next_open",
        "commission_bps": costs.commission_bps,
        "slippage_bps": costs.slippage_bps,
        "start": dates[0],
        "end": dates[-1],
        "bars": len(dates),
        "as_of": series.dates[-1],
        "strategy": _stats(result.strategy),
        "buy_and_hold": _stats(result.buy_and_hold),
        "equity": {
            "dates": dates,
            "strategy": [round(v, 6) for v in result.equity.tolist()],
            "buy_and_hold": [round(v, 6) for v in result.benchmark.tolist()],
            "position": [int(v) for v in result.position.tolist()],
        },
        "trades": [
            {
                "entry": dates[t.entry],
                "exit": dates[t.exit] if t.exit is not None else None,
                "direction": "long" if t.direction > 0 else "short",
                "net_return": round(t.net_return, 6),
            }
            for t in result.trades
        ],
    }


def patterns_get(*, stock: StockVersion, names: Sequence[str], recent_bars: int) -> dict[str, Any]:
    """Candlestick patterns on the whole split-adjusted daily history, with their record and recent occurrences."""
    series = adjusted_bars_get(symbol=stock.symbol, interval="daily", adjustment="split")
    try:
        scan = patterns_scan(series.bars, [d.isoformat() for d in series.dates], names=names, recent_bars=recent_bars)
    except PatternInputError as exc:
        raise _too_few_bars(exc) from exc
    return {**scan, "symbol": stock.symbol, "as_of": series.dates[-1]}
