"""The market overview: movers (day, week), sector performance, breadth and the benchmark, from stored data; and the
stored US economic indicators.

Changes and averages use split-adjusted closes (stocks.selectors.adjusted), so a split is not a 75 % "loss".
Movers, sectors and breadth cover the stored stocks that are not ETFs; the benchmark is SPY (an ETF) when stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from stocks.models import EconomicIndicator, EconomicObservation, Stock
from stocks.providers.base import ECONOMIC_INDICATORS
from stocks.selectors.adjusted import adjusted_bars_get

BENCHMARK = "SPY"
MOVERS_SHOWN = 5
WEEK_SESSIONS = 5
AVERAGES = (50, 200)
RECENT_OBSERVATIONS = 24


@dataclass(frozen=True, slots=True)
class StockMove:
    symbol: str
    name: str
    sector: str
    as_of: dt.date
    close: float  # split-adjusted, which is the raw close for the newest bar
    day_change_percent: float | None
    week_change_percent: float | None


@dataclass(frozen=True, slots=True)
class Movers:
    gainers: Sequence[StockMove]  # largest change first
    losers: Sequence[StockMove]  # largest fall first


@dataclass(frozen=True, slots=True)
class SectorPerformance:
    sector: str
    stocks: int
    day_change_percent: float | None  # equal-weighted mean of the sector's stocks
    week_change_percent: float | None


@dataclass(frozen=True, slots=True)
class BreadthLine:
    days: int  # the moving average's length in sessions
    above: int  # stocks whose last close is above their average
    eligible: int  # stocks with at least `days` daily bars
    share: float | None  # above / eligible; None when none is eligible


@dataclass(frozen=True, slots=True)
class MarketOverview:
    as_of: dt.date | None  # newest stored daily bar among the stocks
    stocks: int
    day: Movers
    week: Movers
    sectors: Sequence[SectorPerformance]  # best day first
    breadth: Sequence[BreadthLine]
    benchmark_symbol: str
    benchmark: StockMove | None  # None when the benchmark is not stored


def _change(closes: np.ndarray, back: int) -> float | None:
    if len(closes) <= back or closes[-1 - back] == 0:
        return None
    return float((closes[-1] / closes[-1 - back] - 1) * 100)


def _movers(moves: Sequence[StockMove], key: str) -> Movers:
    ranked = sorted((m for m in moves if getattr(m, key) is not None), key=lambda m: (-getattr(m, key), m.symbol))
    gainers = [m for m in ranked if getattr(m, key) > 0][:MOVERS_SHOWN]
    losers = [m for m in reversed(ranked) if getattr(m, key) < 0][:MOVERS_SHOWN]
    return Movers(gainers=gainers, losers=losers)


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def market_overview_get() -> MarketOverview:
    """Movers, sectors, breadth and the benchmark over every stored stock with daily bars (two queries a stock)."""
    moves: list[StockMove] = []
    above = dict.fromkeys(AVERAGES, 0)
    eligible = dict.fromkeys(AVERAGES, 0)
    benchmark: StockMove | None = None
    for stock in Stock.objects.order_by("symbol").only("symbol", "name", "sector", "asset_type"):
        adjusted = adjusted_bars_get(symbol=stock.symbol, adjustment="split", newest=max(AVERAGES))
        if not adjusted.dates:
            continue
        closes = adjusted.bars.close
        move = StockMove(
            symbol=stock.symbol,
            name=stock.name,
            sector=stock.sector,
            as_of=adjusted.dates[-1],
            close=float(closes[-1]),
            day_change_percent=_change(closes, 1),
            week_change_percent=_change(closes, WEEK_SESSIONS),
        )
        if stock.symbol == BENCHMARK:
            benchmark = move
        if stock.asset_type.upper() == "ETF":
            continue
        moves.append(move)
        for days in AVERAGES:
            if len(closes) >= days:
                eligible[days] += 1
                above[days] += int(closes[-1] > float(np.mean(closes[-days:])))
    by_sector: dict[str, list[StockMove]] = defaultdict(list)
    for move in moves:
        if move.sector:
            by_sector[move.sector].append(move)
    sectors = [
        SectorPerformance(
            sector=sector,
            stocks=len(members),
            day_change_percent=_mean([m.day_change_percent for m in members]),
            week_change_percent=_mean([m.week_change_percent for m in members]),
        )
        for sector, members in by_sector.items()
    ]
    sectors.sort(key=lambda s: (s.day_change_percent is None, -(s.day_change_percent or 0.0), s.sector))
    return MarketOverview(
        as_of=max((m.as_of for m in moves), default=None),
        stocks=len(moves),
        day=_movers(moves, "day_change_percent"),
        week=_movers(moves, "week_change_percent"),
        sectors=sectors,
        breadth=[
            BreadthLine(days, above[days], eligible[days], above[days] / eligible[days] if eligible[days] else None)
            for days in AVERAGES
        ],
        benchmark_symbol=BENCHMARK,
        benchmark=benchmark,
    )


@dataclass(frozen=True, slots=True)
class Observation:
    date: dt.date
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class EconomicSeriesRead:
    name: str
    interval: str
    unit: str
    source: str | None  # None before the first fetch
    fetched_at: dt.datetime | None
    latest: Observation | None  # newest observation with a value
    previous: Observation | None  # the one before it with a value
    data: Sequence[Observation]  # oldest first


def collected_interval(name: str) -> str:
    return ECONOMIC_INDICATORS[name][0]


def economic_series_get(*, name: str, interval: str, recent: int | None = None) -> EconomicSeriesRead:
    """One stored indicator series (all of it, or its `recent` newest observations), oldest first."""
    indicator = EconomicIndicator.objects.filter(name=name, interval=interval).first()
    rows: list[Observation] = []
    if indicator is not None:
        query = EconomicObservation.objects.filter(indicator=indicator).order_by("-date").values_list("date", "value")
        rows = [Observation(day, value) for day, value in (query[:recent] if recent else query)]
        rows.reverse()
    valued = [row for row in rows if row.value is not None]
    fetched = indicator is not None and indicator.fetched_at is not None
    return EconomicSeriesRead(
        name=name,
        interval=interval,
        unit=indicator.unit if indicator is not None else "",
        source=indicator.source if fetched and indicator is not None else None,
        fetched_at=indicator.fetched_at if indicator is not None else None,
        latest=valued[-1] if valued else None,
        previous=valued[-2] if len(valued) > 1 else None,
        data=rows,
    )


def economic_indicators_get() -> list[EconomicSeriesRead]:
    """Every collected indicator with its latest values and its recent observations (one query each)."""
    return [
        economic_series_get(name=name, interval=collected_interval(name), recent=RECENT_OBSERVATIONS)
        for name in ECONOMIC_INDICATORS
    ]
