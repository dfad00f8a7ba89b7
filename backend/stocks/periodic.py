"""Periodic Celery tasks woken by beat: thin wrappers around the refresh planner and the consistency check."""

from __future__ import annotations

from celery import shared_task

from stocks.services.consistency import consistency_check_run
from stocks.services.planner import refresh_plan_run


@shared_task(name="stocks.periodic.refresh_plan_tick", queue="high")
def refresh_plan_tick() -> dict[str, int]:
    """One planner cycle: enqueue one ingestion task per (symbol, dataset) that is due and affordable."""
    plan = refresh_plan_run()
    return {"planned": len(plan.picked), "calls": plan.calls}


@shared_task(name="stocks.periodic.consistency_check_tick", queue="low")
def consistency_check_tick() -> dict[str, int]:
    """Check every stored stock's data and store the findings (shown in the refresh status and the admin)."""
    run = consistency_check_run()
    return {"symbols": run.symbols_checked, "findings": run.findings_count}
