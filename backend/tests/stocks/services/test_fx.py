"""Exchange rates on the embedded default (simulated), from a CSV file, and the planner's share: only the pairs users
need, once per trading day, one call each from the calls the stock refreshes leave over, never queued twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from stocks.models import FxPair, FxRate
from stocks.providers.errors import ProviderNotFound
from stocks.providers.simulated.fx import USD_PER_UNIT
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.services import fx
from stocks.services.fx import fx_pair_ingest, fx_refresh_plan_run
from stocks.services.planner import Budget
from tests.factories import StockFactory, UserFactory
from tests.portfolios.factories import HoldingFactory
from tests.stocks.providers.alphavantage.conftest import RECORDINGS

pytestmark = pytest.mark.django_db

WEDNESDAY_AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(fx, "_enqueue", lambda due: sent.extend(due))
    return sent


def test_simulated_rates_are_deterministic_near_their_anchor_and_append_stable(simulated: SimulatedProvider) -> None:
    chf = simulated.fx_daily("CHF", "USD", "full")
    assert chf == SimulatedProvider(seed=42, clock=lambda: WEDNESDAY_AFTER_CLOSE).fx_daily("CHF", "USD", "full")
    assert chf.observations[0].date == dt.date(2000, 1, 3)
    assert chf.observations[-1].date == dt.date(2026, 11, 25)
    assert all(o.date.weekday() < 5 for o in chf.observations)
    assert all(0.8 < float(o.rate) / USD_PER_UNIT["CHF"] < 1.25 for o in chf.observations)
    later = SimulatedProvider(seed=42, clock=lambda: WEDNESDAY_AFTER_CLOSE + dt.timedelta(days=7))
    assert later.fx_daily("CHF", "USD", "full").observations[: len(chf.observations)] == chf.observations
    compact = simulated.fx_daily("CHF", "USD")
    assert compact.observations == chf.observations[-100:]
    # A cross rate is the ratio of the two dollar rates of the day (each stored to ten decimals: KRW/USD keeps
    # seven significant digits, so the ratio of the stored rates agrees to about 1e-7).
    krw = {o.date: o.rate for o in simulated.fx_daily("KRW", "USD", "full").observations}
    cross = simulated.fx_daily("CHF", "KRW", "full").observations[-1]
    assert float(cross.rate) == pytest.approx(float(chf.observations[-1].rate / krw[cross.date]), rel=1e-6)
    with pytest.raises(ProviderNotFound, match="No simulated exchange rate for ZAR"):
        simulated.fx_daily("ZAR", "USD")


def test_simulated_rates_are_stored_labelled_simulated(simulated: SimulatedProvider) -> None:
    result = fx_pair_ingest(base="KRW", quote="USD", provider=simulated)
    assert result.rows_written == FxRate.objects.filter(base="KRW", source="simulated").count() > 6000


def test_only_the_currencies_users_need_are_planned_once_per_day_within_the_quota(
    queued: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    korean = UserFactory(base_currency="KRW")
    HoldingFactory(
        user=korean, stock=StockFactory(symbol="NESN", currency="CHF", overview_fetched_at=WEDNESDAY_AFTER_CLOSE)
    )
    HoldingFactory(user=korean, stock=StockFactory(symbol="AAPL", currency="USD"))
    UserFactory(base_currency="JPY")  # holds nothing: no rates needed for them
    StockFactory(symbol="SAP", currency="EUR", overview_fetched_at=WEDNESDAY_AFTER_CLOSE)  # nobody holds it
    # Without an overview the currency is the default, USD, whatever the column says: no GBP rates.
    HoldingFactory(user=korean, stock=StockFactory(symbol="VOD", currency="GBP"))
    budget = Budget(unlimited=False, remaining_today=10, limit_per_day=25, per_cycle=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert fx_refresh_plan_run(budget=budget, calls_used=4, now=WEDNESDAY_AFTER_CLOSE) == ["CHF/USD"]
    with django_capture_on_commit_callbacks(execute=True):
        later = WEDNESDAY_AFTER_CLOSE + dt.timedelta(minutes=1)
        assert fx_refresh_plan_run(budget=budget, calls_used=0, now=later) == ["KRW/USD"]
    assert fx_refresh_plan_run(budget=budget, calls_used=0, now=WEDNESDAY_AFTER_CLOSE + dt.timedelta(minutes=2)) == []
    assert queued == [("CHF", "USD"), ("KRW", "USD")]
    spent = Budget(unlimited=False, remaining_today=1, limit_per_day=25, per_cycle=5)
    FxPair.objects.update(requested_at=None)
    assert fx_refresh_plan_run(budget=spent, calls_used=1, now=WEDNESDAY_AFTER_CLOSE) == []


def test_a_fetched_pair_is_due_again_after_the_next_daily_close(queued: list[Any]) -> None:
    HoldingFactory(
        user=UserFactory(), stock=StockFactory(symbol="NESN", currency="CHF", overview_fetched_at=WEDNESDAY_AFTER_CLOSE)
    )
    FxPair.objects.create(base="CHF", quote="USD", fetched_at=WEDNESDAY_AFTER_CLOSE)
    unlimited = Budget(unlimited=True)
    assert fx_refresh_plan_run(budget=unlimited, calls_used=0, now=WEDNESDAY_AFTER_CLOSE + dt.timedelta(hours=10)) == []
    thursday_after_close = dt.datetime(2026, 11, 27, 22, 30, tzinfo=dt.UTC)  # Thanksgiving is the 26th
    assert fx_refresh_plan_run(budget=unlimited, calls_used=0, now=thursday_after_close) == ["CHF/USD"]


def test_the_csv_import_command_stores_the_recorded_fx_daily_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = RECORDINGS / "FX_DAILY" / "portfoliotree-alphavantage__FX_DAILY_b7946c44.csv"
    call_command("import_fx", str(path), "--base", "eur")
    assert "EUR/USD 100 rates stored, 0 refused" in capsys.readouterr().out
    row = FxRate.objects.get(base="EUR", quote="USD", date=dt.date(2026, 5, 15))
    assert (row.rate, row.source) == (Decimal("1.1625"), "csv")


def test_the_csv_import_refuses_an_unknown_currency_and_a_file_without_rates(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="'XYZ' is not an ISO 4217 currency code"):
        call_command("import_fx", "x.csv", "--base", "XYZ")
    bad = tmp_path / "rates.csv"
    bad.write_text("day,value\n2024-01-02,1.1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="needs a date \\(or timestamp\\) and a rate \\(or close\\) column"):
        call_command("import_fx", str(bad), "--base", "CHF")
    assert FxRate.objects.count() == 0
