"""The labelled return methods, period P/L and risk statistics against published peer cases and hand computation:
Ghostfolio's portfolio-calculator specs (ROAI), Portfolio Performance's IRRTest (XIRR), pyxirr, and Python's
`statistics` module for the risk formulas (an implementation we did not write)."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
import pyxirr

from portfolios.ledger import LedgerEntry
from portfolios.methods import (
    Day,
    investment_steps,
    money_weighted,
    period_pl,
    period_start,
    risk_statistics,
    roai,
    simple_return,
    time_weighted_investment,
    twr,
    window_returns,
)

D = dt.date


def _buy(date: dt.date, quantity: str, price: str, fee: str = "0") -> LedgerEntry:
    return LedgerEntry("buy", date, Decimal(quantity), Decimal(price), Decimal(fee))


def _sell(date: dt.date, quantity: str, price: str, fee: str = "0") -> LedgerEntry:
    return LedgerEntry("sell", date, Decimal(quantity), Decimal(price), Decimal(fee))


# --- ROAI: Ghostfolio's apps/api/src/app/portfolio/calculator/roai/*.spec.ts ------------------------------------------


def test_ghostfolio_baln_buy_and_buy() -> None:
    # portfolio-calculator-baln-buy-and-buy.spec.ts: 2 @ 142.9 (fee 1.55) on 2021-11-22, 2 @ 136.6 (fee 1.65) on
    # 2021-11-30, valued at 148.9 on 2021-12-18: timeWeightedInvestment 474.93846153846153846154, netPerformance 33.4,
    # netPerformancePercentage 0.07032490039195361342, grossPerformancePercentage 0.07706261539956593567.
    entries = [_buy(D(2021, 11, 22), "2", "142.9", "1.55"), _buy(D(2021, 11, 30), "2", "136.6", "1.65")]
    steps = investment_steps(entries)
    assert steps == [(D(2021, 11, 22), Fraction("285.8")), (D(2021, 11, 30), Fraction("559"))]
    invested = time_weighted_investment(steps, D(2021, 12, 18))
    assert invested == pytest.approx(474.93846153846153846154, rel=1e-15)
    net_pl = 4 * 148.9 - (285.8 + 1.55) - (273.2 + 1.65)
    assert net_pl == pytest.approx(33.4)
    net, gross, total = roai(net_pl=net_pl, fees=3.2, investments=[invested])
    assert net == pytest.approx(0.07032490039195361342, rel=1e-12)
    assert gross == pytest.approx(0.07706261539956593567, rel=1e-12)
    assert total == invested


def test_ghostfolio_baln_buy_and_sell_counts_only_the_days_invested() -> None:
    # portfolio-calculator-baln-buy-and-sell.spec.ts: sold on 2021-11-30 at 136.6 (fee 1.65), evaluated on
    # 2021-12-18: timeWeightedInvestment 285.8 (the 18 days with nothing invested do not dilute it), netPerformance
    # -15.8, netPerformancePercentage -0.0552834149755073478, gross -0.0440867739678096571.
    entries = [_buy(D(2021, 11, 22), "2", "142.9", "1.55"), _sell(D(2021, 11, 30), "2", "136.6", "1.65")]
    invested = time_weighted_investment(investment_steps(entries), D(2021, 12, 18))
    assert invested == pytest.approx(285.8, rel=1e-15)
    net, gross, _ = roai(net_pl=-15.8, fees=3.2, investments=[invested])
    assert net == pytest.approx(-0.0552834149755073478, rel=1e-12)
    assert gross == pytest.approx(-0.0440867739678096571, rel=1e-12)


def test_ghostfolio_novn_buy_and_sell() -> None:
    # portfolio-calculator-novn-buy-and-sell.spec.ts: 2 @ 75.8 on 2022-03-07, sold 2 @ 85.73 on 2022-04-08,
    # evaluated 2022-04-11: timeWeightedInvestment 151.6, netPerformance 19.86, percentage 0.13100263852242744063.
    entries = [_buy(D(2022, 3, 7), "2", "75.8"), _sell(D(2022, 4, 8), "2", "85.73")]
    invested = time_weighted_investment(investment_steps(entries), D(2022, 4, 11))
    net, gross, _ = roai(net_pl=2 * 85.73 - 151.6, fees=0.0, investments=[invested])
    assert net == gross == pytest.approx(0.13100263852242744063, rel=1e-12)


def test_a_partial_sale_removes_the_average_cost_and_a_split_keeps_the_investment() -> None:
    entries = [
        _buy(D(2024, 1, 2), "10", "100"),
        _buy(D(2024, 1, 12), "10", "130"),
        LedgerEntry("split", D(2024, 1, 15), Decimal(2), ratio=Fraction(2)),
        _sell(D(2024, 1, 22), "10", "70"),  # 10 of 40 shares after the split: a quarter of 2300
    ]
    steps = investment_steps(entries)
    assert [value for _, value in steps] == [1000, 2300, 2300, Fraction(1725)]
    # 1000 x 10 days + 2300 x 10 days + 1725 x 10 days, over 30 days.
    assert time_weighted_investment(steps, D(2024, 2, 1)) == pytest.approx((10000 + 23000 + 17250) / 30)
    assert roai(net_pl=5.0, fees=0.0, investments=[None]) == (None, None, None)


# --- TWR, simple return, MWR ------------------------------------------------------------------------------------------


def _deposit_mid_period() -> list[Day]:
    # 1000 in on day 1 (fee 10), worth 1100 on day 2, 1000 more in (fee 10) on day 3 and 2310 at its close, 100 out
    # (net of a fee of 5) on day 4 with 2200 left.
    return [
        Day(D(2024, 1, 2), 1000.0, contribution=1010.0, fees_in=10.0),
        Day(D(2024, 1, 3), 1100.0),
        Day(D(2024, 1, 4), 2310.0, contribution=1010.0, fees_in=10.0),
        Day(D(2024, 1, 5), 2200.0, distribution=100.0, fees_out=5.0),
    ]


def test_twr_net_and_gross_chain_the_daily_returns() -> None:
    days = _deposit_mid_period()
    net = (1000 / 1010) * (1100 / 1000) * (2310 / (1100 + 1010)) * ((2200 + 100) / 2310) - 1
    gross = (1000 / 1000) * (1100 / 1000) * (2310 / (1100 + 1000)) * ((2200 + 105) / 2310) - 1
    assert twr(days) == pytest.approx(net, rel=1e-12)
    assert twr(days, gross=True) == pytest.approx(gross, rel=1e-12)
    assert twr([]) is None


def test_simple_return_is_gain_over_money_put_in() -> None:
    days = _deposit_mid_period()
    assert simple_return(days) == pytest.approx((2200 + 100 - 2020) / 2020)
    assert simple_return(days, gross=True) == pytest.approx((2200 + 105 - 2000) / 2000)
    assert simple_return([Day(D(2024, 1, 2), 0.0)]) is None


def test_money_weighted_is_xirr_of_the_flows_portfolio_performance_case() -> None:
    # Portfolio Performance's IRRTest.testComplexExcelTestCaseWithSlowCurve: Excel's XIRR 0.1444629967.
    dates = [D(2002, 11, 30), D(2007, 6, 11), D(2008, 5, 11), D(2009, 5, 1), D(2010, 6, 1), D(2011, 5, 2)]
    dates += [D(2012, 4, 30), D(2012, 12, 6)]
    paid_out = [200.0, 270.0, 280.0, 280.0, 300.0, 330.0]
    days = [Day(dates[0], 4398.0, contribution=4398.0)]
    days += [Day(date, 4398.0, distribution=amount) for date, amount in zip(dates[1:-1], paid_out, strict=True)]
    days.append(Day(dates[-1], 14508.0))
    value, reason = money_weighted(days)
    assert reason is None
    assert value == pytest.approx(0.1444629967, abs=1e-4)
    assert value == pytest.approx(pyxirr.xirr(dates, [-4398.0, *paid_out, 14508.0]), rel=1e-8)


def test_money_weighted_over_a_window_starts_from_the_start_value() -> None:
    # Portfolio Performance's IRRTest.testSimpleExcelTestCase: -200 on 2010-01-01, 210 on 2010-12-31: 0.050140747.
    value, _ = money_weighted([Day(D(2010, 12, 31), 210.0)], start_value=200.0, start_date=D(2010, 1, 1))
    assert value == pytest.approx(0.050140747, abs=1e-8)
    days = _deposit_mid_period()
    gross, _ = money_weighted(days, gross=True)
    expected = pyxirr.xirr([d.date for d in days[:3:2]] + [days[3].date] * 2, [-1000.0, -1000.0, 105.0, 2200.0])
    assert gross == pytest.approx(expected, rel=1e-8)


# --- period P/L -------------------------------------------------------------------------------------------------------


def test_period_starts() -> None:
    friday = D(2024, 3, 15)
    assert period_start("1d", friday) == friday
    assert period_start("wtd", friday) == D(2024, 3, 11)
    assert period_start("mtd", friday) == D(2024, 3, 1)
    assert period_start("ytd", friday) == D(2024, 1, 1)
    assert period_start("1y", friday) == D(2023, 3, 16)
    assert period_start("1y", D(2024, 2, 29)) == D(2023, 3, 1)
    assert period_start("since_start", friday) is None


def test_period_pl_measures_from_the_close_before_the_period() -> None:
    days = [
        Day(D(2023, 12, 29), 1000.0, contribution=1000.0),
        Day(D(2024, 3, 8), 1200.0),  # Friday before the week
        Day(D(2024, 3, 13), 1300.0, contribution=100.0),
        Day(D(2024, 3, 14), 1250.0),
        Day(D(2024, 3, 15), 1280.0, distribution=50.0),
    ]
    one_day = period_pl(days, "1d")
    assert (one_day["start"], one_day["pl"]) == (D(2024, 3, 14), pytest.approx(1280 + 50 - 1250))
    assert one_day["return"] == pytest.approx((1280 + 50) / 1250 - 1)
    week = period_pl(days, "wtd")
    assert (week["start"], week["pl"], week["complete"]) == (D(2024, 3, 8), pytest.approx(1280 - 1200 - 100 + 50), True)
    ytd = period_pl(days, "ytd")
    assert (ytd["start"], ytd["pl"]) == (D(2023, 12, 29), pytest.approx(1280 - 1000 - 100 + 50))
    year = period_pl(days, "1y")
    assert (year["start"], year["complete"]) == (D(2023, 12, 29), False)  # started inside the year
    assert year["pl"] == pytest.approx(1280 - 1100 + 50)
    assert period_pl(days, "since_start")["pl"] == year["pl"]


# --- risk -------------------------------------------------------------------------------------------------------------

RETURNS = [0.01, -0.02, 0.015, 0.003, -0.01, 0.02, -0.005]
BENCH = [0.008, -0.015, 0.01, 0.002, -0.012, 0.018, -0.001]


def test_risk_statistics_follow_the_stated_formulas() -> None:
    rf_annual = 0.02
    rf = (1 + rf_annual) ** (1 / 252) - 1
    out = risk_statistics(RETURNS, risk_free_rate=rf_annual, benchmark_returns=BENCH)
    assert out["volatility"]["value"] == pytest.approx(statistics.stdev(RETURNS) * math.sqrt(252), rel=1e-12)
    excess = [r - rf for r in RETURNS]
    sharpe = statistics.fmean(excess) / statistics.stdev(excess) * math.sqrt(252)
    assert out["sharpe"]["value"] == pytest.approx(sharpe, rel=1e-12)
    downside = math.sqrt(statistics.fmean([min(x, 0.0) ** 2 for x in excess])) * math.sqrt(252)
    assert out["sortino"]["value"] == pytest.approx(statistics.fmean(excess) * 252 / downside, rel=1e-12)
    # Growth of 1: 1.01, 0.9898, ... the deepest fall from a peak is from 1.01 to 1.01 x 0.98 (-2 %) or later.
    index, peak, deepest = 1.0, 1.0, 0.0
    for r in RETURNS:
        index *= 1 + r
        peak = max(peak, index)
        deepest = min(deepest, index / peak - 1)
    assert out["max_drawdown"]["value"] == pytest.approx(deepest, rel=1e-12)
    beta = statistics.covariance(RETURNS, BENCH) / statistics.variance(BENCH)
    assert out["beta"]["value"] == pytest.approx(beta, rel=1e-12)


def test_a_flat_benchmark_has_no_beta_and_days_without_money_are_left_out() -> None:
    flat = [0.0001] * len(RETURNS)
    flat[3] = 0.0001 + 1e-9  # the near-zero variance: beta would come out in the millions
    assert risk_statistics(RETURNS, risk_free_rate=0.0, benchmark_returns=flat)["beta"] == {
        "value": None,
        "reason": "benchmark_variance_zero",
    }
    assert risk_statistics([0.01], risk_free_rate=0.0)["volatility"]["reason"] == "too_few_returns"
    days = [
        Day(D(2024, 1, 2), 100.0, contribution=100.0),
        Day(D(2024, 1, 3), 110.0),
        Day(D(2024, 1, 4), 0.0, distribution=110.0),
        Day(D(2024, 1, 5), 0.0),  # nothing invested: no return
    ]
    assert window_returns(days, start_value=0.0) == [0.0, pytest.approx(0.1), 0.0, None]
    with_gap = risk_statistics(window_returns(days, start_value=0.0), risk_free_rate=0.0)
    assert with_gap["volatility"]["value"] == pytest.approx(statistics.stdev([0.0, 0.1, 0.0]) * math.sqrt(252))
