"""`setup_schedule` installs the beat entries into the database scheduler, idempotently, keeping admin choices
and dropping entries whose task no longer exists."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_celery_beat.models import IntervalSchedule, PeriodicTask

pytestmark = pytest.mark.django_db


def test_installs_the_planner_and_portfolio_entries_once_and_keeps_an_admin_disable(settings: Any) -> None:
    every = int(settings.CELERY_BEAT_SCHEDULE["stocks-refresh-plan"]["schedule"].total_seconds())  # 60 s
    call_command("setup_schedule", stdout=StringIO())
    call_command("setup_schedule", stdout=StringIO())
    tasks = {t.name: t for t in PeriodicTask.objects.filter(name__in=["stocks-refresh-plan", "portfolio-values"])}
    assert len(tasks) == 2
    plan = tasks["stocks-refresh-plan"]
    assert (plan.task, plan.queue, plan.interval.every if plan.interval else None) == (
        "stocks.periodic.refresh_plan_tick",
        "high",
        every,
    )
    values = tasks["portfolio-values"]
    assert values.task == "portfolios.tasks.portfolio_values_tick"
    assert values.crontab is not None
    assert values.crontab.minute == "*/5"

    PeriodicTask.objects.filter(name="portfolio-values").update(enabled=False)
    out = StringIO()
    call_command("setup_schedule", stdout=out)
    assert PeriodicTask.objects.get(name="portfolio-values").enabled is False
    assert "portfolio-values: portfolios.tasks.portfolio_values_tick on queue default" in out.getvalue()
    assert "disabled" in out.getvalue()


def test_entries_of_moved_tasks_are_updated_or_removed_and_live_ones_kept() -> None:
    """A database installed before the portfolio tasks moved from stocks.periodic to portfolios.tasks."""
    every = IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    old = "stocks.periodic.portfolio_values_tick"
    PeriodicTask.objects.create(name="portfolio-values", task=old, interval=every, queue="default")
    PeriodicTask.objects.create(name="old-snapshot", task="stocks.periodic.portfolio_value_snapshot", interval=every)
    PeriodicTask.objects.create(name="admin-ingest", task="stocks.tasks.ingest_step", interval=every, args='["KO"]')
    out = StringIO()
    call_command("setup_schedule", stdout=out)
    tasks = dict(PeriodicTask.objects.values_list("name", "task"))
    assert tasks["portfolio-values"] == "portfolios.tasks.portfolio_values_tick"
    assert "old-snapshot" not in tasks
    assert not PeriodicTask.objects.filter(task__startswith="stocks.periodic.portfolio").exists()
    assert tasks["admin-ingest"] == "stocks.tasks.ingest_step"  # a task workers still run stays as the admin set it
    assert "old-snapshot: removed, no worker knows its task stocks.periodic.portfolio_value_snapshot" in out.getvalue()
