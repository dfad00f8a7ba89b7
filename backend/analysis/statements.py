"""Ratios derived from financial statements: margins, liquidity, leverage, free cash flow and year-over-year growth.

Pure: a report is a mapping of line item -> amount (Decimal, int or None when not reported), as the statements
are stored; every ratio is None when a figure it needs is missing or its denominator is zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

StatementKind = Literal["balance-sheet", "income-statement", "cashflow"]
Amount = Decimal | int | None
Report = Mapping[str, object]
Ratios = dict[str, float | None]

_DIGITS = 6


def _amount(report: Report, item: str) -> Decimal | None:
    value = report.get(item)
    if value is None:
        return None
    if not isinstance(value, Decimal | int):
        raise TypeError(f"Line item {item} must be a Decimal or int amount, got {type(value).__name__}.")
    return Decimal(value)


def ratio(numerator: Amount, denominator: Amount) -> float | None:
    """numerator / denominator rounded to 6 digits; None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round(float(Decimal(numerator) / Decimal(denominator)), _DIGITS)


def growth(current: Amount, previous: Amount) -> float | None:
    """(current - previous) / |previous|: a loss shrinking from -100 to -50 is +50% growth, not -50%."""
    if current is None or previous is None or previous == 0:
        return None
    return round(float((Decimal(current) - Decimal(previous)) / abs(Decimal(previous))), _DIGITS)


def free_cash_flow(report: Report) -> Decimal | None:
    """Operating cash flow less capital expenditures, whichever sign the capex is reported with.

    Alpha Vantage reports capitalExpenditures as a positive outflow; other sources report it negative.
    """
    operating, capex = _amount(report, "operating_cashflow"), _amount(report, "capital_expenditures")
    if operating is None or capex is None:
        return None
    return operating - abs(capex)


def debt(report: Report) -> Decimal | None:
    """Total debt as reported, else long-term plus short-term debt (either alone when only one is reported)."""
    total = _amount(report, "short_long_term_debt_total")
    if total is not None:
        return total
    known = [
        part for part in (_amount(report, "long_term_debt"), _amount(report, "short_term_debt")) if part is not None
    ]
    return sum(known, Decimal(0)) if known else None


def statement_ratios(kind: StatementKind, report: Report, previous: Report | None) -> Ratios:
    """The ratios of one report of `kind`; growth compares with `previous`, the same period a year earlier."""
    prev: Report = previous or {}
    if kind == "income-statement":
        revenue = _amount(report, "total_revenue")
        net_income = _amount(report, "net_income")
        return {
            "gross_margin": ratio(_amount(report, "gross_profit"), revenue),
            "operating_margin": ratio(_amount(report, "operating_income"), revenue),
            "net_margin": ratio(net_income, revenue),
            "revenue_growth_yoy": growth(revenue, _amount(prev, "total_revenue")),
            "net_income_growth_yoy": growth(net_income, _amount(prev, "net_income")),
        }
    if kind == "balance-sheet":
        equity = _amount(report, "total_shareholder_equity")
        return {
            "current_ratio": ratio(
                _amount(report, "total_current_assets"), _amount(report, "total_current_liabilities")
            ),
            "debt_to_equity": ratio(debt(report), equity),
            "total_assets_growth_yoy": growth(_amount(report, "total_assets"), _amount(prev, "total_assets")),
            "equity_growth_yoy": growth(equity, _amount(prev, "total_shareholder_equity")),
        }
    if kind == "cashflow":
        cash_flow = free_cash_flow(report)
        return {
            "free_cash_flow": float(cash_flow) if cash_flow is not None else None,
            "operating_cashflow_growth_yoy": growth(
                _amount(report, "operating_cashflow"), _amount(prev, "operating_cashflow")
            ),
            "free_cash_flow_growth_yoy": growth(cash_flow, free_cash_flow(prev)),
        }
    raise ValueError(f"Unknown statement kind {kind!r}; known: balance-sheet, income-statement, cashflow.")
