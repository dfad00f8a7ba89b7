"""The pure refresh planner: budget never exceeded, held symbols first, quotes paced to the session."""

from __future__ import annotations

import dataclasses
import datetime as dt

from stocks.schedule import Dataset
from stocks.services.planner import TIER_HELD, TIER_OTHER, TIER_WATCHED, Budget, Candidate, refresh_plan

UTC = dt.UTC
OPEN_MINUTE = dt.datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10:00 EST
FRESH = dt.datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # everything but quotes already fetched today


def universe(
    *, held: list[str], watched: list[str], other: list[str], quote_at: dt.datetime | None = None
) -> list[Candidate]:
    candidates = []
    for tier, symbols in ((TIER_HELD, held), (TIER_WATCHED, watched), (TIER_OTHER, other)):
        for symbol in symbols:
            for dataset in Dataset:
                as_of = quote_at if dataset is Dataset.QUOTE else FRESH
                candidates.append(Candidate(symbol, dataset, as_of, tier=tier, users=1 if tier < 2 else 0))
    return candidates


def test_finite_quota_is_never_exceeded_over_a_whole_session_and_held_symbols_come_first() -> None:
    candidates = universe(held=["AAPL", "MSFT"], watched=["NVDA"], other=["IBM", "KO"])
    remaining = 25
    spent_by_symbol: dict[str, int] = {}
    now = dt.datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
    close = dt.datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
    while now < close:
        plan = refresh_plan(
            candidates=candidates,
            budget=Budget(unlimited=False, remaining_today=remaining, limit_per_day=25, per_cycle=5),
            now=now,
        )
        assert plan.calls <= min(remaining, 5)
        remaining -= plan.calls
        picked = {(c.symbol, c.dataset) for c in plan.picked}
        for symbol, _ in picked:
            spent_by_symbol[symbol] = spent_by_symbol.get(symbol, 0) + 1
        candidates = [dataclasses.replace(c, as_of=now) if (c.symbol, c.dataset) in picked else c for c in candidates]
        now += dt.timedelta(minutes=1)
    assert remaining >= 0
    # Calls were kept for the three daily closes after the session, and nobody else got intraday quotes.
    assert remaining >= 3
    assert set(spent_by_symbol) == {"AAPL", "MSFT", "NVDA"}
    # Paced over the session rather than spent in the first minutes.
    assert spent_by_symbol["AAPL"] >= 5


def test_held_before_watched_before_others_when_the_cycle_budget_is_short() -> None:
    candidates = universe(held=["ZZZ"], watched=["MMM"], other=["AAA"], quote_at=None)
    stale = [dataclasses.replace(c, as_of=None) if c.dataset is Dataset.DAILY else c for c in candidates]
    plan = refresh_plan(
        candidates=stale,
        budget=Budget(unlimited=False, remaining_today=100, limit_per_day=100, per_cycle=3),
        now=OPEN_MINUTE,
    )
    assert [c.symbol for c in plan.picked] == ["ZZZ", "ZZZ", "MMM"]
    assert plan.calls == 3
    # Due but left for the next cycle: the status endpoint says "next minute", not "never".
    assert plan.next_refresh[("MMM", Dataset.QUOTE)] == OPEN_MINUTE + dt.timedelta(minutes=1) or plan.next_refresh[
        ("MMM", Dataset.DAILY)
    ] == OPEN_MINUTE + dt.timedelta(minutes=1)
    assert plan.next_refresh[("AAA", Dataset.DAILY)] == OPEN_MINUTE + dt.timedelta(minutes=1)


def test_statements_cost_three_calls_and_wait_when_only_two_are_left() -> None:
    candidates = [Candidate("IBM", Dataset.FINANCIALS, None, tier=TIER_HELD, users=1)]
    plan = refresh_plan(
        candidates=candidates,
        budget=Budget(unlimited=False, remaining_today=2, limit_per_day=25, per_cycle=5),
        now=OPEN_MINUTE,
    )
    assert plan.picked == []
    assert plan.next_refresh[("IBM", Dataset.FINANCIALS)] is None  # the day's quota cannot pay for it


def test_spent_quota_plans_nothing_and_reports_no_next_quote() -> None:
    candidates = universe(held=["AAPL"], watched=[], other=[], quote_at=None)
    plan = refresh_plan(
        candidates=candidates,
        budget=Budget(unlimited=False, remaining_today=0, limit_per_day=25, per_cycle=5),
        now=OPEN_MINUTE,
    )
    assert plan.picked == []
    assert plan.calls == 0
    assert plan.next_refresh[("AAPL", Dataset.QUOTE)] is None


def test_unlimited_provider_quotes_every_symbol_every_minute_in_market_hours() -> None:
    candidates = universe(
        held=["AAPL"], watched=[], other=["IBM", "KO"], quote_at=OPEN_MINUTE - dt.timedelta(seconds=58)
    )
    plan = refresh_plan(candidates=candidates, budget=Budget(unlimited=True), now=OPEN_MINUTE)
    assert {c.symbol for c in plan.picked if c.dataset is Dataset.QUOTE} == {"AAPL", "IBM", "KO"}
    # A quote stored 10 seconds ago is not refetched; its next refresh is a minute after it.
    recent = [dataclasses.replace(c, as_of=OPEN_MINUTE - dt.timedelta(seconds=10)) for c in candidates]
    plan = refresh_plan(candidates=recent, budget=Budget(unlimited=True), now=OPEN_MINUTE)
    assert not [c for c in plan.picked if c.dataset is Dataset.QUOTE]
    assert plan.next_refresh[("IBM", Dataset.QUOTE)] == OPEN_MINUTE + dt.timedelta(seconds=50)


def test_closed_market_takes_one_final_quote_then_waits_for_the_open() -> None:
    saturday = dt.datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    before_close = universe(held=[], watched=[], other=["IBM"], quote_at=dt.datetime(2026, 11, 27, 17, 55, tzinfo=UTC))
    plan = refresh_plan(candidates=before_close, budget=Budget(unlimited=True), now=saturday)
    assert [(c.symbol, c.dataset) for c in plan.picked if c.dataset is Dataset.QUOTE] == [("IBM", Dataset.QUOTE)]
    after_close = [dataclasses.replace(c, as_of=saturday) for c in before_close]
    plan = refresh_plan(candidates=after_close, budget=Budget(unlimited=True), now=saturday + dt.timedelta(minutes=1))
    assert plan.next_refresh[("IBM", Dataset.QUOTE)] == dt.datetime(2026, 11, 30, 14, 30, tzinfo=UTC)


def test_demo_clock_keeps_quotes_ticking_outside_market_hours_for_an_unlimited_provider() -> None:
    saturday = dt.datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    candidates = universe(held=[], watched=[], other=["IBM"], quote_at=saturday - dt.timedelta(seconds=20))
    plan = refresh_plan(
        candidates=candidates,
        budget=Budget(unlimited=True),
        now=saturday,
        demo_clock=True,
        demo_period=dt.timedelta(seconds=20),
    )
    assert [c.symbol for c in plan.picked if c.dataset is Dataset.QUOTE] == ["IBM"]
    # The demo clock never spends a finite quota.
    finite = refresh_plan(
        candidates=candidates,
        budget=Budget(unlimited=False, remaining_today=25, limit_per_day=25, per_cycle=5),
        now=saturday,
        demo_clock=True,
    )
    assert not [c for c in finite.picked if c.dataset is Dataset.QUOTE]


def test_daily_weekly_and_statements_are_planned_on_their_schedule() -> None:
    # Monday 16:25 EST: Monday's bar is published, the weekly bars were fetched Saturday, statements this month.
    now = dt.datetime(2026, 11, 30, 21, 25, tzinfo=UTC)
    saturday_fetch = dt.datetime(2026, 11, 28, 11, 5, tzinfo=UTC)
    candidates = [
        Candidate("IBM", Dataset.DAILY, dt.datetime(2026, 11, 27, 18, 30, tzinfo=UTC)),
        Candidate("IBM", Dataset.WEEKLY, saturday_fetch),
        Candidate("IBM", Dataset.FINANCIALS, dt.datetime(2026, 11, 2, tzinfo=UTC)),
        Candidate("IBM", Dataset.OVERVIEW, None),
    ]
    plan = refresh_plan(candidates=candidates, budget=Budget(unlimited=True), now=now)
    assert {c.dataset for c in plan.picked} == {Dataset.DAILY, Dataset.OVERVIEW}
    assert plan.next_refresh[("IBM", Dataset.WEEKLY)] == dt.datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
    assert plan.next_refresh[("IBM", Dataset.FINANCIALS)] == dt.datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def test_blocked_refreshes_wait_for_their_time() -> None:
    retry_at = OPEN_MINUTE + dt.timedelta(minutes=7)
    candidates = [Candidate("IBM", Dataset.DAILY, None, tier=TIER_HELD, users=2, blocked_until=retry_at)]
    plan = refresh_plan(candidates=candidates, budget=Budget(unlimited=True), now=OPEN_MINUTE)
    assert plan.picked == []
    assert plan.next_refresh[("IBM", Dataset.DAILY)] == retry_at


def test_splits_and_dividends_are_refreshed_monthly_for_two_calls() -> None:
    now = dt.datetime(2026, 11, 30, 21, 25, tzinfo=UTC)
    daily = Candidate("IBM", Dataset.DAILY, now - dt.timedelta(minutes=5))
    fetched_this_month = Candidate("IBM", Dataset.CORPORATE_ACTIONS, dt.datetime(2026, 11, 2, tzinfo=UTC))
    plan = refresh_plan(candidates=[daily, fetched_this_month], budget=Budget(unlimited=True), now=now)
    assert plan.picked == []
    assert plan.next_refresh[("IBM", Dataset.CORPORATE_ACTIONS)] == dt.datetime(2026, 12, 1, 11, 0, tzinfo=UTC)

    last_month = dataclasses.replace(fetched_this_month, as_of=dt.datetime(2026, 10, 30, tzinfo=UTC))
    plan = refresh_plan(
        candidates=[daily, last_month],
        budget=Budget(unlimited=False, remaining_today=10, limit_per_day=25, per_cycle=5),
        now=now,
    )
    assert [(c.dataset, plan.calls) for c in plan.picked] == [(Dataset.CORPORATE_ACTIONS, 2)]
    one_call_left = refresh_plan(
        candidates=[daily, last_month],
        budget=Budget(unlimited=False, remaining_today=1, limit_per_day=25, per_cycle=5),
        now=now,
    )
    assert one_call_left.picked == []


def test_splits_and_dividends_wait_until_the_symbol_has_daily_bars() -> None:
    # Events are checked against the stored prices: a new symbol gets its prices first.
    candidates = [Candidate("NEW", Dataset.DAILY, None), Candidate("NEW", Dataset.CORPORATE_ACTIONS, None)]
    plan = refresh_plan(candidates=candidates, budget=Budget(unlimited=True), now=OPEN_MINUTE)
    assert [c.dataset for c in plan.picked] == [Dataset.DAILY]
    assert plan.next_refresh[("NEW", Dataset.CORPORATE_ACTIONS)] is None
