"""Periodic Celery tasks woken by beat: thin wrappers around the planner and the portfolio-value snapshot."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from stocks.realtime import portfolio_value_snapshot_take
from stocks.schedule import is_market_open
from stocks.services.planner import refresh_plan_run

PORTFOLIO_SLOT = dt.timedelta(minutes=5)


@shared_task(name="stocks.periodic.refresh_plan_tick", queue="high")
def refresh_plan_tick() -> dict[str, int]:
    """One planner cycle: enqueue one ingestion task per (symbol, dataset) that is due and affordable."""
    plan = refresh_plan_run()
    return {"planned": len(plan.picked), "calls": plan.calls}


@shared_task(name="stocks.periodic.portfolio_values_tick", queue="default")
def portfolio_values_tick() -> int:
    """Every 5 minutes in market hours (always with DEMO_CLOCK): one snapshot task per user holding something."""
    now = timezone.now()
    if not (settings.DEMO_CLOCK or is_market_open(now)):
        return 0
    step = PORTFOLIO_SLOT.total_seconds()
    slot = dt.datetime.fromtimestamp(now.timestamp() // step * step, tz=dt.UTC)
    holding = apps.get_model("portfolios", "Holding")
    user_ids = holding.objects.filter(quantity__gt=0).values_list("user_id", flat=True).distinct()
    for user_id in user_ids:
        portfolio_value_snapshot.delay(user_id, slot.isoformat())
    return len(user_ids)


@shared_task(name="stocks.periodic.portfolio_value_snapshot", queue="default")
def portfolio_value_snapshot(user_id: int, slot: str) -> bool:
    """Record and push one user's portfolio value for a 5-minute slot; a redelivery of the same slot is a no-op."""
    return portfolio_value_snapshot_take(user_id=user_id, slot=dt.datetime.fromisoformat(slot)) is not None
