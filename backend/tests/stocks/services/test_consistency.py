"""The consistency check: clean simulated data gives no finding; planted inconsistencies of each kind are found
(and ones inside the stated tolerances are not), stored, shown in the refresh status, the admin and the command."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from stocks.models import BalanceSheet, ConsistencyCheck, ConsistencyFinding, DailyPrice, WeeklyPrice
from stocks.periodic import consistency_check_tick
from stocks.services.consistency import consistency_check_run
from stocks.services.ingestion import ingestion_run
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db

REFRESH_STATUS = "/api/v1/stocks/api/refresh-status/"


@pytest.fixture
def stored(provider: ScriptedProvider) -> None:
    """KO's daily and weekly bars and statements as the simulated provider gives them (a consistent market)."""
    for step in ("daily", "weekly", "financials"):
        assert ingestion_run(symbol="KO", step=step, provider=provider).state == "done"


def _findings(run: ConsistencyCheck) -> list[tuple[str, str, dt.date | None]]:
    return list(run.findings.order_by("kind", "date").values_list("stock_id", "kind", "date"))


def _full_week(weeks_back: int) -> WeeklyPrice:
    """A stored weekly bar of a five-session week well inside the daily range."""
    bars = list(WeeklyPrice.objects.filter(stock_id="KO").order_by("-date")[weeks_back : weeks_back + 10])
    return next(
        bar
        for bar in bars
        if bar.date.weekday() == 4
        and DailyPrice.objects.filter(
            stock_id="KO", date__gt=bar.date - dt.timedelta(days=7), date__lte=bar.date
        ).count()
        == 5
    )


@contextlib.contextmanager
def _check_constraints_bypassed(table: str) -> Iterator[None]:
    """Write a bar that breaks the table's CHECK constraints, as a restore into an unconstrained schema would.

    SQLite: the connection's ignore_check_constraints pragma, switched back on afterwards (the test database's
    connection outlives the test); PostgreSQL: drop the constraints inside the test's transaction (DDL is
    transactional there, so the rollback restores them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = 1")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while deferred FK checks wait
            for name in ("low_le_open", "low_le_close", "high_ge_open", "high_ge_close"):
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT daily_{name}")
    try:
        yield
    finally:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = 0")


def test_clean_simulated_data_gives_no_finding(stored: None) -> None:
    assert DailyPrice.objects.filter(stock_id="KO").count() > 4_900
    assert WeeklyPrice.objects.filter(stock_id="KO").count() > 1_000
    assert BalanceSheet.objects.filter(stock_id="KO").count() > 10
    run = consistency_check_run()
    assert (run.symbols_checked, run.findings_count, _findings(run)) == (1, 0, [])


def test_a_weekly_bar_off_its_daily_bars_is_found_and_one_within_tolerance_is_not(stored: None) -> None:
    wrong = _full_week(20)
    planted_high = (wrong.high_price * Decimal("1.02")).quantize(Decimal("0.0001"))
    WeeklyPrice.objects.filter(pk=wrong.pk).update(high_price=planted_high)
    close_enough = _full_week(40)
    WeeklyPrice.objects.filter(pk=close_enough.pk).update(volume=int(close_enough.volume * 1.005))
    volume_off = _full_week(60)
    WeeklyPrice.objects.filter(pk=volume_off.pk).update(volume=int(volume_off.volume * 1.03))

    run = consistency_check_run()
    assert _findings(run) == [("KO", "weekly_mismatch", volume_off.date), ("KO", "weekly_mismatch", wrong.date)]
    high = ConsistencyFinding.objects.get(check_run=run, date=wrong.date)
    daily_high = max(
        DailyPrice.objects.filter(
            stock_id="KO", date__gt=wrong.date - dt.timedelta(days=7), date__lte=wrong.date
        ).values_list("high_price", flat=True)
    )
    assert high.values == {"high": {"weekly": str(planted_high), "daily": str(daily_high)}}
    assert "disagrees with its 5 daily bars on high" in high.detail


def test_an_unbalanced_balance_sheet_is_found_beyond_one_percent(stored: None) -> None:
    sheets = list(BalanceSheet.objects.filter(stock_id="KO").order_by("fiscal_date_ending"))
    off, slightly_off = sheets[0], sheets[1]
    planted_assets = (off.total_assets * Decimal("1.05")).quantize(Decimal("0.01"))
    BalanceSheet.objects.filter(pk=off.pk).update(total_assets=planted_assets)
    BalanceSheet.objects.filter(pk=slightly_off.pk).update(total_assets=slightly_off.total_assets * Decimal("1.009"))
    run = consistency_check_run()
    assert _findings(run) == [("KO", "balance_sheet_unbalanced", off.fiscal_date_ending)]
    finding = run.findings.get()
    assert finding.values["difference"] == str(planted_assets - off.total_assets)
    assert finding.values["total_assets"] == str(planted_assets)


def test_missing_sessions_are_found_as_one_gap_and_holidays_are_not(stored: None) -> None:
    # 2025-07-03 (a half day) and 2025-07-07 around Independence Day (07-04, closed) and a weekend.
    deleted = DailyPrice.objects.filter(stock_id="KO", date__in=[dt.date(2025, 7, 3), dt.date(2025, 7, 7)]).delete()
    assert deleted[0] == 2
    DailyPrice.objects.filter(stock_id="KO", date=dt.date(2025, 9, 10)).delete()
    run = consistency_check_run()
    assert _findings(run) == [
        ("KO", "missing_sessions", dt.date(2025, 7, 3)),
        ("KO", "missing_sessions", dt.date(2025, 9, 10)),
    ]
    gap = run.findings.get(date=dt.date(2025, 7, 3))
    assert gap.values == {"first": "2025-07-03", "last": "2025-07-07", "sessions": 2}


def test_a_bar_breaking_its_constraints_is_found(stored: None) -> None:
    day = dt.date(2025, 3, 12)
    bar = DailyPrice.objects.get(stock_id="KO", date=day)
    with _check_constraints_bypassed(DailyPrice._meta.db_table):
        DailyPrice.objects.filter(pk=bar.pk).update(low_price=bar.high_price + 1)
    run = consistency_check_run(symbols=["KO"])
    kinds = _findings(run)
    assert ("KO", "bar_constraint", day) in kinds
    finding = run.findings.get(kind="bar_constraint")
    assert finding.detail == "daily bar of 2025-03-12 breaks low <= open, low <= close"
    # The same broken bar also makes its week disagree with the weekly bar; nothing else is reported.
    assert {kind for _, kind, _ in kinds} <= {"bar_constraint", "weekly_mismatch"}


def test_findings_show_in_the_refresh_status_admin_and_command(
    stored: None, api_client: Any, admin_client: Any
) -> None:
    body = api_client.get(REFRESH_STATUS).json()
    assert body["consistency"]["checked_at"] is None
    assert body["consistency"]["tolerances"] == {
        "weekly_price_relative": 0.001,
        "weekly_volume_relative": 0.01,
        "balance_sheet_relative": 0.01,
    }
    DailyPrice.objects.filter(stock_id="KO", date=dt.date(2025, 9, 10)).delete()
    assert consistency_check_tick.apply().get() == {"symbols": 1, "findings": 1}

    consistency = api_client.get(REFRESH_STATUS).json()["consistency"]
    assert consistency["findings"] == 1
    assert consistency["by_kind"] == {
        "weekly_mismatch": 0,
        "balance_sheet_unbalanced": 0,
        "missing_sessions": 1,
        "bar_constraint": 0,
    }
    assert consistency["latest"] == [
        {
            "symbol": "KO",
            "kind": "missing_sessions",
            "date": "2025-09-10",
            "detail": "1 session(s) without a daily bar from 2025-09-10 to 2025-09-10",
        }
    ]
    page = admin_client.get(reverse("admin:stocks_consistencyfinding_changelist"))
    assert "1 session(s) without a daily bar" in page.content.decode()

    out = StringIO()
    call_command("check_consistency", "ko", stdout=out)
    assert "KO missing_sessions: 1 session(s) without a daily bar from 2025-09-10" in out.getvalue()
    assert "Checked 1 symbol(s): 1 finding(s)" in out.getvalue()
    assert ConsistencyCheck.objects.count() == 2


def test_the_check_is_in_the_beat_schedule_on_the_low_queue() -> None:
    entry = django_settings.CELERY_BEAT_SCHEDULE["stocks-consistency-check"]
    assert entry["task"] == "stocks.periodic.consistency_check_tick"
    assert entry["options"]["queue"] == "low"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {30})
