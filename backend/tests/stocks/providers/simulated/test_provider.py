"""The simulated provider: deterministic, plausible, consistent (bars, weekly aggregation, statements, events)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import BENCHMARK_SYMBOL, UNIVERSE
from stocks.schedule import calendar

# Wednesday 2026-11-25, 22:00 UTC: after that day's NYSE close.
AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)
# Thursday 2026-11-26 is Thanksgiving (closed).
HOLIDAY = dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC)
REQUIRED = (
    "AAPL MSFT NVDA AMZN GOOGL META TSLA JPM V JNJ WMT PG XOM UNH HD KO PEP DIS NFLX INTC AMD CSCO ORCL CRM BAC PFE "
    "MRK T VZ NKE SPY"
)


def provider(seed: int = 42, now: dt.datetime = AFTER_CLOSE) -> SimulatedProvider:
    return SimulatedProvider(seed=seed, clock=lambda: now)


def test_universe_has_the_well_known_tickers_with_sectors() -> None:
    symbols = {listing.symbol for listing in UNIVERSE}
    assert set(REQUIRED.split()) <= symbols
    assert len(symbols) >= 31
    assert all(listing.sector for listing in UNIVERSE if listing.symbol != BENCHMARK_SYMBOL)
    assert all(listing.description and listing.price > 0 for listing in UNIVERSE)


def test_same_seed_same_data_other_seed_other_data() -> None:
    first = provider().price_series("AAPL", "daily", "full").bars
    again = provider().price_series("AAPL", "daily", "full").bars
    other = provider(seed=43).price_series("AAPL", "daily", "full").bars
    assert first == again
    assert [b.close for b in first] != [b.close for b in other]


def test_twenty_years_of_daily_bars_ending_at_the_last_completed_session() -> None:
    bars = provider().price_series("MSFT", "daily", "full").bars
    assert bars[-1].date == dt.date(2026, 11, 25)
    assert provider(now=HOLIDAY).price_series("MSFT", "daily", "full").bars[-1].date == dt.date(2026, 11, 25)
    assert dt.date(2006, 11, 20) <= bars[0].date <= dt.date(2006, 12, 5)
    sessions = calendar().sessions_in_range(bars[0].date.isoformat(), bars[-1].date.isoformat())
    assert [b.date for b in bars] == [s.date() for s in sessions]  # every NYSE session, no weekend or holiday
    assert all(b.low <= min(b.open, b.close) and b.high >= max(b.open, b.close) and b.volume > 0 for b in bars)


def test_history_does_not_change_when_a_session_is_added() -> None:
    today = provider().price_series("KO", "daily", "full").bars
    tomorrow = provider(now=AFTER_CLOSE + dt.timedelta(days=2)).price_series("KO", "daily", "full").bars
    by_date = {b.date: b for b in tomorrow}
    assert all(by_date[b.date] == b for b in today[-1000:])


def test_compact_is_the_last_100_bars() -> None:
    full = provider().price_series("JPM", "daily", "full").bars
    assert provider().price_series("JPM", "daily", "compact").bars == full[-100:]


def test_weekly_bars_aggregate_the_week_and_are_dated_by_its_last_session() -> None:
    daily = provider().price_series("NVDA", "daily", "full").bars
    weekly = provider().price_series("NVDA", "weekly").bars
    thanksgiving_week = next(w for w in weekly if w.date == dt.date(2025, 11, 28))  # Friday half day
    days = [d for d in daily if dt.date(2025, 11, 24) <= d.date <= dt.date(2025, 11, 28)]
    assert thanksgiving_week.open == days[0].open
    assert thanksgiving_week.close == days[-1].close
    assert thanksgiving_week.high == max(d.high for d in days)
    assert thanksgiving_week.low == min(d.low for d in days)
    assert thanksgiving_week.volume == sum(d.volume for d in days)
    assert weekly[-1].date == dt.date(2026, 11, 25)  # the current, partial week ends on the last session (Wed)


def test_stocks_move_together_and_volatility_clusters() -> None:
    sim = provider().simulate(["AAPL", "MSFT", "JPM", "XOM", "SPY"])
    returns = np.diff(np.log(sim.close[:, -2000:]), axis=1)
    returns = np.clip(returns, -0.3, 0.3)  # ignore split days
    correlations = np.corrcoef(returns)[np.triu_indices(5, k=1)]
    assert correlations.mean() > 0.2
    squared = returns[4] ** 2
    autocorrelation = np.corrcoef(squared[:-1], squared[1:])[0, 1]
    assert autocorrelation > 0.05


def test_splits_show_in_raw_prices_and_as_events() -> None:
    events = provider().corporate_actions("NVDA").events
    split = next(e for e in events if e.kind == "split" and e.ex_date == dt.date(2024, 6, 10))
    assert split.value == Decimal("10.000000")
    bars = {b.date: b for b in provider().price_series("NVDA", "daily", "full").bars}
    before, after = bars[dt.date(2024, 6, 7)], bars[dt.date(2024, 6, 10)]
    assert 5 < before.close / after.close < 20  # raw prices drop about ten-fold on the ex-date
    dividends = [e for e in provider().corporate_actions("KO").events if e.kind == "dividend"]
    assert len(dividends) >= 70
    assert all(e.value > 0 for e in dividends)


def test_statements_satisfy_the_accounting_identities() -> None:
    sim = provider()
    balance = sim.balance_sheets("AAPL")
    income = sim.income_statements("AAPL")
    cash = sim.cash_flows("AAPL")
    assert len(balance.annual) >= 9
    assert len(balance.quarterly) >= 36
    for report in balance.annual + balance.quarterly:
        items = {name: value or Decimal(0) for name, value in report.items.items()}
        assert items["total_assets"] > 0
        assert items["total_assets"] == items["total_liabilities"] + items["total_shareholder_equity"]
        assert items["total_assets"] == items["total_current_assets"] + items["total_non_current_assets"]
    quarters = {(r.fiscal_year, r.fiscal_quarter): r for r in income.quarterly}
    for flows in (income, cash):
        by_quarter = {(r.fiscal_year, r.fiscal_quarter): r for r in flows.quarterly}
        for annual in flows.annual:
            four = [by_quarter[(annual.fiscal_year, q)] for q in (1, 2, 3, 4)]
            for name in ("net_income", "total_revenue", "operating_cashflow", "capital_expenditures"):
                if name in annual.items:
                    assert annual.items[name] == sum(q.items[name] for q in four)  # type: ignore[misc]
            assert four[3].fiscal_date_ending == annual.fiscal_date_ending
    apple_q1 = quarters[(2026, 1)]
    assert apple_q1.fiscal_date_ending == dt.date(2025, 12, 31)  # Apple's fiscal year ends in September
    assert income.quarterly[0].items["net_income"] == cash.quarterly[0].items["net_income"]


def test_quote_ticks_with_time_and_repeats_for_the_same_instant() -> None:
    at = AFTER_CLOSE + dt.timedelta(hours=12)
    first = provider(now=at).quote("AAPL")
    assert provider(now=at).quote("AAPL") == first
    later = provider(now=at + dt.timedelta(seconds=30)).quote("AAPL")
    assert later.price != first.price
    assert first.latest_trading_day == dt.date(2026, 11, 25)
    assert first.previous_close is not None
    assert first.change == first.price - first.previous_close


def test_a_quote_in_a_session_is_that_sessions_price_against_the_last_close() -> None:
    # Friday 2026-11-27 11:00 New York (the early-close day after Thanksgiving): Wednesday is the last closed session.
    in_session = provider(now=dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC))
    quote = in_session.quote("AAPL")
    wednesday = in_session.price_series("AAPL", "daily").bars[-1]
    assert wednesday.date == dt.date(2026, 11, 25)
    assert quote.latest_trading_day == dt.date(2026, 11, 27)
    assert quote.previous_close == wednesday.close
    assert quote.open == wednesday.close
    assert quote.change == quote.price - wednesday.close


def test_overview_and_search() -> None:
    overview = provider().overview("JNJ").fields
    assert overview["sector"] == "LIFE SCIENCES"
    assert overview["fiscal_year_end"] == "December"
    assert isinstance(overview["market_capitalization"], Decimal)
    assert overview["market_capitalization"] > 0
    assert overview["pe_ratio"] is not None
    assert {m.symbol for m in provider().search("micro")} == {"AMD", "MSFT"}
    assert provider().search("AAPL")[0].match_score == Decimal("1.0000")


def test_unknown_symbol_is_not_found() -> None:
    from stocks.providers.errors import ProviderNotFound

    with pytest.raises(ProviderNotFound):
        provider().price_series("ZZZZ", "daily")
