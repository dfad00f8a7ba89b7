"""Financial statements, newest first, each report with the ratios its figures allow (analysis.statements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from analysis.statements import Ratios, StatementKind, statement_ratios
from stocks.models import BalanceSheet, CashFlowStatement, IncomeStatement
from stocks.selectors.prices import Sourced, StockVersion

StatementPeriod = Literal["annual", "quarterly"]

_STATEMENT_MODELS: dict[StatementKind, type[BalanceSheet] | type[IncomeStatement] | type[CashFlowStatement]] = {
    "balance-sheet": BalanceSheet,
    "income-statement": IncomeStatement,
    "cashflow": CashFlowStatement,
}
# Every report has these; the remaining columns are its statement's line items.
_REPORT_FIELDS = (
    "period_type",
    "fiscal_year",
    "fiscal_quarter",
    "fiscal_date_ending",
    "reported_currency",
    "fetched_at",
)
_NOT_LINE_ITEMS = {"stock", "id", "source", *_REPORT_FIELDS}


@dataclass(frozen=True, slots=True)
class StatementReport:
    period_type: str
    fiscal_year: int
    fiscal_quarter: int | None
    fiscal_date_ending: dt.date
    reported_currency: str
    fetched_at: dt.datetime
    line_items: Mapping[str, Decimal | None]  # in model order, None when not reported
    source: str
    ratios: Ratios


@dataclass(frozen=True, slots=True)
class Statements(Sourced):
    symbol: str
    statement: StatementKind
    period: StatementPeriod
    as_of: dt.datetime | None
    source: str  # the newest report's, else the stock's
    reports: Sequence[StatementReport]

    @property
    def count(self) -> int:
        return len(self.reports)


def statements_get(*, stock: StockVersion, kind: StatementKind, period: StatementPeriod, limit: int) -> Statements:
    """The newest `limit` reports, newest first, each with the ratios its figures allow."""
    model = _STATEMENT_MODELS[kind]
    line_items = [f.name for f in model._meta.concrete_fields if f.name not in _NOT_LINE_ITEMS]
    # One year more than shown, so the oldest shown report still has its year-over-year comparison.
    extra = 4 if period == "quarterly" else 1
    rows = list(
        model.objects.filter(stock_id=stock.symbol, period_type=period)
        .order_by("-fiscal_date_ending")
        .values(*_REPORT_FIELDS, *line_items, "source")[: limit + extra]
    )
    by_period = {(r["fiscal_year"], r["fiscal_quarter"]): r for r in rows}
    reports = [
        StatementReport(
            **{name: row[name] for name in _REPORT_FIELDS},
            line_items={name: row[name] for name in line_items},
            source=row["source"],
            ratios=statement_ratios(kind, row, by_period.get((row["fiscal_year"] - 1, row["fiscal_quarter"]))),
        )
        for row in rows[:limit]
    ]
    return Statements(
        symbol=stock.symbol,
        statement=kind,
        period=period,
        as_of=max((r.fetched_at for r in reports), default=None),
        source=reports[0].source if reports else stock.source,
        reports=reports,
    )
