"""Periodic Celery tasks woken by beat: thin wrappers around the refresh planner, the intraday prune, the
consistency check and the collection sweep."""

from __future__ import annotations

from celery import shared_task

from stocks.services.collection import collection_requeue_sweep
from stocks.services.consistency import consistency_check_run
from stocks.services.economic import economic_refresh_plan_run
from stocks.services.fx import fx_refresh_plan_run
from stocks.services.intraday import intraday_bars_prune
from stocks.services.planner import refresh_budget_get, refresh_plan_run


@shared_task(name="stocks.periodic.refresh_plan_tick", queue="high")
def refresh_plan_tick() -> dict[str, int]:
    """One planner cycle: enqueue one ingestion task per (symbol, dataset) that is due and affordable, then the
    economic indicator series and the exchange rates users need that are due, with the calls left over."""
    plan = refresh_plan_run()
    _provider, budget = refresh_budget_get()
    economic = economic_refresh_plan_run(budget=budget, calls_used=plan.calls)
    fx = fx_refresh_plan_run(budget=budget, calls_used=plan.calls + len(economic))
    calls = plan.calls + len(economic) + len(fx)
    return {"planned": len(plan.picked) + len(economic) + len(fx), "calls": calls}


@shared_task(name="stocks.periodic.intraday_prune_tick", queue="low")
def intraday_prune_tick() -> dict[str, int]:
    """Delete 5-minute bars older than settings.INTRADAY_RETENTION_DAYS."""
    return {"deleted": intraday_bars_prune()}


@shared_task(name="stocks.periodic.consistency_check_tick", queue="low")
def consistency_check_tick() -> dict[str, int]:
    """Check every stored stock's data and store the findings (shown in the refresh status and the admin)."""
    run = consistency_check_run()
    return {"symbols": run.symbols_checked, "findings": run.findings_count}


@shared_task(name="stocks.periodic.collection_requeue_tick", queue="default")
def collection_requeue_tick() -> dict[str, int]:
    """Queue again the collections whose tasks never reached the broker (it was down when they were started)."""
    return {"requeued": len(collection_requeue_sweep())}
