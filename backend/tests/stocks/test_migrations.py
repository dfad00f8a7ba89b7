"""A fresh database on each engine passes the database checks and migrates as a user runs it; migrations keep data."""

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

BACKEND = Path(__file__).resolve().parents[2]
LONG_FIELD = "proceeds_from_issuance_of_long_term_debt_and_capital_securities_net"

# The state before 0003 renamed the over-long cash-flow column: a row written there must read back after migrate.
INSERT_BEFORE_RENAME = f"""
import datetime as dt
from decimal import Decimal
from django.db import connection
from django.db.migrations.loader import MigrationLoader
apps = MigrationLoader(connection).project_state(("stocks", "0002_provider_call")).apps
stock = apps.get_model("stocks", "Stock").objects.create(symbol="IBM")
apps.get_model("stocks", "CashFlowStatement").objects.create(
    stock=stock, period_type="annual", fiscal_year=2023, fiscal_date_ending=dt.date(2023, 12, 31),
    fetched_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), {LONG_FIELD}=Decimal("1234567.89"),
)
"""
READ_AFTER_MIGRATE = f"""
from stocks.models import CashFlowStatement
print(CashFlowStatement.objects.values_list("{LONG_FIELD}", flat=True).get(stock_id="IBM"))
"""


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
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


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not POSTGRES,
                reason="needs PostgreSQL (DATABASE_URL; CI sets it): its 63-character identifier limit is checked here",
            ),
        ),
    ]
)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    else:
        yield from _fresh_postgres_database()


def test_database_checks_pass_and_migrate_builds_a_fresh_database(fresh_database_url: str) -> None:
    checked = _manage("check", "--database", "default", database_url=fresh_database_url)
    assert checked.returncode == 0, checked.stderr
    migrated = _manage("migrate", "--no-input", database_url=fresh_database_url)
    assert migrated.returncode == 0, migrated.stderr


def test_a_cash_flow_amount_survives_the_column_rename(fresh_database_url: str) -> None:
    for step in (
        ("migrate", "--no-input", "stocks", "0002_provider_call"),
        ("shell", "--no-imports", "-c", INSERT_BEFORE_RENAME),
        ("migrate", "--no-input"),
        ("shell", "--no-imports", "-c", READ_AFTER_MIGRATE),
    ):
        result = _manage(*step, database_url=fresh_database_url)
        assert result.returncode == 0, f"{step[0]}: {result.stderr}"
    assert result.stdout.strip() == "1234567.89"
