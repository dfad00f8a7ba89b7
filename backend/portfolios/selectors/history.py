"""Portfolio history: stored snapshots, a daily value series rebuilt from the ledger and stored prices in the user's
base currency, labelled returns (TWR, MWR, ROAI, simple; net and gross of fees), period P/L, risk and a benchmark.

Every amount is converted with the rate of its own day (`stocks.selectors.fx`): a trade at its trade date's rate,
a day's value at that day's rate. A day that needs a rate that is not stored has no value (null) and every figure
computed from the series is null with the reason `fx_missing`; `fx_missing` says which currency and dates.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from django.conf import settings

from portfolios.clock import iso_timestamp, market_today
from portfolios.ledger import LedgerEntry, Position, decimal_of, entry_sort_key, position_apply
from portfolios.methods import (
    MWR_FORMULA,
    PERIOD_KEYS,
    PL_FORMULA,
    ROAI_FORMULA,
    SIMPLE_FORMULA,
    TRADING_DAYS,
    TWR_FORMULA,
    Day,
    investment_steps,
    money_weighted,
    period_pl,
    risk_statistics,
    roai,
    simple_return,
    time_weighted_investment,
    twr,
    window_returns,
)
from portfolios.models import Holding, PortfolioHistory, Transaction
from portfolios.returns import TWR_METHOD, XIRR_METHOD, annualize, daily_returns, growth_index
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from stocks.models import DailyPrice, Stock
from stocks.selectors.fx import FxTable, fx_missing_report, fx_table_get, trading_currency
from stocks.selectors.last_price import last_prices_get
from users.models import User

Period = Literal["1m", "3m", "6m", "1y", "ytd", "all"]
PERIOD_DAYS: dict[str, int] = {"1m": 30, "3m": 91, "6m": 182, "1y": 365}
MAX_SNAPSHOTS = 500
ZERO = Decimal(0)
FX_MISSING = "fx_missing"
ROAI_METHOD = "return on average investment (Ghostfolio's ROAI): P/L over the time-weighted average of money invested"
SIMPLE_METHOD = "simple return: total gain over everything put in, ignoring when it was put in"
RISK_CONVENTION = (
    "simple daily returns of the time-weighted (total-return) series over the window, annualised with 252 trading "
    "days (empyrical's conventions); days with nothing invested are left out"
)


@dataclass(slots=True)
class DailyPoint:
    """One date in the base currency; `value` is None when a rate it needs is missing (then so are the flows)."""

    date: dt.date
    value: float | None
    contribution: float | None
    distribution: float | None
    fees_in: float | None = 0.0
    fees_out: float | None = 0.0

    def as_day(self) -> Day:
        return Day(
            self.date,
            self.value or 0.0,
            self.contribution or 0.0,
            self.distribution or 0.0,
            self.fees_in or 0.0,
            self.fees_out or 0.0,
        )


@dataclass(slots=True)
class PriceTrack:
    """A symbol's stored closes (plus a newer quote) for forward-filled look-ups by date."""

    dates: list[dt.date] = field(default_factory=list)
    prices: list[Decimal] = field(default_factory=list)

    def at(self, date: dt.date) -> Decimal | None:
        index = bisect_right(self.dates, date) - 1
        return self.prices[index] if index >= 0 else None


@dataclass(slots=True)
class UserLedger:
    """A user's ledger as of a date: entries per symbol, each symbol's trading currency and the rates to the base."""

    base: str
    as_of: dt.date | None
    entries: dict[str, list[LedgerEntry]]
    currencies: dict[str, tuple[str, str]]  # symbol -> (currency, "overview" | "default")
    fx: FxTable


def user_ledger_get(*, user: User, as_of: dt.date | None = None) -> UserLedger:
    """Entries dated on or before `as_of` (all when None), currencies and rates (five queries)."""
    holdings = list(Holding.objects.filter(user=user).values_list("pk", "stock_id"))
    transactions: dict[int, list[Transaction]] = {pk: [] for pk, _ in holdings}
    rows = Transaction.objects.filter(holding__user=user).order_by("date", "id")
    if as_of is not None:
        rows = rows.filter(date__lte=as_of)
    for t in rows:
        transactions[t.holding_id].append(t)
    symbols = [symbol for _, symbol in holdings]
    splits = stored_splits_get(symbols=symbols)
    if as_of is not None:
        splits = {s: [(d, r) for d, r in items if d <= as_of] for s, items in splits.items()}
    entries = {symbol: ledger_entries(transactions[pk], symbol=symbol, splits=splits) for pk, symbol in holdings}
    currencies = {
        symbol: trading_currency(currency, overview_at)
        for symbol, currency, overview_at in Stock.objects.filter(symbol__in=symbols).values_list(
            "symbol", "currency", "overview_fetched_at"
        )
    }
    base = user.base_currency.upper()
    fx = fx_table_get(currencies={c for c, _ in currencies.values()}, base=base)
    return UserLedger(base, as_of, entries, currencies, fx)


def _price_tracks(symbols: list[str], since: dt.date, until: dt.date | None = None) -> dict[str, PriceTrack]:
    tracks: dict[str, PriceTrack] = defaultdict(PriceTrack)
    rows = DailyPrice.objects.filter(stock_id__in=symbols, date__gte=since - dt.timedelta(days=10))
    if until is not None:
        rows = rows.filter(date__lte=until)
    for symbol, date, close in rows.order_by("stock_id", "date").values_list("stock_id", "date", "close_price"):
        tracks[symbol].dates.append(date)
        tracks[symbol].prices.append(close)
    # The last point is the stock's one last price (a quote of a newer session, or newer than its session's bar).
    for symbol, last in last_prices_get(symbols=symbols).items():
        if until is not None and last.session > until:
            continue
        track = tracks[symbol]
        if not track.dates or last.session > track.dates[-1]:
            track.dates.append(last.session)
            track.prices.append(last.price)
        elif last.session == track.dates[-1]:
            track.prices[-1] = last.price
    return tracks


def daily_series(
    entries_by_symbol: dict[str, list[LedgerEntry]],
    tracks: dict[str, PriceTrack],
    *,
    currencies: dict[str, str] | None = None,
    fx: FxTable | None = None,
) -> list[DailyPoint]:
    """Value at each date's close with that day's contributions, distributions and fees, from the first trade on,
    in `fx.base` (each symbol's amounts times the rate of their day; without `fx`, no conversion).

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
    currency_of = currencies or {}

    def rate(symbol: str, date: dt.date) -> Decimal | None:
        return Decimal(1) if fx is None else fx.rate(currency_of.get(symbol, fx.base), date)

    positions: dict[str, Position] = defaultdict(Position)
    trade_price: dict[str, Decimal] = {}
    points: list[DailyPoint] = []
    cursor = 0
    for date in dates:
        contribution = distribution = fees_in = fees_out = ZERO
        complete = True
        while cursor < len(events) and events[cursor][0].date <= date:
            entry, symbol = events[cursor]
            cursor += 1
            flow = position_apply(positions[symbol], entry)
            if entry.kind in ("buy", "sell"):
                trade_price[symbol] = entry.price
            elif entry.kind == "split" and symbol in trade_price:
                trade_price[symbol] = decimal_of(Fraction(trade_price[symbol]) / entry.split_ratio)
            if entry.kind == "split":
                continue
            factor = rate(symbol, entry.date)
            if factor is None:
                complete = False
                continue
            contribution += flow.contribution * factor
            distribution += flow.distribution * factor
            if entry.kind == "buy":
                fees_in += entry.fee * factor
            else:
                fees_out += entry.fee * factor
        value = ZERO
        for symbol, position in positions.items():
            if position.quantity:
                close = tracks[symbol].at(date) if symbol in tracks else None
                factor = rate(symbol, date)
                if factor is None:
                    complete = False
                    continue
                value += position.quantity * (close if close is not None else trade_price.get(symbol, ZERO)) * factor
        if complete:
            points.append(
                DailyPoint(
                    date, float(value), float(contribution), float(distribution), float(fees_in), float(fees_out)
                )
            )
        else:
            points.append(DailyPoint(date, None, None, None, None, None))
    return points


def _window_start(period: str, end: dt.date) -> dt.date | None:
    if period == "ytd":
        return dt.date(end.year, 1, 1)
    days = PERIOD_DAYS.get(period)
    return None if days is None else end - dt.timedelta(days=days)


def _benchmark(symbol: str, dates: list[dt.date], base_date: dt.date, fx: FxTable) -> dict[str, Any]:
    """Growth of 1 of the benchmark in the base currency (its close times the day's rate), on the same dates."""
    track = _price_tracks([symbol], base_date).get(symbol)
    stock = Stock.objects.filter(pk=symbol).values_list("currency", "overview_fetched_at").first()
    currency = trading_currency(*stock)[0] if stock else fx.base
    base_close = track.at(base_date) if track else None
    base_rate = fx.rate(currency, base_date)
    if track is None or base_close is None or not base_close:
        return {"symbol": symbol, "available": False, "reason": f"no stored daily prices for {symbol} in the period"}
    if base_rate is None:
        return {"symbol": symbol, "available": False, "reason": f"no {currency}/{fx.base} rate on {base_date}"}
    indexes: list[float | None] = []
    for date in dates:
        close = track.at(date)
        day_rate = fx.rate(currency, date)
        indexes.append(
            None if close is None or day_rate is None else float(close * day_rate / (base_close * base_rate))
        )
    series = [{"date": date.isoformat(), "index": index} for date, index in zip(dates, indexes, strict=True)]
    last = next((index for index in reversed(indexes) if index is not None), None)
    return {
        "symbol": symbol,
        "available": True,
        "method": f"price return of the benchmark in {fx.base} over the same dates (growth of 1)",
        "return": None if last is None else last - 1.0,
        "series": series,
        "indexes": indexes,
    }


def _empty_returns() -> dict[str, Any]:
    return {
        "time_weighted": {
            "method": TWR_METHOD,
            "formula": TWR_FORMULA,
            "value": None,
            "gross": None,
            "annualized": None,
            "reason": None,
        },
        "money_weighted": {
            "method": XIRR_METHOD,
            "formula": MWR_FORMULA,
            "value": None,
            "gross": None,
            "annualized": True,
            "reason": None,
        },
        "roai": {
            "method": ROAI_METHOD,
            "formula": ROAI_FORMULA,
            "value": None,
            "gross": None,
            "time_weighted_investment": None,
            "window": "since_start",
            "reason": None,
        },
        "simple": {"method": SIMPLE_METHOD, "formula": SIMPLE_FORMULA, "value": None, "gross": None, "reason": None},
    }


def _roai_since_start(ledger: UserLedger, days: list[Day]) -> tuple[float | None, float | None, float | None]:
    """ROAI from the first trade to the last day, each position's investment converted at its trade dates' rates."""
    end = days[-1].date
    net_pl = days[-1].value - sum(d.contribution - d.distribution for d in days)
    fees = sum(d.fees_in + d.fees_out for d in days)
    investments: list[float | None] = []
    for symbol, entries in ledger.entries.items():
        currency = ledger.currencies.get(symbol, (ledger.base, "default"))[0]
        converted = []
        for entry in entries:
            factor = Decimal(1) if entry.kind == "split" else ledger.fx.rate(currency, entry.date)
            if factor is None:
                return None, None, None
            converted.append(
                LedgerEntry(entry.kind, entry.date, entry.quantity, entry.price * factor, ratio=entry.ratio)
            )
        steps = investment_steps(converted)
        investments.append(time_weighted_investment(steps, end) if steps else None)
    return roai(net_pl=net_pl, fees=fees, investments=investments)


def performance_report(
    ledger: UserLedger,
    points: list[DailyPoint],
    *,
    period: str = "all",
    benchmark: str | None = None,
) -> dict[str, Any]:
    """Labelled returns over the period's window, period P/L, risk, the window's series and the benchmark."""
    report: dict[str, Any] = {
        "start": None,
        "end": None,
        "series": [],
        "returns": _empty_returns(),
        "period_pl": dict.fromkeys(PERIOD_KEYS),
        "risk": None,
        "benchmark": None,
    }
    if not points:
        return report
    end = points[-1].date
    window_start = _window_start(period, end)
    base_index = -1
    if window_start is not None:
        base_index = max((i for i, p in enumerate(points) if p.date < window_start), default=-1)
    window = points[base_index + 1 :]
    base_date = points[base_index].date if base_index >= 0 else window[0].date
    complete = all(p.value is not None for p in points[max(base_index, 0) :])
    report.update({"start": base_date, "end": end})
    if not complete:
        report["series"] = [
            {
                "date": p.date,
                "value": p.value,
                "contribution": p.contribution,
                "distribution": p.distribution,
                "index": None,
            }
            for p in window
        ]
        for figure in report["returns"].values():
            figure["reason"] = FX_MISSING
        report["risk"] = {"available": False, "reason": FX_MISSING}
        return report

    start_value = (points[base_index].value or 0.0) if base_index >= 0 else 0.0
    days = [p.as_day() for p in window]
    index = growth_index(
        daily_returns(
            [d.value for d in days],
            [d.contribution for d in days],
            [d.distribution for d in days],
            start_value=start_value,
        )
    )
    report["series"] = [
        {
            "date": d.date,
            "value": d.value,
            "contribution": d.contribution,
            "distribution": d.distribution,
            "index": float(i),
        }
        for d, i in zip(days, index, strict=True)
    ]
    span = (end - base_date).days
    returns = report["returns"]
    net_twr = twr(days, start_value=start_value)
    returns["time_weighted"].update(
        {
            "value": net_twr,
            "gross": twr(days, start_value=start_value, gross=True),
            "annualized": annualize(net_twr, span) if net_twr is not None and span >= 365 else None,
        }
    )
    mwr_start = base_date if base_index >= 0 else None
    mwr, reason = money_weighted(days, start_value=start_value, start_date=mwr_start)
    mwr_gross, _ = money_weighted(days, start_value=start_value, start_date=mwr_start, gross=True)
    returns["money_weighted"].update({"value": mwr, "gross": mwr_gross, "reason": reason})
    returns["simple"].update(
        {
            "value": simple_return(days, start_value=start_value),
            "gross": simple_return(days, start_value=start_value, gross=True),
        }
    )
    if all(p.value is not None for p in points):
        all_days = [p.as_day() for p in points]
        roai_net, roai_gross, invested = _roai_since_start(ledger, all_days)
        returns["roai"].update(
            {
                "value": roai_net,
                "gross": roai_gross,
                "time_weighted_investment": invested,
                "reason": None if roai_net is not None else "nothing_invested",
            }
        )
        report["period_pl"] = {key: {**period_pl(all_days, key), "formula": PL_FORMULA} for key in PERIOD_KEYS}
    else:  # a rate is missing before the window: the since-start figures cannot be computed
        returns["roai"]["reason"] = FX_MISSING

    benchmark_returns: list[float | None] | None = None
    if benchmark:
        bench = _benchmark(benchmark, [d.date for d in days], base_date, ledger.fx)
        indexes = bench.pop("indexes", None)
        report["benchmark"] = bench
        if indexes is not None:
            previous = [1.0, *indexes[:-1]]
            benchmark_returns = [
                None if now is None or before is None or not before else now / before - 1.0
                for now, before in zip(indexes, previous, strict=True)
            ]
    statistics = risk_statistics(
        window_returns(days, start_value=start_value),
        risk_free_rate=settings.RISK_FREE_RATE,
        benchmark_returns=benchmark_returns,
    )
    observations = sum(1 for r in window_returns(days, start_value=start_value) if r is not None)
    report["risk"] = {
        "available": True,
        "reason": None,
        "window": {"start": base_date, "end": end, "observations": observations},
        "convention": RISK_CONVENTION,
        "annualization_days": TRADING_DAYS,
        "risk_free_rate": settings.RISK_FREE_RATE,
        "benchmark": benchmark,
        **statistics,
    }
    return report


def portfolio_series_get(*, ledger: UserLedger) -> list[DailyPoint]:
    first_trades = [e.date for es in ledger.entries.values() for e in es if e.kind != "split"]
    if not first_trades:
        return []
    tracks = _price_tracks(list(ledger.entries), min(first_trades), ledger.as_of)
    currencies = {symbol: currency for symbol, (currency, _) in ledger.currencies.items()}
    return daily_series(ledger.entries, tracks, currencies=currencies, fx=ledger.fx)


def portfolio_history_get(
    *, user: User, period: str = "all", benchmark: str | None = "SPY", as_of: dt.date | None = None
) -> dict[str, Any]:
    ledger = user_ledger_get(user=user, as_of=as_of)
    points = portfolio_series_get(ledger=ledger)
    report = performance_report(ledger, points, period=period, benchmark=benchmark)
    result: dict[str, Any] = {
        "currency": ledger.base,
        "as_of": as_of or market_today(),
        "period": period,
        **report,
        "fx_missing": fx_missing_report(ledger.fx.missing),
        "snapshots": [],
    }
    snapshots = PortfolioHistory.objects.filter(user=user)
    if as_of is not None:
        snapshots = snapshots.filter(recorded_at__date__lte=as_of)
    if report["end"] is not None:
        window_start = _window_start(period, report["end"])
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
