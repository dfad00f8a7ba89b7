"""Migrations keep the ledger: splits stored as rounded decimals become exact whole-number ratios."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fresh_database import ENGINES, fresh_database, manage

RATIOS = {"0.333333": (1, 3), "4": (4, 1), "1.5": (3, 2), "0.1": (1, 10), "1.0001": (10001, 10000)}

# A ledger written before 0002: splits hold their ratio as a rounded decimal quantity.
WRITE_BEFORE = f"""
import datetime as dt
from decimal import Decimal
from django.db import connection
from django.db.migrations.loader import MigrationLoader
apps = MigrationLoader(connection).project_state(("portfolios", "0001_initial")).apps
user = apps.get_model("users", "User").objects.create(username="kim", email="kim@example.com")
stock = apps.get_model("stocks", "Stock").objects.create(symbol="AAPL")
holding = apps.get_model("portfolios", "Holding").objects.create(user=user, stock=stock)
made = apps.get_model("portfolios", "Transaction").objects
day = dt.date(2024, 1, 2)
made.create(holding=holding, kind="buy", date=day, quantity=Decimal(20), price=Decimal(50))
for written in {list(RATIOS)!r}:
    made.create(holding=holding, kind="split", date=day, quantity=Decimal(written))
"""
READ_AFTER = """
from portfolios.models import Transaction
for t in Transaction.objects.order_by("id"):
    print(t.kind, t.split_to, t.split_from, f"{t.quantity.normalize():f}")
"""


@pytest.fixture(params=ENGINES)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path)


def test_decimal_split_ratios_become_exact_ratios(fresh_database_url: str) -> None:
    for step in (
        ("migrate", "--no-input", "portfolios", "0001_initial"),
        ("shell", "--no-imports", "-c", WRITE_BEFORE),
        ("migrate", "--no-input"),
        ("shell", "--no-imports", "-c", READ_AFTER),
    ):
        result = manage(*step, database_url=fresh_database_url)
        assert result.returncode == 0, f"{step[0]}: {result.stderr}"
    lines = result.stdout.split("\n")
    assert lines[0] == "buy None None 20"
    assert [tuple(line.split()[1:3]) for line in lines[1:] if line] == [(str(a), str(b)) for a, b in RATIOS.values()]
