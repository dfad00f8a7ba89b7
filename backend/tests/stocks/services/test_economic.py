"""Economic indicators on the embedded default (simulated) and the planner's share: once a week, six calls, only
from calls the stock refreshes leave over, never queued twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from stocks.models import EconomicIndicator, EconomicObservation
from stocks.providers.base import ECONOMIC_INDICATORS
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.services import economic
from stocks.services.economic import COLLECTED, economic_indicator_ingest, economic_refresh_plan_run
from stocks.services.planner import Budget

pytestmark = pytest.mark.django_db

# A Wednesday; the weekly boundary before it is Saturday 2026-11-21 06:00 New York time (11:00 UTC).
WEDNESDAY = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(economic, "_enqueue", lambda due: sent.extend(due))
    return sent


def test_simulated_series_are_deterministic_plausible_and_append_stable(simulated: SimulatedProvider) -> None:
    cpi = simulated.economic_indicator("CPI", "monthly")
    again = SimulatedProvider(seed=42, clock=lambda: WEDNESDAY).economic_indicator("CPI", "monthly")
    assert cpi == again
    assert cpi.unit == "index 1982-1984=100"
    assert cpi.observations[0].date == dt.date(2000, 1, 1)
    assert cpi.observations[-1].date == dt.date(2026, 10, 1)  # November has not ended on 2026-11-25
    later = SimulatedProvider(seed=42, clock=lambda: WEDNESDAY + dt.timedelta(days=10)).economic_indicator(
        "CPI", "monthly"
    )
    assert later.observations[: len(cpi.observations)] == cpi.observations
    assert len(later.observations) == len(cpi.observations) + 1
    rates = simulated.economic_indicator("FEDERAL_FUNDS_RATE", "monthly").observations
    assert all(0 < float(o.value or 0) < 12 for o in rates)
    gdp = simulated.economic_indicator("REAL_GDP", "quarterly").observations
    assert gdp[-1].date == dt.date(2026, 7, 1)
    assert [o.date.month for o in gdp[:4]] == [1, 4, 7, 10]


def test_every_collected_series_is_stored_from_the_simulated_provider(simulated: SimulatedProvider) -> None:
    for name, interval in COLLECTED:
        result = economic_indicator_ingest(name=name, interval=interval, provider=simulated)
        assert result.rows_written > 20
    assert set(EconomicIndicator.objects.values_list("name", "interval", "source")) == {
        (name, intervals[0], "simulated") for name, intervals in ECONOMIC_INDICATORS.items()
    }
    assert EconomicObservation.objects.filter(indicator__name="INFLATION").count() == 26  # 2000-2025


def test_the_planner_queues_what_is_due_with_the_calls_left_and_never_twice(
    queued: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    budget = Budget(unlimited=False, remaining_today=10, limit_per_day=25, per_cycle=5)
    with django_capture_on_commit_callbacks(execute=True):
        names = economic_refresh_plan_run(budget=budget, calls_used=3, now=WEDNESDAY)
    assert names == ["REAL_GDP", "CPI"]  # 5 calls this minute, 3 taken by the stock refreshes
    with django_capture_on_commit_callbacks(execute=True):
        rest = economic_refresh_plan_run(budget=budget, calls_used=0, now=WEDNESDAY + dt.timedelta(minutes=1))
    assert rest == ["INFLATION", "FEDERAL_FUNDS_RATE", "TREASURY_YIELD", "UNEMPLOYMENT"]
    assert economic_refresh_plan_run(budget=budget, calls_used=0, now=WEDNESDAY + dt.timedelta(minutes=2)) == []
    assert queued == list(COLLECTED)
    spent = Budget(unlimited=False, remaining_today=2, limit_per_day=25, per_cycle=5)
    EconomicIndicator.objects.update(requested_at=None)
    assert economic_refresh_plan_run(budget=spent, calls_used=2, now=WEDNESDAY) == []


def test_a_fetched_series_is_due_again_after_the_next_weekly_boundary(
    queued: list[Any], simulated: SimulatedProvider
) -> None:
    for name, interval in COLLECTED:
        economic_indicator_ingest(name=name, interval=interval, provider=simulated)
    EconomicIndicator.objects.update(fetched_at=WEDNESDAY)
    unlimited = Budget(unlimited=True)
    assert economic_refresh_plan_run(budget=unlimited, calls_used=0, now=WEDNESDAY + dt.timedelta(days=2)) == []
    saturday_after_boundary = dt.datetime(2026, 11, 28, 11, 30, tzinfo=dt.UTC)
    assert len(economic_refresh_plan_run(budget=unlimited, calls_used=0, now=saturday_after_boundary)) == 6
