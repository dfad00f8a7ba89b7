"""Fixtures for tests that run real ASGI servers and Celery workers against the run's PostgreSQL and Redis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REAL_SERVICES
from tests.realtime.processes import Launcher, service_env


@pytest.fixture
def launcher(tmp_path: Path) -> Iterator[Launcher]:
    if not REAL_SERVICES:
        pytest.skip(
            "needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both): separate ASGI and worker processes "
            "share quotes and tasks only through those servers"
        )
    started = Launcher(tmp_path, service_env(CELERY_VISIBILITY_TIMEOUT="5"))
    yield started
    started.stop_all()
