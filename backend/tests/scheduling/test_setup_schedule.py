"""`setup_schedule` installs the beat entries into the database scheduler, idempotently, keeping admin choices."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

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
    assert values.task == "stocks.periodic.portfolio_values_tick"
    assert values.crontab is not None
    assert values.crontab.minute == "*/5"

    PeriodicTask.objects.filter(name="portfolio-values").update(enabled=False)
    out = StringIO()
    call_command("setup_schedule", stdout=out)
    assert PeriodicTask.objects.get(name="portfolio-values").enabled is False
    assert "portfolio-values: stocks.periodic.portfolio_values_tick on queue default" in out.getvalue()
    assert "disabled" in out.getvalue()
