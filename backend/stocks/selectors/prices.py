"""Stock versions, chart windows and price bars: the reads every per-symbol endpoint starts from."""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import psycopg
from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast

from core.exceptions import ErrorCode, NotFoundError
from stocks.models import DailyPrice, DataSource, Stock, WeeklyPrice

Interval = Literal["daily", "weekly"]
# One bar as read: (date, open, high, low, close, volume), the columns lightweight-charts takes.
BarRow = tuple[dt.date, float, float, float, float, int]

PERIODS: tuple[str, ...] = ("1d", "5d", "1m", "3m", "6m", "1y", "2y", "5y", "max")
_PERIOD_BARS = {"1d": 1, "5d": 5}  # the last N bars (trading days for daily series)
_PERIOD_MONTHS = {"1m": 1, "3m": 3, "6m": 6, "1y": 12, "2y": 24, "5y": 60}
MAX_DAYS = 20_000


@dataclass(frozen=True, slots=True)
class Window:
    """A chart window: a named period, or the last `days` calendar days up to the newest bar."""

    period: str | None = "1y"
    days: int | None = None

    def label(self) -> str:
        return self.period if self.days is None and self.period else "custom"

    def max_bars(self, interval: Interval) -> int | None:
        """An upper bound of the bars inside the window, so the newest rows can be read with one LIMIT query."""
        if self.days is None and self.period in _PERIOD_BARS:
            return _PERIOD_BARS[self.period]
        if self.days is None and self.period == "max":
            return None
        calendar_days = self.days if self.days is not None else _PERIOD_MONTHS[str(self.period)] * 31
        return calendar_days + 1 if interval == "daily" else calendar_days // 7 + 2

    def start_index(self, dates: Sequence[dt.date]) -> int:
        """Index of the first of `dates` (oldest first) inside the window."""
        if not dates:
            return 0
        if self.days is None and self.period == "max":
            return 0
        if self.days is None and self.period in _PERIOD_BARS:
            return max(0, len(dates) - _PERIOD_BARS[self.period])
        last = dates[-1]
        if self.days is not None:
            first_excluded = last - dt.timedelta(days=self.days)
        else:
            first_excluded = _months_before(last, _PERIOD_MONTHS[str(self.period)])
        return bisect.bisect_right(dates, first_excluded)


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's last day (2024-03-31 minus 1 month: 2024-02-29)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


class Sourced:
    """Where a read's data came from: `source` (alphavantage, simulated, csv) and whether it is demo data."""

    __slots__ = ()
    source: str

    @property
    def simulated(self) -> bool:
        return self.source == DataSource.SIMULATED


@dataclass(frozen=True, slots=True)
class StockVersion:
    symbol: str
    data_version: int
    source: str


def stock_version_get(*, symbol: str) -> StockVersion:
    """The stock's data version (cache keys use it); NotFoundError when the symbol is not stored."""
    row = Stock.objects.filter(symbol=symbol).values_list("data_version", "source").first()
    if row is None:
        raise NotFoundError(f"No stock '{symbol}' is stored.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": symbol})
    return StockVersion(symbol, row[0], row[1])


@dataclass(frozen=True, slots=True)
class Provenance(Sourced):
    """When the newest bar of a series was fetched (None without bars) and where it came from."""

    as_of: dt.datetime | None
    source: str


class WindowedSeries:
    """A series cut to a window: its label and days, and the provenance of its newest bar (for Chart, Indicators)."""

    __slots__ = ()
    window: Window
    provenance: Provenance

    @property
    def period(self) -> str:
        return self.window.label()

    @property
    def days(self) -> int | None:
        return self.window.days

    @property
    def as_of(self) -> dt.datetime | None:
        return self.provenance.as_of

    @property
    def source(self) -> str:
        return self.provenance.source

    @property
    def simulated(self) -> bool:
        return self.provenance.simulated


def _bar_model(interval: Interval) -> type[DailyPrice] | type[WeeklyPrice]:
    return DailyPrice if interval == "daily" else WeeklyPrice


_BAR_COLUMNS = (
    "date",
    Cast("open_price", FloatField()),
    Cast("high_price", FloatField()),
    Cast("low_price", FloatField()),
    Cast("close_price", FloatField()),
    "volume",
)


def bar_rows_get(*, symbol: str, interval: Interval, newest: int | None, start: dt.date | None = None) -> list[BarRow]:
    """Bars oldest first: one query on the (stock, date) index; `newest` limits it to the latest N rows, `start`
    to those dated on or after it."""
    queryset = _bar_model(interval).objects.filter(stock_id=symbol)
    if start is not None:
        queryset = queryset.filter(date__gte=start)
    if newest is None:
        return _fetch_rows(queryset.order_by("date").values_list(*_BAR_COLUMNS))
    rows = _fetch_rows(queryset.order_by("-date").values_list(*_BAR_COLUMNS)[:newest])
    rows.reverse()
    return rows


def _fetch_rows(queryset: QuerySet[Any, tuple[Any, ...]]) -> list[Any]:
    """The queryset's rows; on PostgreSQL read in binary, which decodes thousands of dates and floats ~2x faster
    than the text protocol of Django's client-side cursors (see bench/api.py, uncached chart)."""
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, binary=True)
        rows = cursor.fetchall()
    if connection.queries_logged:  # keeps assertNumQueries and DEBUG query logs complete
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def bar_provenance_get(*, stock: StockVersion, interval: Interval) -> Provenance:
    """When the newest bar was fetched and its source (the stock's, without bars), from one row via the index."""
    newest = (
        _bar_model(interval)
        .objects.filter(stock_id=stock.symbol)
        .order_by("-date")
        .values_list("fetched_at", "source")
        .first()
    )
    return Provenance(*newest) if newest is not None else Provenance(None, stock.source)
