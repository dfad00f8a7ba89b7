"""Statement ratios, checked against figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.statements import debt, free_cash_flow, growth, ratio, statement_ratios

D = Decimal


def test_ratio_divides_and_rounds_to_six_digits() -> None:
    assert ratio(D(1), D(3)) == 0.333333
    assert ratio(D(300), D(150)) == 2.0
    assert ratio(D(-50), D(200)) == -0.25
    assert ratio(7, 2) == 3.5  # integer amounts too


@pytest.mark.parametrize(("numerator", "denominator"), [(D(5), D(0)), (D(5), None), (None, D(5)), (None, None)])
def test_ratio_is_none_without_a_usable_denominator_or_numerator(
    numerator: Decimal | None, denominator: Decimal | None
) -> None:
    assert ratio(numerator, denominator) is None


def test_growth_is_relative_to_the_size_of_the_previous_value() -> None:
    assert growth(D(1500), D(1200)) == 0.25
    assert growth(D(90), D(100)) == -0.1
    # A loss shrinking from -100 to -50 is an improvement: +50%, not the -50% a plain division gives.
    assert growth(D(-50), D(-100)) == 0.5
    # From a loss of 100 to a profit of 50: +150%.
    assert growth(D(50), D(-100)) == 1.5
    # A loss deepening from -100 to -150: -50%.
    assert growth(D(-150), D(-100)) == -0.5


@pytest.mark.parametrize(("current", "previous"), [(D(10), D(0)), (D(10), None), (None, D(10))])
def test_growth_is_none_from_zero_or_missing_values(current: Decimal | None, previous: Decimal | None) -> None:
    assert growth(current, previous) is None


@pytest.mark.parametrize("capex", [D(150), D(-150)])
def test_free_cash_flow_subtracts_capex_whichever_sign_it_is_reported_with(capex: Decimal) -> None:
    assert free_cash_flow({"operating_cashflow": D(400), "capital_expenditures": capex}) == D(250)


def test_free_cash_flow_needs_both_figures() -> None:
    assert free_cash_flow({"operating_cashflow": D(400), "capital_expenditures": None}) is None
    assert free_cash_flow({"capital_expenditures": D(10)}) is None


def test_debt_prefers_the_reported_total_then_adds_the_parts_it_has() -> None:
    parts = {"long_term_debt": D(200), "short_term_debt": D(50)}
    assert debt({"short_long_term_debt_total": D(300), **parts}) == D(300)
    assert debt(parts) == D(250)
    assert debt({"long_term_debt": D(200), "short_term_debt": None}) == D(200)
    assert debt({"short_term_debt": D(50)}) == D(50)
    assert debt({}) is None


def test_income_statement_ratios() -> None:
    report = {"total_revenue": D(1500), "gross_profit": D(600), "operating_income": D(375), "net_income": D(150)}
    previous = {"total_revenue": D(1200), "net_income": D(90)}
    assert statement_ratios("income-statement", report, previous) == {
        "gross_margin": 0.4,
        "operating_margin": 0.25,
        "net_margin": 0.1,
        "revenue_growth_yoy": 0.25,
        "net_income_growth_yoy": 0.666667,  # (150 - 90) / 90
    }


def test_income_statement_without_revenue_or_a_previous_year() -> None:
    ratios = statement_ratios("income-statement", {"total_revenue": D(0), "net_income": D(-5)}, None)
    assert ratios == {
        "gross_margin": None,
        "operating_margin": None,
        "net_margin": None,
        "revenue_growth_yoy": None,
        "net_income_growth_yoy": None,
    }


def test_balance_sheet_ratios() -> None:
    report = {
        "total_current_assets": D(300),
        "total_current_liabilities": D(150),
        "long_term_debt": D(200),
        "short_term_debt": D(50),
        "total_shareholder_equity": D(500),
        "total_assets": D(1000),
    }
    previous = {"total_assets": D(800), "total_shareholder_equity": D(-250)}
    assert statement_ratios("balance-sheet", report, previous) == {
        "current_ratio": 2.0,
        "debt_to_equity": 0.5,  # (200 + 50) / 500
        "total_assets_growth_yoy": 0.25,
        "equity_growth_yoy": 3.0,  # (500 - -250) / 250
    }


def test_balance_sheet_with_zero_liabilities_and_no_debt_figures() -> None:
    report = {"total_current_assets": D(300), "total_current_liabilities": D(0), "total_shareholder_equity": D(500)}
    ratios = statement_ratios("balance-sheet", report, {})
    assert ratios["current_ratio"] is None
    assert ratios["debt_to_equity"] is None


def test_cashflow_ratios_compare_free_cash_flow_with_the_previous_year() -> None:
    report = {"operating_cashflow": D(400), "capital_expenditures": D(150)}
    previous = {"operating_cashflow": D(320), "capital_expenditures": D(-120)}  # fcf 200, capex reported negative
    assert statement_ratios("cashflow", report, previous) == {
        "free_cash_flow": 250.0,
        "operating_cashflow_growth_yoy": 0.25,
        "free_cash_flow_growth_yoy": 0.25,
    }
    assert statement_ratios("cashflow", report, None) == {
        "free_cash_flow": 250.0,
        "operating_cashflow_growth_yoy": None,
        "free_cash_flow_growth_yoy": None,
    }


def test_bad_input_names_the_problem() -> None:
    with pytest.raises(ValueError, match="Unknown statement kind 'equity'"):
        statement_ratios("equity", {}, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Line item total_revenue must be a Decimal or int amount, got float"):
        statement_ratios("income-statement", {"total_revenue": 1.5}, None)
