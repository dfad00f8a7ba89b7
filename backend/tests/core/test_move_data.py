"""`move_data`: an installation moved from its SQLite file gives the same API answers; bad targets are refused."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import POSTGRES
from tests.fresh_database import ENGINES, fresh_database, manage

# The answers a user sees, read through the API of the database named by DATABASE_URL.
API_ANSWERS = """
import json
from django.core.cache import cache
from django.test import Client
cache.clear()  # a Redis cache (REDIS_URL) is shared by both runs: answer from this database only
client = Client(HTTP_HOST="localhost")
answers = {}
public = ("/api/v1/stocks/api/chart/AAPL/", "/api/v1/stocks/api/balance-sheet/AAPL/", "/api/v1/analysis/predict/AAPL/")
for path in public:
    response = client.get(path)
    answers[path] = [response.status_code, response.json()]
token = client.post(
    "/api/v1/users/token/", {"username": "demo", "password": "stockvis-demo"}, content_type="application/json"
)
for path in ("/api/v1/users/portfolio/summary/", "/api/v1/users/portfolio/transactions/"):
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token.json()['access']}")
    answers[path] = [response.status_code, response.json()]
print(json.dumps(answers, sort_keys=True))
"""
ROW_COUNTS = """
import json
from django.db import connection
from core.data_move import copied_models
print(json.dumps({m._meta.db_table: m._base_manager.count() for m in copied_models()}))
"""


def _run(*args: str, database_url: str) -> str:
    result = manage(*args, database_url=database_url)
    assert result.returncode == 0, f"{args[0]}: {result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def source_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite installation with demo data (the demo user's ledger), trained predictions and the beat schedule."""
    url = f"sqlite:///{tmp_path_factory.mktemp('source') / 'stockvis.sqlite3'}"
    for step in (
        ("migrate", "--no-input"),
        ("load_demo_data", "--symbols", "AAPL"),
        ("train_models", "AAPL"),
        ("setup_schedule",),
    ):
        _run(*step, database_url=url)
    return url


@pytest.fixture(params=ENGINES)
def target_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path)


def _counts(database_url: str) -> dict[str, int]:
    counts: dict[str, int] = json.loads(_run("shell", "--no-imports", "-c", ROW_COUNTS, database_url=database_url))
    return counts


def test_a_moved_installation_gives_the_same_api_answers(source_url: str, target_url: str) -> None:
    _run("migrate", "--no-input", database_url=target_url)
    moved = _run("move_data", "--from", source_url, "--to", target_url, database_url=target_url)
    assert "every row count and checksum agrees" in moved
    assert "DIFFERS" not in moved
    source_counts = _counts(source_url)
    assert source_counts["stocks_dailyprice"] > 1000
    assert source_counts["ml_models_modelprediction"] > 0
    assert source_counts["django_celery_beat_periodictask"] > 0
    assert _counts(target_url) == source_counts
    answers = _run("shell", "--no-imports", "-c", API_ANSWERS, database_url=source_url)
    assert json.loads(answers)["/api/v1/users/portfolio/summary/"][0] == 200
    assert _run("shell", "--no-imports", "-c", API_ANSWERS, database_url=target_url) == answers
    # New rows get fresh ids after the move (sequences reset): registering a user works.
    register = manage(
        "shell",
        "--no-imports",
        "-c",
        "from users.models import User; User.objects.create_user(username='after', password='x-y-z-123')",
        database_url=target_url,
    )
    assert register.returncode == 0, register.stderr


def test_a_target_that_holds_data_is_refused_and_left_unchanged(source_url: str, target_url: str) -> None:
    _run("migrate", "--no-input", database_url=target_url)
    _run(
        "shell",
        "--no-imports",
        "-c",
        "from users.models import User; User.objects.create_user(username='someone', password='x-y-z-123')",
        database_url=target_url,
    )
    before = _counts(target_url)
    refused = manage("move_data", "--from", source_url, "--to", target_url, database_url=target_url)
    assert refused.returncode != 0
    assert "the target already holds data in users_user (1 rows)" in refused.stderr
    assert _counts(target_url) == before


def test_a_target_at_another_migration_state_is_refused_and_nothing_written(source_url: str, target_url: str) -> None:
    _run("migrate", "--no-input", "stocks", "0002_provider_call", database_url=target_url)
    refused = manage("move_data", "--from", source_url, "--to", target_url, database_url=target_url)
    assert refused.returncode != 0
    assert "different migration states" in refused.stderr
    assert "stocks.0003" in refused.stderr
    stored = manage(
        "shell",
        "--no-imports",
        "-c",
        "from stocks.models import Stock; print(Stock.objects.count())",
        database_url=target_url,
    )
    assert stored.stdout.split() == ["0"], stored.stderr


@pytest.mark.skipif(
    not POSTGRES,
    reason="pg_dump and pg_restore back up PostgreSQL only: needs a PostgreSQL server (DATABASE_URL; CI sets it)",
)
def test_a_pg_dump_restored_into_a_fresh_database_gives_the_same_api_answers(source_url: str, tmp_path: Path) -> None:
    database = contextmanager(fresh_database)
    with database("postgresql", tmp_path) as moved, database("postgresql", tmp_path) as restored:
        _run("migrate", "--no-input", database_url=moved)
        _run("move_data", "--from", source_url, "--to", moved, database_url=moved)
        dump = tmp_path / "stockvis.dump"
        for command in (
            ["pg_dump", "-Fc", "-d", moved, "-f", str(dump)],
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
        ):
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            assert result.returncode == 0, result.stderr
        answers = _run("shell", "--no-imports", "-c", API_ANSWERS, database_url=moved)
        assert _run("shell", "--no-imports", "-c", API_ANSWERS, database_url=restored) == answers
        assert _counts(restored) == _counts(moved)
