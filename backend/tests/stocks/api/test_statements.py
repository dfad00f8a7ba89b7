"""Overview and financial statements: ratios, periods, limits, provenance and errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stocks.models import BalanceSheet, CashFlowStatement, DataSource, IncomeStatement, Stock
from tests.stocks.api.conftest import bump_version

pytestmark = pytest.mark.django_db
BASE = "/api/v1/stocks/api"


def income(stock: Stock, year: int, revenue: int, net: int, quarter: int | None = None) -> IncomeStatement:
    return IncomeStatement.objects.create(
        stock=stock,
        period_type="quarterly" if quarter else "annual",
        fiscal_year=year,
        fiscal_quarter=quarter,
        fiscal_date_ending=dt.date(year, 3 * quarter if quarter else 12, 28),
        total_revenue=Decimal(revenue),
        gross_profit=Decimal(revenue) * Decimal("0.4"),
        operating_income=Decimal(revenue) * Decimal("0.25"),
        net_income=Decimal(net),
        source=DataSource.SIMULATED,
        fetched_at=timezone.now(),
    )


def test_overview_has_fields_as_of_and_source(api_client: Any, stock: Stock) -> None:
    stamp = timezone.now()
    Stock.objects.filter(pk="ACME").update(pe_ratio=Decimal("21.5"), overview_fetched_at=stamp, sector="TECH")
    response = api_client.get(f"{BASE}/overview/acme/")
    assert response.status_code == 200
    body = response.json()
    assert body["symbol"] == "ACME"
    assert body["source"] == "simulated"
    assert body["simulated"] is True
    assert body["has_overview"] is True
    assert body["as_of"].startswith(stamp.isoformat()[:19])
    assert body["overview"]["pe_ratio"] == 21.5
    assert body["overview"]["name"] == "Acme Corporation"
    assert "data_version" not in body["overview"]


def test_overview_unknown_symbol_404(api_client: Any, db: Any) -> None:
    assert api_client.get(f"{BASE}/overview/NONE/").status_code == 404


def test_income_statement_ratios_and_growth(api_client: Any, stock: Stock) -> None:
    for year, revenue, net in [(2020, 800, 80), (2021, 1000, 100), (2022, 1200, 90), (2023, 1500, 150)]:
        income(stock, year, revenue, net)
    body = api_client.get(f"{BASE}/income-statement/ACME/", {"limit": "3"}).json()
    assert body["period"] == "annual"
    assert body["count"] == 3
    assert body["source"] == "simulated"
    assert body["as_of"]
    assert [r["fiscal_year"] for r in body["reports"]] == [2023, 2022, 2021]
    latest = body["reports"][0]
    assert latest["total_revenue"] == 1500
    assert latest["ratios"] == {
        "gross_margin": 0.4,
        "operating_margin": 0.25,
        "net_margin": 0.1,
        "revenue_growth_yoy": 0.25,
        "net_income_growth_yoy": round(60 / 90, 6),
    }
    # the oldest shown report still has its comparison, from the year not shown
    assert body["reports"][2]["ratios"]["revenue_growth_yoy"] == 0.25


def test_quarterly_growth_compares_the_same_quarter_a_year_earlier(api_client: Any, stock: Stock) -> None:
    for year in (2022, 2023):
        for quarter in (1, 2, 3, 4):
            income(stock, year, 100 * quarter + (50 if year == 2023 else 0), 10, quarter)
    body = api_client.get(f"{BASE}/income-statement/ACME/", {"period": "quarterly", "limit": "2"}).json()
    assert [(r["fiscal_year"], r["fiscal_quarter"]) for r in body["reports"]] == [(2023, 4), (2023, 3)]
    assert body["reports"][0]["ratios"]["revenue_growth_yoy"] == 0.125  # 450 vs 400


def test_balance_sheet_and_cashflow_ratios(api_client: Any, stock: Stock) -> None:
    now = timezone.now()
    BalanceSheet.objects.create(
        stock=stock,
        period_type="annual",
        fiscal_year=2023,
        fiscal_date_ending=dt.date(2023, 12, 31),
        total_assets=Decimal(1000),
        total_current_assets=Decimal(300),
        total_current_liabilities=Decimal(150),
        long_term_debt=Decimal(200),
        short_term_debt=Decimal(50),
        total_shareholder_equity=Decimal(500),
        fetched_at=now,
    )
    CashFlowStatement.objects.create(
        stock=stock,
        period_type="annual",
        fiscal_year=2023,
        fiscal_date_ending=dt.date(2023, 12, 31),
        operating_cashflow=Decimal(400),
        capital_expenditures=Decimal(150),
        fetched_at=now,
    )
    sheet = api_client.get(f"{BASE}/balance-sheet/ACME/").json()["reports"][0]["ratios"]
    assert sheet["current_ratio"] == 2.0
    assert sheet["debt_to_equity"] == 0.5
    assert sheet["total_assets_growth_yoy"] is None
    flow = api_client.get(f"{BASE}/cashflow/ACME/").json()
    assert flow["reports"][0]["ratios"]["free_cash_flow"] == 250.0
    assert flow["source"] == "alphavantage"
    assert flow["simulated"] is False


def test_no_statements_is_an_empty_list(api_client: Any, stock: Stock) -> None:
    body = api_client.get(f"{BASE}/cashflow/ACME/", {"period": "quarterly"}).json()
    assert body["reports"] == []
    assert body["count"] == 0


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"period": "monthly"}, "period", ["annual", "quarterly"]),
        ({"limit": "0"}, "limit", ["1", "40"]),
        ({"limit": "41"}, "limit", ["1", "40"]),
        ({"limit": "many"}, "limit", ["1", "40"]),
    ],
)
def test_bad_parameters_are_400(
    api_client: Any, stock: Stock, query: dict[str, str], param: str, words: list[str]
) -> None:
    response = api_client.get(f"{BASE}/balance-sheet/ACME/", query)
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith(f"{param}: ")
    for word in words:
        assert word in message


def test_statements_are_cached_until_the_version_changes(api_client: Any, stock: Stock) -> None:
    income(stock, 2022, 100, 10)
    assert api_client.get(f"{BASE}/income-statement/ACME/").json()["count"] == 1
    income(stock, 2023, 120, 12)
    assert api_client.get(f"{BASE}/income-statement/ACME/").json()["count"] == 1
    bump_version("ACME", to=5)
    assert api_client.get(f"{BASE}/income-statement/ACME/").json()["count"] == 2
