"""Time-weighted and money-weighted returns against hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import pyxirr
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolios.returns import Xirr, XirrUndefined, annualize, daily_returns, time_weighted_return, xirr


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
    assert xirr([dt.date(2023, 1, 1), dt.date(2024, 1, 1)], [-1000.0, 2000.0]).value == pytest.approx(1.0, rel=1e-6)


def test_xirr_with_a_deposit_mid_period_matches_the_hand_solution() -> None:
    # -1000 at t=0, -1000 at t=0.5y, +2200 at t=1y: 1000(1+r) + 1000(1+r)^0.5 = 2200 -> (1+r)^0.5 = x,
    # x^2 + x - 2.2 = 0 -> x = (-1 + sqrt(9.8)) / 2.
    x = (-1 + 9.8**0.5) / 2
    start = dt.date(2023, 1, 1)
    dates = [start, start + dt.timedelta(days=182.5 // 1), start + dt.timedelta(days=365)]
    result = xirr(dates, [-1000.0, -1000.0, 2200.0])
    assert result.value == pytest.approx(x**2 - 1, abs=2e-4)


def test_xirr_is_undefined_without_a_sign_change_or_a_time_span() -> None:
    assert xirr([dt.date(2024, 1, 1), dt.date(2024, 6, 1)], [-100.0, -100.0]) == Xirr(
        None, XirrUndefined.NO_SIGN_CHANGE
    )
    assert xirr([dt.date(2024, 1, 1), dt.date(2024, 1, 1)], [-100.0, 110.0]) == Xirr(None, XirrUndefined.TOO_FEW_FLOWS)


def test_xirr_finds_a_root_outside_a_fixed_bracket() -> None:
    # The ledger: sold, then re-bought with a fee. NPV has one sign at both ends of [-99.9999 %, 100 %],
    # yet 49.44 % makes it zero (bisection in 50-digit decimals: 0.4943928824221493006; pyxirr: 0.494392881554).
    dates = [dt.date(2020, 1, 2), dt.date(2021, 1, 4), dt.date(2022, 1, 10), dt.date(2022, 1, 10)]
    result = xirr(dates, [-1000.0, 1500.0, -51.0, 50.0])
    assert result.value == pytest.approx(0.4943928824221493, rel=1e-12)
    assert result.value == pytest.approx(pyxirr.xirr(dates, [-1000.0, 1500.0, -51.0, 50.0]), rel=1e-8)


def test_xirr_of_flows_a_century_apart_does_not_overflow() -> None:
    # -1 in 1900, +2000 in 2020: (1 + r)^(days / 365) = 2000; and a near-total loss over the same span.
    start, end = dt.date(1900, 1, 1), dt.date(2020, 1, 1)
    years = (end - start).days / 365
    assert xirr([start, end], [-1.0, 2000.0]).value == pytest.approx(2000 ** (1 / years) - 1, rel=1e-9)
    assert xirr([start, end], [-1e6, 1e-6]).value == pytest.approx(1e-12 ** (1 / years) - 1, rel=1e-9)


def test_xirr_with_two_roots_reports_the_one_nearest_the_reference() -> None:
    # -100, +230, -132 a year apart: 100 (1 + r)^2 - 230 (1 + r) + 132 = 0 -> 1 + r = 1.1 or 1.2.
    dates = [dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2023, 1, 1)]
    nearest_zero = xirr(dates, [-100.0, 230.0, -132.0])
    assert (nearest_zero.value, nearest_zero.roots) == (pytest.approx(0.1, rel=1e-9), 2)
    assert xirr(dates, [-100.0, 230.0, -132.0], reference=0.25).value == pytest.approx(0.2, rel=1e-9)


def test_xirr_without_a_root_says_so() -> None:
    # 100 - 230 v + 133 v^2 has no real root (230^2 < 4 x 100 x 133), although the flows change sign.
    dates = [dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2023, 1, 1)]
    assert xirr(dates, [100.0, -230.0, 133.0]) == Xirr(None, XirrUndefined.NO_ROOT)


@settings(max_examples=300, deadline=None)
@given(
    payments=st.lists(
        st.tuples(st.integers(min_value=0, max_value=40 * 365), st.floats(min_value=1.0, max_value=1e6)),
        min_size=1,
        max_size=30,
    ),
    multiple=st.floats(min_value=0.5, max_value=20.0),
    extra_days=st.integers(min_value=60, max_value=20 * 365),
)
def test_xirr_agrees_with_pyxirr_when_the_root_is_unique(
    payments: list[tuple[int, float]], multiple: float, extra_days: int
) -> None:
    # Payments in, then one amount out after the last of them: one sign change in time, so one root (Descartes).
    start = dt.date(1990, 1, 1)
    dates = [start + dt.timedelta(days=offset) for offset, _ in payments]
    amounts = [-amount for _, amount in payments]
    dates.append(max(dates) + dt.timedelta(days=extra_days))
    amounts.append(multiple * sum(amount for _, amount in payments))
    result = xirr(dates, amounts)
    assert result.roots == 1
    assert result.value is not None
    # The rate makes NPV zero, checked in 28-digit decimals...
    growth = Decimal(repr(1.0 + result.value))
    first = min(dates)
    terms = [
        Decimal(amount) / growth ** (Decimal((day - first).days) / 365)
        for day, amount in zip(dates, amounts, strict=True)
    ]
    assert abs(sum(terms, Decimal(0))) <= Decimal("1e-9") * sum((abs(term) for term in terms), Decimal(0))
    # ...and agrees with pyxirr wherever pyxirr finds a rate (it gives up on some large losses we solve).
    expected = pyxirr.xirr(dates, amounts)
    if expected is not None:
        assert result.value == pytest.approx(expected, rel=1e-7, abs=1e-9)  # pyxirr's own tolerance


def test_annualize_compounds_over_calendar_days() -> None:
    assert annualize(0.21, 730) == pytest.approx(0.10)
    assert annualize(0.1, 0) is None
