"""Which "running" ingestion steps lost their worker: started longer ago than the broker's visibility timeout."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from stocks.models import IngestionState


def stalled_before(now: dt.datetime) -> dt.datetime:
    """A step still running that started before this has outlived any task: its worker died (the broker hands the
    task to another worker after the visibility timeout, which starts it again)."""
    return now - dt.timedelta(seconds=settings.TASK_VISIBILITY_TIMEOUT_SECONDS)


def step_stalled(*, state: str, started_at: dt.datetime | None, now: dt.datetime) -> bool:
    return state == IngestionState.RUNNING and started_at is not None and started_at < stalled_before(now)
