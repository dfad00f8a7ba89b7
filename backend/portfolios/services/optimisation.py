"""Portfolio optimisation of a user's holdings or of a list of stored symbols (analysis.optimisation on total-return
adjusted closes), with the trades to the target, a whole-share allocation of cash and a walk-forward test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from analysis.optimisation import (
    Method,
    OptimisationInputError,
    Performance,
    Spec,
    StrategyRecord,
    optimise,
    performance,
    spec_check,
    walk_forward,
    whole_shares,
)
from core.exceptions import ApplicationError, ErrorCode, field_error
from core.symbols import InvalidSymbolError, normalize_symbol
from portfolios.selectors.holdings import holding_list
from stocks.models import Stock
from stocks.selectors.adjusted import adjusted_bars_get
from stocks.selectors.last_price import last_prices_get
from users.models import User

MAX_SYMBOLS = 30


@dataclass(frozen=True, slots=True)
class Settings:
    """The request: what to optimise (`spec`), the estimation window in bars (also each walk-forward training
    window), the bars between rebalances and of out-of-sample test at most, frontier points and cash to allocate."""

    spec: Spec
    lookback_days: int = 504
    rebalance_days: int = 63
    evaluation_days: int = 1260
    frontier_points: int = 20
    cash: float = 0.0


@dataclass(frozen=True, slots=True)
class Position:
    symbol: str
    weight: float
    current_weight: float | None
    last_price: float
    current_shares: float
    target_shares: float
    trade_shares: float


@dataclass(frozen=True, slots=True)
class Allocation:
    cash: float
    shares: dict[str, int]
    leftover: float


@dataclass(frozen=True, slots=True)
class OutOfSample:
    train_days: int
    hold_days: int
    periods: int
    start: dt.date
    end: dt.date
    fallback_periods: int
    strategies: list[StrategyRecord]


@dataclass(frozen=True, slots=True)
class Optimisation:
    method: Method
    symbols: list[str]
    start: dt.date
    end: dt.date
    bars: int
    risk_free_rate: float
    min_weight: float
    max_weight: float
    positions: list[Position]
    performance: Performance
    current: Performance | None
    equal_weight: Performance
    min_volatility: Performance
    max_return: float
    frontier: list[Performance]
    portfolio_value: float
    trade_leftover: float
    allocation: Allocation | None
    out_of_sample: OutOfSample


@dataclass(frozen=True, slots=True)
class _Closes:
    dates: list[dt.date]
    closes: np.ndarray  # rows oldest first, one column per symbol


def _input_error(exc: OptimisationInputError) -> ApplicationError:
    return field_error(exc.parameter, exc.message, ErrorCode(exc.reason), **exc.values)


def _common_closes(symbols: list[str], *, newest: int, needed: int) -> _Closes:
    """Total-return adjusted closes of `symbols` on the dates all of them have, the newest `newest` at most; a 400
    naming lookback_days and the shortest symbol when fewer than `needed` are common."""
    series: list[dict[dt.date, float]] = []
    for symbol in symbols:
        adjusted = adjusted_bars_get(symbol=symbol, adjustment="total", newest=newest)
        series.append(dict(zip(adjusted.dates, adjusted.bars.close.tolist(), strict=True)))
    dates = sorted(set.intersection(*(set(s) for s in series)))
    if len(dates) < needed:
        shortest = min(range(len(symbols)), key=lambda i: len(series[i]))
        raise field_error(
            "lookback_days",
            f"{needed} daily closes common to all symbols are needed, {len(dates)} are stored "
            f"({symbols[shortest]} has {len(series[shortest])}).",
            ErrorCode.INSUFFICIENT_COMMON_HISTORY,
            symbol=symbols[shortest],
            bars=len(dates),
            needed=needed,
        )
    closes = np.asarray([[s[d] for s in series] for d in dates], dtype=np.float64)
    return _Closes(dates, closes)


def _stocks_check(symbols: list[str]) -> None:
    """Every symbol is a stored stock, else a 400 naming the first that is not."""
    stored = set(Stock.objects.filter(symbol__in=symbols).values_list("symbol", flat=True))
    for symbol in symbols:
        if symbol not in stored:
            raise field_error("symbols", f"no stock '{symbol}' is stored.", ErrorCode.STOCK_NOT_FOUND, symbol=symbol)


def _optimisation(symbols: list[str], shares: Mapping[str, float] | None, settings: Settings) -> Optimisation:
    spec = settings.spec
    try:
        spec_check(spec, count=len(symbols))
    except OptimisationInputError as exc:
        raise _input_error(exc) from exc
    _stocks_check(symbols)
    lookback = settings.lookback_days
    history = _common_closes(
        symbols,
        newest=lookback + settings.evaluation_days + 1,
        needed=lookback + settings.rebalance_days + 1,
    )
    last = last_prices_get(symbols=symbols)
    prices = np.asarray([float(last[s].price) for s in symbols])
    held = None if shares is None else np.asarray([float(shares.get(s, 0)) for s in symbols])
    value = 0.0 if held is None else float(held @ prices)
    current_weights = None if held is None or value <= 0 else held * prices / value
    try:
        result = optimise(history.closes[-(lookback + 1) :], spec, frontier_points=settings.frontier_points)
        test = walk_forward(
            history.closes,
            spec,
            current_weights=current_weights,
            train_days=lookback,
            hold_days=settings.rebalance_days,
        )
    except OptimisationInputError as exc:
        raise _input_error(exc) from exc
    target, leftover = whole_shares(result.weights, prices, value=value)
    current_shares = np.zeros(len(symbols)) if held is None else held
    allocation = None
    if settings.cash > 0:
        cash_shares, cash_left = whole_shares(result.weights, prices, value=settings.cash)
        allocation = Allocation(
            settings.cash, {s: int(n) for s, n in zip(symbols, cash_shares, strict=True) if n > 0}, cash_left
        )
    rf = spec.risk_free_rate
    equal = np.full(len(symbols), 1 / len(symbols))
    return Optimisation(
        method=spec.method,
        symbols=symbols,
        start=history.dates[-(lookback + 1)],
        end=history.dates[-1],
        bars=lookback + 1,
        risk_free_rate=rf,
        min_weight=spec.min_weight,
        max_weight=spec.max_weight,
        positions=[
            Position(
                symbol=symbol,
                weight=float(result.weights[i]),
                current_weight=None if current_weights is None else float(current_weights[i]),
                last_price=float(prices[i]),
                current_shares=float(current_shares[i]),
                target_shares=float(target[i]) if held is not None else 0.0,
                trade_shares=float(target[i] - current_shares[i]) if held is not None else 0.0,
            )
            for i, symbol in enumerate(symbols)
        ],
        performance=result.performance,
        current=None
        if current_weights is None
        else performance(current_weights, result.mu, result.cov, risk_free_rate=rf),
        equal_weight=performance(equal, result.mu, result.cov, risk_free_rate=rf),
        min_volatility=result.min_volatility,
        max_return=result.max_return,
        frontier=result.frontier,
        portfolio_value=value,
        trade_leftover=leftover,
        allocation=allocation,
        out_of_sample=OutOfSample(
            train_days=test.train_days,
            hold_days=test.hold_days,
            periods=test.periods,
            start=history.dates[test.start_index],
            end=history.dates[test.end_index],
            fallback_periods=test.fallback_periods,
            strategies=test.strategies,
        ),
    )


def portfolio_optimise(*, user: User, settings: Settings) -> Optimisation:
    """Optimise the user's current holdings: current weights at the last stored prices, trades in shares to the
    target weights of today's portfolio value."""
    holdings = [h for h in holding_list(user=user) if h.quantity > 0]
    shares = {h.stock_id: float(h.quantity) for h in holdings}
    return _optimisation(sorted(shares), shares, settings)


def symbols_optimise(*, symbols: list[str], shares: Mapping[str, float] | None, settings: Settings) -> Optimisation:
    """Optimise a list of stored symbols (at most MAX_SYMBOLS), optionally with the shares held of each."""
    unique = list(dict.fromkeys(symbols))
    if len(unique) > MAX_SYMBOLS:
        raise field_error("symbols", f"at most {MAX_SYMBOLS} symbols.", ErrorCode.TOO_MANY_SYMBOLS, limit=MAX_SYMBOLS)
    held: dict[str, float] | None = None
    if shares is not None:
        held = {}
        for raw, count in shares.items():
            try:
                symbol = normalize_symbol(raw)
            except InvalidSymbolError as exc:
                raise field_error("shares", exc.message, ErrorCode.INVALID_SYMBOL, symbol=raw[:40]) from exc
            if symbol not in unique:
                raise field_error(
                    "shares", f"{symbol} is not in symbols.", ErrorCode.SHARES_NOT_IN_SYMBOLS, symbol=symbol
                )
            held[symbol] = count
    return _optimisation(unique, held, settings)
