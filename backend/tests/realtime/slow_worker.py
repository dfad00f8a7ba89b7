"""Celery app for the kill test: the project's tasks, with a pause after a portfolio snapshot commits.

The pause sits between the commit and the ack, the window in which a killed worker would make a
non-idempotent task run twice.
"""

from __future__ import annotations

import os
import time
from typing import Any

from celery import signals

from config.celery import app

__all__ = ["app"]


@signals.worker_init.connect
def _pause_after_snapshot_commit(**kwargs: Any) -> None:
    import portfolios.services.snapshots

    push = portfolios.services.snapshots.portfolio_value_push
    pause = float(os.environ.get("SNAPSHOT_PAUSE_SECONDS", "30"))

    def slow_push(*, snapshot: Any) -> None:
        print(f"snapshot {snapshot.pk} committed, pausing", flush=True)  # the kill test waits for this line
        time.sleep(pause)
        push(snapshot=snapshot)

    portfolios.services.snapshots.portfolio_value_push = slow_push
