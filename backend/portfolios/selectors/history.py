"""Portfolio history: stored snapshots, a daily value series rebuilt from the ledger and stored prices, returns
(time-weighted and money-weighted, each labelled) and a benchmark comparison."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from portfolios.clock import iso_timestamp
from portfolios.ledger import LedgerEntry, Position, decimal_of, entry_sort_key, position_apply
from portfolios.models import Holding, PortfolioHistory, Transaction
from portfolios.returns import (
    TWR_METHOD,
    XIRR_METHOD,
    annualize,
    daily_returns,
    growth_index,
    time_weighted_return,
    xirr,
)
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from stocks.models import DailyPrice
from stocks.selectors.last_price import last_prices_get
from users.models import User

Period = Literal["1m", "3m", "6m", "1y", "ytd", "all"]
PERIOD_DAYS: dict[str, int] = {"1m": 30, "3m": 91, "6m": 182, "1y": 365}
MAX_SNAPSHOTS = 500
ZERO = Decimal(0)


@dataclass(slots=True)
class DailyPoint:
    date: dt.date
    value: float
    contribution: float
    distribution: float


@dataclass(slots=True)
class PriceTrack:
    """A symbol's stored closes (plus a newer quote) for forward-filled look-ups by date."""

    dates: list[dt.date] = field(default_factory=list)
    prices: list[Decimal] = field(default_factory=list)

    def at(self, date: dt.date) -> Decimal | None:
        index = bisect_right(self.dates, date) - 1
        return self.prices[index] if index >= 0 else None


def _price_tracks(symbols: list[str], since: dt.date) -> dict[str, PriceTrack]:
    tracks: dict[str, PriceTrack] = defaultdict(PriceTrack)
    rows = (
        DailyPrice.objects.filter(stock_id__in=symbols, date__gte=since - dt.timedelta(days=10))
        .order_by("stock_id", "date")
        .values_list("stock_id", "date", "close_price")
    )
    for symbol, date, close in rows:
        tracks[symbol].dates.append(date)
        tracks[symbol].prices.append(close)
    # The last point is the stock's one last price (a quote of a newer session, or newer than its session's bar).
    for symbol, last in last_prices_get(symbols=symbols).items():
        track = tracks[symbol]
        if not track.dates or last.session > track.dates[-1]:
            track.dates.append(last.session)
            track.prices.append(last.price)
        elif last.session == track.dates[-1]:
            track.prices[-1] = last.price
    return tracks


def daily_series(entries_by_symbol: dict[str, list[LedgerEntry]], tracks: dict[str, PriceTrack]) -> list[DailyPoint]:
    """Value at each date's close with that day's contributions and distributions, from the first trade on.

    A symbol with no stored close yet is valued at its last trade price.
    """
    events = sorted(
        ((entry, symbol) for symbol, entries in entries_by_symbol.items() for entry in entries),
        key=lambda pair: entry_sort_key(pair[0]),
    )
    trades = [entry.date for entry, _ in events if entry.kind != "split"]
    if not trades:
        return []
    start = min(trades)
    end = max([*trades, *(t.dates[-1] for t in tracks.values() if t.dates)])
    dates = sorted(
        {d for t in tracks.values() for d in t.dates if start <= d <= end}
        | {e.date for e, _ in events if e.date >= start}
    )
    positions: dict[str, Position] = defaultdict(Position)
    trade_price: dict[str, Decimal] = {}
    points: list[DailyPoint] = []
    cursor = 0
    for date in dates:
        contribution = distribution = ZERO
        while cursor < len(events) and events[cursor][0].date <= date:
            entry, symbol = events[cursor]
            cursor += 1
            flow = position_apply(positions[symbol], entry)
            contribution += flow.contribution
            distribution += flow.distribution
            if entry.kind in ("buy", "sell"):
                trade_price[symbol] = entry.price
            elif entry.kind == "split" and symbol in trade_price:
                trade_price[symbol] = decimal_of(Fraction(trade_price[symbol]) / entry.split_ratio)
        value = ZERO
        for symbol, position in positions.items():
            if position.quantity:
                close = tracks[symbol].at(date) if symbol in tracks else None
                value += position.quantity * (close if close is not None else trade_price.get(symbol, ZERO))
        points.append(DailyPoint(date, float(value), float(contribution), float(distribution)))
    return points


def _window_start(period: str, end: dt.date) -> dt.date | None:
    if period == "ytd":
        return dt.date(end.year, 1, 1)
    days = PERIOD_DAYS.get(period)
    return None if days is None else end - dt.timedelta(days=days)


def _benchmark(symbol: str, dates: list[dt.date], base_date: dt.date) -> dict[str, Any]:
    track = _price_tracks([symbol], base_date).get(symbol)
    base = track.at(base_date) if track else None
    if track is None or base is None or not base:
        return {"symbol": symbol, "available": False, "reason": f"no stored daily prices for {symbol} in the period"}
    indexes: list[float | None] = []
    for date in dates:
        close = track.at(date)
        indexes.append(None if close is None else float(close / base))
    series = [{"date": date.isoformat(), "index": index} for date, index in zip(dates, indexes, strict=True)]
    last = next((index for index in reversed(indexes) if index is not None), None)
    return {
        "symbol": symbol,
        "available": True,
        "method": "price return of the benchmark over the same dates (growth of 1)",
        "return": None if last is None else last - 1.0,
        "series": series,
    }


def portfolio_history_get(*, user: User, period: str = "all", benchmark: str | None = "SPY") -> dict[str, Any]:
    holdings = list(Holding.objects.filter(user=user).values_list("pk", "stock_id"))
    transactions: dict[int, list[Transaction]] = {pk: [] for pk, _ in holdings}
    for t in Transaction.objects.filter(holding__user=user).order_by("date", "id"):
        transactions[t.holding_id].append(t)
    splits = stored_splits_get(symbols=[symbol for _, symbol in holdings])
    entries = {symbol: ledger_entries(transactions[pk], symbol=symbol, splits=splits) for pk, symbol in holdings}
    first_trades = [e.date for es in entries.values() for e in es if e.kind != "split"]
    points: list[DailyPoint] = []
    if first_trades:
        points = daily_series(entries, _price_tracks(list(entries), min(first_trades)))

    result: dict[str, Any] = {
        "currency": "USD",
        "period": period,
        "start": None,
        "end": None,
        "series": [],
        "returns": {
            "time_weighted": {"method": TWR_METHOD, "value": None, "annualized": None},
            "money_weighted": {"method": XIRR_METHOD, "value": None, "annualized": True, "reason": None},
        },
        "benchmark": None,
        "snapshots": [],
    }
    snapshots = PortfolioHistory.objects.filter(user=user)
    if points:
        end = points[-1].date
        window_start = _window_start(period, end)
        base_index = -1
        if window_start is not None:
            base_index = max((i for i, p in enumerate(points) if p.date < window_start), default=-1)
        window = points[base_index + 1 :]
        start_value = points[base_index].value if base_index >= 0 else 0.0
        base_date = points[base_index].date if base_index >= 0 else window[0].date
        values = [p.value for p in window]
        contributions = [p.contribution for p in window]
        distributions = [p.distribution for p in window]
        index = growth_index(daily_returns(values, contributions, distributions, start_value=start_value))
        twr = time_weighted_return(values, contributions, distributions, start_value=start_value)
        days = (end - base_date).days
        flow_dates: list[dt.date] = []
        flow_amounts: list[float] = []
        if base_index >= 0:
            flow_dates.append(base_date)
            flow_amounts.append(-start_value)
        for p in window:
            if p.contribution:
                flow_dates.append(p.date)
                flow_amounts.append(-p.contribution)
            if p.distribution:
                flow_dates.append(p.date)
                flow_amounts.append(p.distribution)
        flow_dates.append(end)
        flow_amounts.append(window[-1].value)
        result.update(
            {
                "start": base_date.isoformat(),
                "end": end.isoformat(),
                "series": [
                    {
                        "date": p.date.isoformat(),
                        "value": p.value,
                        "contribution": p.contribution,
                        "distribution": p.distribution,
                        "index": float(i),
                    }
                    for p, i in zip(window, index, strict=True)
                ],
            }
        )
        result["returns"]["time_weighted"].update(
            {"value": twr, "annualized": annualize(twr, days) if twr is not None and days >= 365 else None}
        )
        reference = annualize(twr, days) if twr is not None else None
        money_weighted = xirr(flow_dates, flow_amounts, reference=reference or 0.0)
        result["returns"]["money_weighted"].update({"value": money_weighted.value, "reason": money_weighted.reason})
        if benchmark:
            result["benchmark"] = _benchmark(benchmark, [p.date for p in window], base_date)
        if window_start is not None:
            snapshots = snapshots.filter(recorded_at__date__gte=window_start)
    latest = list(snapshots.order_by("-recorded_at")[:MAX_SNAPSHOTS])
    result["snapshots"] = [
        {
            "recorded_at": iso_timestamp(s.recorded_at),
            "total_value": s.total_value,
            "total_cost": s.total_cost,
            "profit_loss": s.profit_loss,
            "profit_loss_percentage": s.profit_loss_percentage,
        }
        for s in reversed(latest)
    ]
    return result
