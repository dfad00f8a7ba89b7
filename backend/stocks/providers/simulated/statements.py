"""Simulated financial statements that satisfy the accounting identities exactly (whole dollars, integer arithmetic).

Quarterly flows are generated first and each annual flow is the sum of its fiscal year's four quarters; the annual
balance sheet is the fourth quarter's. Assets always equal liabilities plus shareholder equity.
"""

from __future__ import annotations

import datetime as dt
import zlib
from calendar import monthrange
from decimal import Decimal
from typing import TYPE_CHECKING

from stocks.providers.base import StatementReport, Statements
from stocks.providers.simulated.universe import Listing

if TYPE_CHECKING:
    pass


QUARTERS = 40
_REPORTING_LAG = dt.timedelta(days=35)
_TAX_RATE = 0.18


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def _quarter_ends(fiscal_year_end_month: int, last_session: dt.date) -> list[tuple[dt.date, int, int]]:
    """(period end, fiscal year, fiscal quarter) for the last QUARTERS reported quarters, oldest first."""
    ends: list[tuple[dt.date, int, int]] = []
    year, month = last_session.year, last_session.month
    while len(ends) < QUARTERS:
        since_year_end = (month - fiscal_year_end_month) % 12
        if since_year_end % 3 == 0:
            end = _month_end(year, month)
            if end + _REPORTING_LAG <= last_session:
                quarter = since_year_end // 3 or 4
                fiscal_year = year if month <= fiscal_year_end_month else year + 1
                ends.append((end, fiscal_year, quarter))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    ends.reverse()
    # Keep whole fiscal years at the start so every annual report has its four quarters.
    while ends and ends[0][2] != 1:
        ends.pop(0)
    return ends


def _d(value: int) -> Decimal:
    return Decimal(value)


def simulate_statements(listing: Listing, *, seed: int, last_session: dt.date) -> dict[str, Statements]:
    """Balance sheets, income statements and cash flows keyed "balance_sheet", "income_statement", "cash_flow"."""
    import numpy as np

    empty = {kind: Statements(listing.symbol, [], []) for kind in ("balance_sheet", "income_statement", "cash_flow")}
    if listing.revenue_billions <= 0:
        return empty
    periods = _quarter_ends(listing.fiscal_year_end_month, last_session)
    rng = np.random.default_rng([seed, zlib.crc32(f"statements:{listing.symbol}".encode())])
    n = len(periods)
    growth = rng.normal(0.015, 0.03, n)
    level = np.exp(np.cumsum(growth) - np.sum(growth))
    seasonal = 1.0 + 0.04 * np.sin(np.arange(n) * np.pi / 2 + rng.uniform(0, np.pi))
    revenue = (listing.revenue_billions * 1e9 / 4) * level * seasonal * np.exp(rng.normal(0, 0.02, n))

    operating_margin = listing.net_margin / (1 - _TAX_RATE) + 0.01
    gross_margin = min(0.85, max(0.25, operating_margin + 0.2))
    shares = int(listing.shares_millions * 1e6)
    dividend_per_quarter = listing.dividend_yield * listing.price / 4

    income_q: list[dict[str, Decimal | None]] = []
    cash_q: list[dict[str, Decimal | None]] = []
    balance_q: list[dict[str, Decimal | None]] = []
    cash = int(listing.revenue_billions * 1e9 * 0.3)
    ppe = int(listing.revenue_billions * 1e9 * 0.4)
    for i in range(n):
        rev = int(revenue[i])
        cost = int(rev * (1 - gross_margin))
        gross = rev - cost
        rnd = int(rev * min(0.12, gross_margin * 0.2))
        operating_income = int(rev * operating_margin * (1 + rng.normal(0, 0.05)))
        sga = gross - rnd - operating_income
        opex = rnd + sga
        depreciation = int(rev * 0.04)
        interest_expense = int(rev * 0.01)
        interest_income = int(rev * 0.005)
        net_interest = interest_income - interest_expense
        other = int(rev * rng.normal(0, 0.003))
        before_tax = operating_income + net_interest + other
        tax = max(0, int(before_tax * _TAX_RATE))
        net_income = before_tax - tax
        ebit = before_tax + interest_expense
        income_q.append(
            {
                "total_revenue": _d(rev),
                "cost_of_revenue": _d(cost),
                "cost_of_goods_and_services_sold": _d(cost),
                "gross_profit": _d(gross),
                "research_and_development": _d(rnd),
                "selling_general_and_administrative": _d(sga),
                "operating_expenses": _d(opex),
                "operating_income": _d(operating_income),
                "interest_income": _d(interest_income),
                "interest_expense": _d(interest_expense),
                "net_interest_income": _d(net_interest),
                "other_non_operating_income": _d(other),
                "depreciation": _d(depreciation),
                "depreciation_and_amortization": _d(depreciation),
                "income_before_tax": _d(before_tax),
                "income_tax_expense": _d(tax),
                "net_income_from_continuing_operations": _d(net_income),
                "comprehensive_income_net_of_tax": _d(net_income),
                "ebit": _d(ebit),
                "ebitda": _d(ebit + depreciation),
                "net_income": _d(net_income),
                "interest_and_debt_expense": _d(interest_expense),
                "investment_income_net": _d(interest_income),
                "non_interest_income": None,
            }
        )

        stock_comp = int(rev * 0.02)
        working_capital = int(rev * rng.normal(0, 0.01))
        operating_cf = net_income + depreciation + stock_comp + working_capital
        capex = int(rev * 0.05)
        investing_cf = -capex + int(rev * rng.normal(0, 0.01))
        dividends = int(shares * dividend_per_quarter)
        buybacks = max(0, int((operating_cf - capex - dividends) * 0.5))
        debt = int(rev * rng.normal(0, 0.01))
        financing_cf = debt - dividends - buybacks
        change_in_cash = operating_cf + investing_cf + financing_cf
        cash_q.append(
            {
                "net_income": _d(net_income),
                "profit_loss": _d(net_income),
                "depreciation_depletion_and_amortization": _d(depreciation),
                "stock_based_compensation": _d(stock_comp),
                "change_in_operating_assets": _d(max(0, -working_capital)),
                "change_in_operating_liabilities": _d(max(0, working_capital)),
                "operating_cashflow": _d(operating_cf),
                "capital_expenditures": _d(capex),
                "cashflow_from_investment": _d(investing_cf),
                "dividend_payout": _d(dividends),
                "dividend_payout_common_stock": _d(dividends),
                "payments_for_repurchase_of_common_stock": _d(buybacks),
                "payments_for_repurchase_of_equity": _d(buybacks),
                "proceeds_from_issuance_of_long_term_debt_and_capital_securities_net": _d(debt),
                "cashflow_from_financing": _d(financing_cf),
                "change_in_cash_and_cash_equivalents": _d(change_in_cash),
                "change_in_exchange_rate": _d(0),
            }
        )

        cash = max(int(rev * 0.1), cash + change_in_cash)
        ppe = ppe + capex - depreciation
        receivables = int(rev * 0.35)
        inventory = int(cost * 0.3)
        other_current = int(rev * 0.05)
        current_assets = cash + receivables + inventory + other_current
        goodwill = int(listing.revenue_billions * 1e9 * 0.15)
        intangibles = int(listing.revenue_billions * 1e9 * 0.05)
        long_investments = int(rev * 0.5)
        other_non_current = int(rev * 0.2)
        non_current_assets = ppe + goodwill + intangibles + long_investments + other_non_current
        total_assets = current_assets + non_current_assets
        payables = int(cost * 0.4)
        short_debt = int(rev * 0.1)
        deferred = int(rev * 0.08)
        other_current_liabilities = int(rev * 0.12)
        current_liabilities = payables + short_debt + deferred + other_current_liabilities
        long_debt = int(total_assets * 0.25)
        other_non_current_liabilities = int(total_assets * 0.08)
        non_current_liabilities = long_debt + other_non_current_liabilities
        total_liabilities = current_liabilities + non_current_liabilities
        equity = total_assets - total_liabilities
        balance_q.append(
            {
                "total_assets": _d(total_assets),
                "total_current_assets": _d(current_assets),
                "cash_and_cash_equivalents_at_carrying_value": _d(cash),
                "cash_and_short_term_investments": _d(cash),
                "inventory": _d(inventory),
                "current_net_receivables": _d(receivables),
                "other_current_assets": _d(other_current),
                "total_non_current_assets": _d(non_current_assets),
                "property_plant_equipment": _d(ppe),
                "goodwill": _d(goodwill),
                "intangible_assets": _d(goodwill + intangibles),
                "intangible_assets_excluding_goodwill": _d(intangibles),
                "long_term_investments": _d(long_investments),
                "other_non_current_assets": _d(other_non_current),
                "total_liabilities": _d(total_liabilities),
                "total_current_liabilities": _d(current_liabilities),
                "current_accounts_payable": _d(payables),
                "short_term_debt": _d(short_debt),
                "current_debt": _d(short_debt),
                "deferred_revenue": _d(deferred),
                "other_current_liabilities": _d(other_current_liabilities),
                "total_non_current_liabilities": _d(non_current_liabilities),
                "long_term_debt": _d(long_debt),
                "long_term_debt_noncurrent": _d(long_debt),
                "short_long_term_debt_total": _d(long_debt + short_debt),
                "other_non_current_liabilities": _d(other_non_current_liabilities),
                "total_shareholder_equity": _d(equity),
                "common_stock_shares_outstanding": _d(shares),
                "treasury_stock": None,
            }
        )

    def reports(
        items: list[dict[str, Decimal | None]], flow: bool
    ) -> tuple[list[StatementReport], list[StatementReport]]:
        quarterly = [
            StatementReport("quarterly", end, fiscal_year, quarter, "USD", item)
            for (end, fiscal_year, quarter), item in zip(periods, items, strict=True)
        ]
        annual: list[StatementReport] = []
        for start in range(0, n - 3, 4):
            year = quarterly[start : start + 4]
            if flow:
                keys = year[0].items.keys()
                summed: dict[str, Decimal | None] = {
                    key: None
                    if year[0].items[key] is None
                    else sum((q.items[key] or Decimal(0) for q in year), Decimal(0))
                    for key in keys
                }
            else:
                summed = dict(year[3].items)
            annual.append(
                StatementReport("annual", year[3].fiscal_date_ending, year[3].fiscal_year, None, "USD", summed)
            )
        return annual[::-1], quarterly[::-1]

    result = {}
    for kind, items, flow in (
        ("balance_sheet", balance_q, False),
        ("income_statement", income_q, True),
        ("cash_flow", cash_q, True),
    ):
        annual, quarterly = reports(items, flow)
        result[kind] = Statements(listing.symbol, annual, quarterly)
    return result
