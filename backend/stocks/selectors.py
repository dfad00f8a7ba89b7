"""Reads for the stocks API: price series, overview, statements with ratios, search, indicators and signals."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, TypeVar

import numpy as np
import psycopg
from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast

from analysis.indicators import Bars, FloatArray, indicator_compute
from analysis.signals import signals_evaluate
from core.exceptions import NotFoundError
from stocks.interest import symbol_interest
from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    DailyPrice,
    DataSource,
    IncomeStatement,
    Stock,
    WeeklyPrice,
)

logger = logging.getLogger(__name__)

Interval = Literal["daily", "weekly"]
StatementKind = Literal["balance-sheet", "income-statement", "cashflow"]

PERIODS: tuple[str, ...] = ("1d", "5d", "1m", "3m", "6m", "1y", "2y", "5y", "max")
_PERIOD_BARS = {"1d": 1, "5d": 5}  # the last N bars (trading days for daily series)
_PERIOD_MONTHS = {"1m": 1, "3m": 3, "6m": 6, "1y": 12, "2y": 24, "5y": 60}
MAX_DAYS = 20_000
T = TypeVar("T")


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


@dataclass(frozen=True, slots=True)
class StockVersion:
    symbol: str
    data_version: int
    source: str


def stock_version_get(*, symbol: str) -> StockVersion:
    """The stock's data version (cache keys use it); NotFoundError when the symbol is not stored."""
    row = Stock.objects.filter(symbol=symbol).values_list("data_version", "source").first()
    if row is None:
        raise NotFoundError(f"No stock '{symbol}' is stored.", extra={"symbol": symbol})
    return StockVersion(symbol, row[0], row[1])


def _source_fields(source: str) -> dict[str, Any]:
    return {"source": source, "simulated": source == DataSource.SIMULATED}


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


def _bar_rows(symbol: str, interval: Interval, newest: int | None) -> list[tuple[Any, ...]]:
    """Bars oldest first: one query on the (stock, date) index; `newest` limits it to the latest N rows."""
    queryset = _bar_model(interval).objects.filter(stock_id=symbol)
    if newest is None:
        return _fetch_rows(queryset.order_by("date").values_list(*_BAR_COLUMNS))
    rows = _fetch_rows(queryset.order_by("-date").values_list(*_BAR_COLUMNS)[:newest])
    rows.reverse()
    return rows


def _fetch_rows(queryset: QuerySet[Any, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
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


def _newest_bar_provenance(symbol: str, interval: Interval, fallback_source: str) -> dict[str, Any]:
    """`as_of` (when the newest bar was fetched) and its source, from one row read through the index."""
    newest = (
        _bar_model(interval)
        .objects.filter(stock_id=symbol)
        .order_by("-date")
        .values_list("fetched_at", "source")
        .first()
    )
    as_of, source = newest if newest is not None else (None, fallback_source)
    return {"as_of": as_of, **_source_fields(source)}


def chart_get(*, stock: StockVersion, interval: Interval, window: Window) -> dict[str, Any]:
    """Bars inside `window`, oldest first, in the shape lightweight-charts takes."""
    rows = _bar_rows(stock.symbol, interval, window.max_bars(interval))
    rows = rows[window.start_index([row[0] for row in rows]) :]
    return {
        "symbol": stock.symbol,
        "type": interval,
        "period": window.label(),
        "days": window.days,
        "count": len(rows),
        **_newest_bar_provenance(stock.symbol, interval, stock.source),
        "data": [{"time": r[0], "open": r[1], "high": r[2], "low": r[3], "close": r[4], "volume": r[5]} for r in rows],
    }


_OVERVIEW_EXCLUDED = {"data_version", "created_at", "updated_at"}


def overview_get(*, stock: StockVersion) -> dict[str, Any]:
    """The company overview and last quote as stored, with when and where they came from."""
    fields = [f.name for f in Stock._meta.concrete_fields if f.name not in _OVERVIEW_EXCLUDED]
    row = Stock.objects.filter(symbol=stock.symbol).values(*fields).get()
    stamps = [row["overview_fetched_at"], row["quote_fetched_at"]]
    return {
        "symbol": stock.symbol,
        "as_of": max((s for s in stamps if s is not None), default=None),
        **_source_fields(row.pop("source")),
        "has_overview": row["overview_fetched_at"] is not None,
        "overview": {k: v for k, v in row.items() if k != "symbol"},
    }


_STATEMENT_MODELS: dict[str, type[BalanceSheet] | type[IncomeStatement] | type[CashFlowStatement]] = {
    "balance-sheet": BalanceSheet,
    "income-statement": IncomeStatement,
    "cashflow": CashFlowStatement,
}
_STATEMENT_META = ("stock", "id", "source")


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round(float(numerator / denominator), 6)


def _growth(current: Decimal | None, previous: Decimal | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return round(float((current - previous) / abs(previous)), 6)


def _free_cash_flow(row: dict[str, Any]) -> Decimal | None:
    # Alpha Vantage reports capitalExpenditures as a positive outflow.
    operating, capex = row.get("operating_cashflow"), row.get("capital_expenditures")
    if operating is None or capex is None:
        return None
    return Decimal(operating) - abs(Decimal(capex))


def _debt(row: dict[str, Any]) -> Decimal | None:
    if row.get("short_long_term_debt_total") is not None:
        return Decimal(row["short_long_term_debt_total"])
    parts = [row.get("long_term_debt"), row.get("short_term_debt")]
    known = [Decimal(p) for p in parts if p is not None]
    return sum(known, Decimal(0)) if known else None


def _statement_ratios(kind: str, row: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, float | None]:
    prev = previous or {}
    if kind == "income-statement":
        revenue = row.get("total_revenue")
        return {
            "gross_margin": _ratio(row.get("gross_profit"), revenue),
            "operating_margin": _ratio(row.get("operating_income"), revenue),
            "net_margin": _ratio(row.get("net_income"), revenue),
            "revenue_growth_yoy": _growth(revenue, prev.get("total_revenue")),
            "net_income_growth_yoy": _growth(row.get("net_income"), prev.get("net_income")),
        }
    if kind == "balance-sheet":
        return {
            "current_ratio": _ratio(row.get("total_current_assets"), row.get("total_current_liabilities")),
            "debt_to_equity": _ratio(_debt(row), row.get("total_shareholder_equity")),
            "total_assets_growth_yoy": _growth(row.get("total_assets"), prev.get("total_assets")),
            "equity_growth_yoy": _growth(row.get("total_shareholder_equity"), prev.get("total_shareholder_equity")),
        }
    free_cash_flow = _free_cash_flow(row)
    return {
        "free_cash_flow": float(free_cash_flow) if free_cash_flow is not None else None,
        "operating_cashflow_growth_yoy": _growth(row.get("operating_cashflow"), prev.get("operating_cashflow")),
        "free_cash_flow_growth_yoy": _growth(free_cash_flow, _free_cash_flow(prev) if previous else None),
    }


def statements_get(
    *, stock: StockVersion, kind: StatementKind, period: Literal["annual", "quarterly"], limit: int
) -> dict[str, Any]:
    """The newest `limit` reports, newest first, each with the ratios its figures allow."""
    model = _STATEMENT_MODELS[kind]
    fields = [f.name for f in model._meta.concrete_fields if f.name not in _STATEMENT_META]
    # One year more than shown, so the oldest shown report still has its year-over-year comparison.
    extra = 4 if period == "quarterly" else 1
    rows = list(
        model.objects.filter(stock_id=stock.symbol, period_type=period)
        .order_by("-fiscal_date_ending")
        .values(*fields, "source")[: limit + extra]
    )
    by_period = {(r["fiscal_year"], r["fiscal_quarter"]): r for r in rows}
    reports = []
    for row in rows[:limit]:
        previous = by_period.get((row["fiscal_year"] - 1, row["fiscal_quarter"]))
        reports.append({**row, "ratios": _statement_ratios(kind, row, previous)})
    as_of = max((r["fetched_at"] for r in reports), default=None)
    source = reports[0]["source"] if reports else stock.source
    return {
        "symbol": stock.symbol,
        "statement": kind,
        "period": period,
        "count": len(reports),
        "as_of": as_of,
        **_source_fields(source),
        "reports": reports,
    }


# Popular -----------------------------------------------------------------------------------------------------

POPULAR_LIMIT = 10


CURATED_POPULAR: tuple[tuple[str, str], ...] = (
    ("AAPL", "Apple Inc."),
    ("MSFT", "Microsoft Corporation"),
    ("NVDA", "NVIDIA Corporation"),
    ("AMZN", "Amazon.com Inc."),
    ("GOOGL", "Alphabet Inc. Class A"),
    ("META", "Meta Platforms Inc."),
    ("TSLA", "Tesla Inc."),
    ("BRK.B", "Berkshire Hathaway Inc. Class B"),
    ("JPM", "JPMorgan Chase & Co."),
    ("V", "Visa Inc."),
    ("AVGO", "Broadcom Inc."),
    ("NFLX", "Netflix Inc."),
)


def popular_symbols_get(*, limit: int = POPULAR_LIMIT) -> dict[str, Any]:
    """Most held and watched stocks (holders count double), topped up from a curated list of large caps."""
    interest = symbol_interest()
    holders, watchers = interest.held_counts(), interest.watched_counts()
    ranked = sorted(set(holders) | set(watchers), key=lambda s: (-(2 * holders.get(s, 0) + watchers.get(s, 0)), s))[
        :limit
    ]
    names = dict(Stock.objects.filter(symbol__in=ranked).values_list("symbol", "name"))
    results = [
        {
            "symbol": s,
            "name": names.get(s, ""),
            "holders": holders.get(s, 0),
            "watchers": watchers.get(s, 0),
            "reason": "users",
        }
        for s in ranked
    ]
    stored = set(Stock.objects.filter(symbol__in=[s for s, _ in CURATED_POPULAR]).values_list("symbol", flat=True))
    for symbol, name in CURATED_POPULAR:
        if len(results) >= limit:
            break
        if symbol not in ranked:
            results.append(
                {
                    "symbol": symbol,
                    "name": name,
                    "holders": 0,
                    "watchers": 0,
                    "reason": "curated",
                    "in_database": symbol in stored,
                }
            )
    for row in results:
        row.setdefault("in_database", True)
    return {"count": len(results), "results": results}


# Indicators --------------------------------------------------------------------------------------------------


def _nullable(values: FloatArray) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]


def indicators_get(
    *, stock: StockVersion, interval: Interval, window: Window, requested: dict[str, dict[str, float]]
) -> dict[str, Any]:
    """Indicators over the whole stored history, cut to `window`, plus signals on the newest bar."""
    rows = _bar_rows(stock.symbol, interval, None)
    dates = [row[0] for row in rows]
    if rows:
        columns = list(zip(*rows, strict=True))
        bars = Bars(*(np.asarray(columns[i], dtype=np.float64) for i in range(1, 6)))
    else:
        bars = Bars(*(np.empty(0, dtype=np.float64) for _ in range(5)))
    start = window.start_index(dates)
    indicators: dict[str, dict[str, Any]] = {}
    for name, params in requested.items():
        outputs = indicator_compute(name, bars, params)
        indicators[name] = {
            "params": {k: int(v) if float(v).is_integer() else v for k, v in params.items()},
            **{output: _nullable(values[start:]) for output, values in outputs.items()},
        }
    iso_dates = [d.isoformat() for d in dates]
    return {
        "symbol": stock.symbol,
        "type": interval,
        "period": window.label(),
        "days": window.days,
        "count": len(dates) - start,
        **_newest_bar_provenance(stock.symbol, interval, stock.source),
        "dates": iso_dates[start:],
        "indicators": indicators,
        "signals": signals_evaluate(bars, iso_dates, bar_unit="d" if interval == "daily" else "w"),
    }
