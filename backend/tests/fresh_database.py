"""Fresh databases on each engine and `manage.py` run as a user runs it, for migration and check tests."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from config.settings.database import database_from_url
from tests.conftest import POSTGRES

BACKEND = Path(__file__).resolve().parents[1]


def manage(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """`manage.py` as a user runs it: default settings, the database named by DATABASE_URL, system checks on."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env={**base, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )


def _fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of this run's DATABASE_URL, dropped afterwards."""
    server = database_from_url(os.environ["DATABASE_URL"])
    host, port, user = server["HOST"] or "127.0.0.1", server["PORT"] or 5432, server["USER"] or "postgres"
    password = server.get("PASSWORD") or ""
    name = f"stockvis_checks_{secrets.token_hex(4)}"
    admin = make_conninfo(host=host, port=port, user=user, password=password, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    auth = f"{user}:{password}" if password else user
    try:
        yield f"postgres://{auth}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# Parameters for a `fresh_database_url` fixture: SQLite always, PostgreSQL when this run has it (CI does).
ENGINES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES,
            reason=(
                "needs a PostgreSQL server (DATABASE_URL; CI sets it): deployments run on PostgreSQL, whose"
                " 63-character identifiers and transactional DDL SQLite does not have; the SQLite case always runs"
            ),
        ),
    ),
]


def fresh_database(engine: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database on `engine`, removed afterwards."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    else:
        yield from _fresh_postgres_database()
