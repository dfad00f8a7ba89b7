"""Periodic Celery task woken by beat: a thin wrapper around the refresh planner."""

from __future__ import annotations

from celery import shared_task

from stocks.services.planner import refresh_plan_run


@shared_task(name="stocks.periodic.refresh_plan_tick", queue="high")
def refresh_plan_tick() -> dict[str, int]:
    """One planner cycle: enqueue one ingestion task per (symbol, dataset) that is due and affordable."""
    plan = refresh_plan_run()
    return {"planned": len(plan.picked), "calls": plan.calls}
