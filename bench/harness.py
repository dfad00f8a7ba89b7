"""What the server benchmarks share: a fresh PostgreSQL database, Django set up on it, uvicorn started and stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BACKEND = ROOT / "backend"
PYTHON = ROOT / ".venv" / "bin" / "python"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def fresh_database_env(name: str, **extra: str) -> dict[str, str]:
    """Drop and create database `name` on the benchmark's PostgreSQL server; the environment that points at it."""
    base_db = (
        os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/postgres"
    )
    if not base_db.startswith("postgres"):
        sys.exit(f"{Path(sys.argv[0]).name} measures on PostgreSQL: set BENCH_DATABASE_URL or DATABASE_URL.")
    import psycopg

    with psycopg.connect(_with_database(base_db, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": _with_database(base_db, name),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


def django_setup(env: dict[str, str]) -> None:
    """Set Django up in this process against `env`'s database and migrate it."""
    os.environ.update(env)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def uvicorn_start(env: dict[str, str], port: int, *args: str) -> subprocess.Popen[bytes]:
    """Start `uvicorn config.asgi:application` on `port` in its own process group."""
    return subprocess.Popen(
        [str(PYTHON), "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=BACKEND,
        env=env,
        start_new_session=True,
    )


def wait_healthy(processes: list[subprocess.Popen[bytes]], ports: list[int], seconds: float) -> None:
    """Wait until every port answers /healthz; stop the processes and exit if one does not in time."""
    deadline = time.monotonic() + seconds
    for port in ports:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    stop(processes)
                    sys.exit(f"uvicorn on port {port} did not answer /healthz within {seconds:.0f} s")
                time.sleep(0.3)


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process group, SIGKILL what has not exited after 15 s."""
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
