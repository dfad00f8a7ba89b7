"""What `make run` does before starting the processes, in one Django process (scripts/run.sh runs it from backend/).

Each step is skipped when it has nothing to do, so a warm start costs one Django set-up: migrate only when a
migration is unapplied, collectstatic only when the static sources changed (a stamp in STATIC_ROOT), the demo
universe only on an empty database; the beat schedule is always brought up to date (idempotent, one query each).
Writes the demo login, `<username> <password>`, to the file named by its one argument (for run.sh's banner).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

import django


def _pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _static_sources_hash() -> str:
    """Names, sizes and change times of every file collectstatic would copy: changes when any of them does."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collect_static() -> None:
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / ".sources-sha256"
    current = _static_sources_hash()
    if stamp.is_file() and stamp.read_text() == current:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(current)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from django.core.management import call_command

    from portfolios.demo import DEMO_PASSWORD, DEMO_USERNAME
    from stocks.models import Stock

    if _pending_migrations():
        call_command("migrate", interactive=False, verbosity=0)
    _collect_static()
    if not Stock.objects.exists():
        print("Loading the demo universe (first start only)...", flush=True)
        call_command("load_demo_data")
    call_command("setup_schedule")
    Path(sys.argv[1]).write_text(f"{DEMO_USERNAME} {DEMO_PASSWORD}\n")


if __name__ == "__main__":
    main()
