"""5-minute bars are planned only for symbols someone holds, watches or is viewing, and refresh status says why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from portfolios.models import Holding
from stocks.models import IngestionState, IngestionStatus, IngestionStep, Stock
from stocks.schedule import Dataset
from stocks.services import planner
from stocks.services.planner import (
    TIER_HELD,
    TIER_OTHER,
    TIER_WATCHED,
    Budget,
    Candidate,
    refresh_plan,
    refresh_plan_run,
)
from tests.factories import StockFactory, UserFactory

UTC = dt.UTC
OPEN_MINUTE = dt.datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10:00 New York
AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=UTC)
URL = "/api/v1/stocks/api/refresh-status/"
UNLIMITED = Budget(unlimited=True)


def intraday(symbol: str, tier: int, *, viewing: bool = False, as_of: dt.datetime | None = None) -> Candidate:
    return Candidate(symbol, Dataset.INTRADAY, as_of, tier=tier, users=int(tier < TIER_OTHER), viewing=viewing)


CANDIDATES = [
    intraday("HELD", TIER_HELD),
    intraday("WATCH", TIER_WATCHED),
    intraday("SEEN", TIER_OTHER, viewing=True),
    intraday("NOBODY", TIER_OTHER),
]


@pytest.mark.parametrize(
    "budget",
    [UNLIMITED, Budget(unlimited=False, remaining_today=100, limit_per_day=100, per_cycle=10)],
    ids=["unlimited", "finite"],
)
@pytest.mark.parametrize("now", [OPEN_MINUTE, AFTER_CLOSE], ids=["open", "after-close"])
def test_only_held_watched_or_viewed_symbols_get_intraday_bars(budget: Budget, now: dt.datetime) -> None:
    plan = refresh_plan(candidates=CANDIDATES, budget=budget, now=now)
    assert sorted(c.symbol for c in plan.picked) == ["HELD", "SEEN", "WATCH"]
    assert plan.next_refresh[("NOBODY", Dataset.INTRADAY)] is None


def test_fresh_bars_wait_for_the_next_5_minute_bar_then_for_the_next_open() -> None:
    fresh = [dataclasses.replace(c, as_of=OPEN_MINUTE) for c in CANDIDATES]
    plan = refresh_plan(candidates=fresh, budget=UNLIMITED, now=OPEN_MINUTE + dt.timedelta(minutes=2))
    assert plan.picked == []
    assert plan.next_refresh[("HELD", Dataset.INTRADAY)] == OPEN_MINUTE + dt.timedelta(minutes=5)
    # Fetched once after the close; then nothing until the first bar of the next session (Friday, a half day).
    after = [dataclasses.replace(c, as_of=AFTER_CLOSE) for c in CANDIDATES]
    plan = refresh_plan(candidates=after, budget=UNLIMITED, now=AFTER_CLOSE + dt.timedelta(hours=1))
    assert plan.picked == []
    assert plan.next_refresh[("HELD", Dataset.INTRADAY)] == dt.datetime(2026, 11, 27, 14, 35, tzinfo=UTC)


def test_on_a_finite_quota_quotes_and_daily_bars_come_before_intraday_bars() -> None:
    candidates = [
        Candidate("HELD", Dataset.QUOTE, None, tier=TIER_HELD, users=1),
        Candidate("HELD", Dataset.DAILY, None, tier=TIER_HELD, users=1),
        intraday("HELD", TIER_HELD),
    ]
    budget = Budget(unlimited=False, remaining_today=100, limit_per_day=100, per_cycle=2)
    plan = refresh_plan(candidates=candidates, budget=budget, now=OPEN_MINUTE)
    assert [c.dataset for c in plan.picked] == [Dataset.DAILY, Dataset.QUOTE]
    assert plan.next_refresh[("HELD", Dataset.INTRADAY)] == OPEN_MINUTE + dt.timedelta(minutes=1)


@pytest.mark.django_db
@override_settings(INTRADAY_VIEWING_MINUTES=15)
def test_the_planner_service_and_refresh_status_name_why_intraday_bars_are_kept(
    api_client: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    enqueued: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "stocks.tasks.ingest_step_enqueue", lambda *, symbol, step, full=False: enqueued.append((symbol, step))
    )
    now = timezone.now()
    for symbol in ("IBM", "KO", "AAPL", "OLD"):
        stock = StockFactory.create(symbol=symbol, quote_fetched_at=now, overview_fetched_at=now)
        for step in IngestionStep:
            if step not in (IngestionStep.QUOTE, IngestionStep.OVERVIEW, IngestionStep.INTRADAY):
                IngestionStatus.objects.create(stock=stock, step=step, state=IngestionState.DONE, finished_at=now)
    Holding.objects.create(user=UserFactory.create(), stock_id="IBM", quantity=Decimal(3), average_price=Decimal(90))
    Stock.objects.filter(pk="KO").update(intraday_viewed_at=now - dt.timedelta(minutes=5))
    Stock.objects.filter(pk="OLD").update(intraday_viewed_at=now - dt.timedelta(minutes=20))  # left the page

    with django_capture_on_commit_callbacks(execute=True):
        refresh_plan_run(now=now)
    assert sorted(s for s, step in enqueued if step == "intraday") == ["IBM", "KO"]

    by_symbol = {entry["symbol"]: entry for entry in api_client.get(URL).json()["symbols"]}
    assert by_symbol["IBM"]["intraday_interest"] == ["held"]
    assert by_symbol["KO"]["intraday_interest"] == ["viewing"]
    assert by_symbol["AAPL"]["intraday_interest"] == []
    assert by_symbol["OLD"]["intraday_interest"] == []
    assert by_symbol["AAPL"]["datasets"]["intraday"]["next_refresh"] is None
    assert by_symbol["IBM"]["datasets"]["intraday"]["next_refresh"] is not None


def test_candidates_carry_interest_reasons() -> None:
    assert intraday("X", TIER_WATCHED, viewing=True).intraday_interest == ["watched", "viewing"]
    assert planner.Candidate("X", Dataset.INTRADAY, None).intraday_interest == []
