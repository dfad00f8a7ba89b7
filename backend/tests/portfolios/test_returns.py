"""Time-weighted and money-weighted returns against hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from portfolios.returns import annualize, daily_returns, time_weighted_return, xirr


def test_twr_ignores_a_deposit_mid_period() -> None:
    # Day 0: buy 10 @ 100, close 100. Day 1: close 110 (+10 %). Day 2: deposit 1100 (10 more @ 110), close 121 (+10 %).
    values = [1000.0, 1100.0, 2420.0]
    contributions = [1000.0, 0.0, 1100.0]
    distributions = [0.0, 0.0, 0.0]
    assert list(daily_returns(values, contributions, distributions)) == pytest.approx([0.0, 0.10, 0.10])
    assert time_weighted_return(values, contributions, distributions) == pytest.approx(0.21)


def test_twr_counts_a_dividend_paid_out_as_return() -> None:
    # 1000 invested, price flat, a 20 dividend paid out on day 1: +2 %.
    assert time_weighted_return([1000.0, 1000.0], [1000.0, 0.0], [0.0, 20.0]) == pytest.approx(0.02)


def test_twr_is_unaffected_by_a_split_with_raw_prices() -> None:
    # 10 shares @ 100 -> 2-for-1 split: 20 shares @ 50 is the same value; then 55 is +10 %.
    assert time_weighted_return([1000.0, 1000.0, 1100.0], [1000.0, 0, 0], [0, 0, 0]) == pytest.approx(0.10)


def test_twr_of_a_fully_sold_portfolio_stays_flat_afterwards() -> None:
    # Sold everything on day 1 at 1100 (+10 %); nothing invested on day 2.
    assert time_weighted_return([1000.0, 0.0, 0.0], [1000.0, 0, 0], [0, 1100.0, 0]) == pytest.approx(0.10)


def test_xirr_of_one_year_doubling_is_100_percent() -> None:
    assert xirr([dt.date(2023, 1, 1), dt.date(2024, 1, 1)], [-1000.0, 2000.0]) == pytest.approx(1.0, rel=1e-6)


def test_xirr_with_a_deposit_mid_period_matches_the_hand_solution() -> None:
    # -1000 at t=0, -1000 at t=0.5y, +2200 at t=1y: 1000(1+r) + 1000(1+r)^0.5 = 2200 -> (1+r)^0.5 = x,
    # x^2 + x - 2.2 = 0 -> x = (-1 + sqrt(9.8)) / 2.
    x = (-1 + 9.8**0.5) / 2
    start = dt.date(2023, 1, 1)
    dates = [start, start + dt.timedelta(days=182.5 // 1), start + dt.timedelta(days=365)]
    result = xirr(dates, [-1000.0, -1000.0, 2200.0])
    assert result == pytest.approx(x**2 - 1, abs=2e-4)


def test_xirr_is_undefined_without_a_sign_change_or_a_time_span() -> None:
    assert xirr([dt.date(2024, 1, 1), dt.date(2024, 6, 1)], [-100.0, -100.0]) is None
    assert xirr([dt.date(2024, 1, 1), dt.date(2024, 1, 1)], [-100.0, 110.0]) is None


def test_annualize_compounds_over_calendar_days() -> None:
    assert annualize(0.21, 730) == pytest.approx(0.10)
    assert annualize(0.1, 0) is None
