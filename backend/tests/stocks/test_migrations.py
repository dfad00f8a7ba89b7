"""A fresh database on each engine passes the database checks and migrates as a user runs it; migrations keep data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fresh_database import ENGINES, fresh_database, manage

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


@pytest.fixture(params=ENGINES)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path)


def test_database_checks_pass_and_migrate_builds_a_fresh_database(fresh_database_url: str) -> None:
    checked = manage("check", "--database", "default", database_url=fresh_database_url)
    assert checked.returncode == 0, checked.stderr
    migrated = manage("migrate", "--no-input", database_url=fresh_database_url)
    assert migrated.returncode == 0, migrated.stderr


def test_a_cash_flow_amount_survives_the_column_rename(fresh_database_url: str) -> None:
    for step in (
        ("migrate", "--no-input", "stocks", "0002_provider_call"),
        ("shell", "--no-imports", "-c", INSERT_BEFORE_RENAME),
        ("migrate", "--no-input"),
        ("shell", "--no-imports", "-c", READ_AFTER_MIGRATE),
    ):
        result = manage(*step, database_url=fresh_database_url)
        assert result.returncode == 0, f"{step[0]}: {result.stderr}"
    assert result.stdout.strip() == "1234567.89"


# After 0004: a second bar of a stock on the same date is still refused on each engine (ON CONFLICT needs that
# index), and on PostgreSQL the index carries the prices for index-only bar reads.
BAR_INDEX_AFTER_MIGRATE = """
import datetime as dt
from django.db import IntegrityError, connection, transaction
from stocks.models import DailyPrice, Stock
stock = Stock.objects.create(symbol="IBM")
bar = dict(stock=stock, date=dt.date(2024, 1, 2), open_price=1, high_price=1, low_price=1, close_price=1, volume=1,
           fetched_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
DailyPrice.objects.create(**bar)
try:
    with transaction.atomic():
        DailyPrice.objects.create(**bar)
except IntegrityError:
    print("second bar refused")
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'daily_unique_stock_date'")
        print(cursor.fetchone()[0])
"""


def test_bars_stay_unique_per_stock_and_date_and_postgres_indexes_cover_the_prices(fresh_database_url: str) -> None:
    migrated = manage("migrate", "--no-input", database_url=fresh_database_url)
    assert migrated.returncode == 0, migrated.stderr
    result = manage("shell", "--no-imports", "-c", BAR_INDEX_AFTER_MIGRATE, database_url=fresh_database_url)
    assert result.returncode == 0, result.stderr
    assert "second bar refused" in result.stdout
    if fresh_database_url.startswith("postgres"):
        assert "(symbol, date) INCLUDE (open_price, high_price, low_price, close_price, volume)" in result.stdout
