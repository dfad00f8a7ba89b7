"""Periodic Celery tasks woken by beat: thin wrappers around the refresh planner and the intraday prune."""

from __future__ import annotations

from celery import shared_task

from stocks.services.intraday import intraday_bars_prune
from stocks.services.planner import refresh_plan_run


@shared_task(name="stocks.periodic.refresh_plan_tick", queue="high")
def refresh_plan_tick() -> dict[str, int]:
    """One planner cycle: enqueue one ingestion task per (symbol, dataset) that is due and affordable."""
    plan = refresh_plan_run()
    return {"planned": len(plan.picked), "calls": plan.calls}


@shared_task(name="stocks.periodic.intraday_prune_tick", queue="low")
def intraday_prune_tick() -> dict[str, int]:
    """Delete 5-minute bars older than settings.INTRADAY_RETENTION_DAYS."""
    return {"deleted": intraday_bars_prune()}
