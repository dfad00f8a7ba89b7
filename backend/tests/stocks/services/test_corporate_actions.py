"""Splits and dividends: stored idempotently with their source, checked against the prices around them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from stocks.models import CorporateAction, DailyPrice, IngestionState, IngestionStatus, Stock
from stocks.providers.base import CorporateActionEvent, CorporateActions
from stocks.services.ingestion import ingestion_run
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db


def stored_events(symbol: str) -> list[tuple[Any, ...]]:
    return list(
        CorporateAction.objects.filter(stock_id=symbol)
        .order_by("ex_date", "kind")
        .values_list("kind", "ex_date", "ratio", "amount", "source", "fetched_at")
    )


def version(symbol: str) -> int:
    return Stock.objects.get(pk=symbol).data_version


@pytest.fixture
def aapl(provider: ScriptedProvider) -> ScriptedProvider:
    for step in ("daily", "weekly"):
        ingestion_run(symbol="AAPL", step=step, provider=provider, full=True)
    return provider


def events_on(provider: ScriptedProvider, *events: CorporateActionEvent) -> None:
    provider.scripted["corporate_actions"] = lambda symbol: CorporateActions(symbol, list(events))


def test_simulated_splits_and_dividends_are_stored_once_with_their_source(aapl: ScriptedProvider) -> None:
    result = ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    assert (result.state, result.rows_rejected) == (IngestionState.DONE, 0)
    splits = CorporateAction.objects.filter(stock_id="AAPL", kind="split").order_by("ex_date")
    assert [(s.ex_date, s.ratio, s.source) for s in splits] == [
        (dt.date(2014, 6, 9), Decimal("7.000000"), "simulated"),
        (dt.date(2020, 8, 31), Decimal("4.000000"), "simulated"),
    ]
    assert CorporateAction.objects.filter(stock_id="AAPL", kind="dividend").count() > 70
    assert result.rows_written == CorporateAction.objects.filter(stock_id="AAPL").count()

    before, stored_version = stored_events("AAPL"), version("AAPL")
    again = ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    assert (again.state, again.rows_written) == (IngestionState.DONE, 0)
    assert stored_events("AAPL") == before  # same rows, same fetch times
    assert version("AAPL") == stored_version  # nothing changed: cached charts stay valid


def test_a_corrected_event_is_updated_and_bumps_the_data_version(aapl: ScriptedProvider) -> None:
    ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    stored_version = version("AAPL")
    dividend = CorporateAction.objects.filter(stock_id="AAPL", kind="dividend").latest("ex_date")
    corrected = CorporateActionEvent("dividend", dividend.ex_date, Decimal("0.31"))
    events_on(aapl, corrected)
    result = ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    assert result.rows_written == 1
    dividend.refresh_from_db()
    assert dividend.amount == Decimal("0.310000")
    assert version("AAPL") == stored_version + 1


def test_bad_events_are_refused_by_name_and_change_nothing_stored(aapl: ScriptedProvider) -> None:
    ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    before = stored_events("AAPL")
    closes = dict(DailyPrice.objects.filter(stock_id="AAPL").values_list("date", "close_price"))
    first, last = min(closes), max(closes)
    quiet_day = dt.date(2023, 3, 14)  # an ordinary session: no split in the prices
    good = CorporateActionEvent("dividend", dt.date(2023, 3, 15), Decimal("0.23"))
    events_on(
        aapl,
        CorporateActionEvent("split", quiet_day, Decimal(2)),
        CorporateActionEvent("split", dt.date(2020, 8, 31), Decimal(1)),  # the stored 4-for-1, "corrected" to 1
        CorporateActionEvent("dividend", last + dt.timedelta(days=30), Decimal("0.25")),
        CorporateActionEvent("split", first - dt.timedelta(days=10), Decimal(2)),
        CorporateActionEvent("dividend", dt.date(2023, 3, 16), closes[dt.date(2023, 3, 15)] + 1),
        good,
    )
    result = ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)

    assert result.state == IngestionState.PARTIAL
    reasons = {row.where: row.reason for row in result.rejected}
    assert list(reasons) == [
        "split 2023-03-14 (2-for-1)",
        "split 2020-08-31 (1-for-1)",
        f"dividend {last + dt.timedelta(days=30)} (0.25)",
        f"split {first - dt.timedelta(days=10)} (2-for-1)",
        f"dividend 2023-03-16 ({closes[dt.date(2023, 3, 15)] + 1})",
    ]
    assert "the prices around it do not show it" in reasons["split 2023-03-14 (2-for-1)"]
    assert "the prices around it do not show it" in reasons["split 2020-08-31 (1-for-1)"]
    assert "outside the stored prices" in reasons[f"dividend {last + dt.timedelta(days=30)} (0.25)"]
    assert "not below the previous close" in reasons[f"dividend 2023-03-16 ({closes[dt.date(2023, 3, 15)] + 1})"]
    after = stored_events("AAPL")
    assert [row for row in after if row[1] != good.ex_date] == before  # the 4-for-1 split kept its ratio
    assert ("dividend", good.ex_date, None, Decimal("0.230000")) in [row[:4] for row in after]
    status = IngestionStatus.objects.get(stock_id="AAPL", step="corporate_actions")
    assert (status.state, status.rows_written, status.rows_rejected) == ("partial", 1, 5)
    assert "5 rows rejected, e.g. split 2023-03-14 (2-for-1)" in status.reason


def test_an_answer_of_only_refused_events_fails_and_writes_nothing(aapl: ScriptedProvider) -> None:
    stored_version = version("AAPL")
    events_on(aapl, CorporateActionEvent("split", dt.date(2023, 3, 14), Decimal(3)))
    result = ingestion_run(symbol="AAPL", step="corporate_actions", provider=aapl)
    assert result.state == IngestionState.FAILED
    assert "all 1 events were refused, e.g. split 2023-03-14 (3-for-1)" in result.reason
    assert CorporateAction.objects.count() == 0
    assert version("AAPL") == stored_version


def test_events_of_a_symbol_without_prices_fail_without_calling_the_provider(provider: ScriptedProvider) -> None:
    result = ingestion_run(symbol="KO", step="corporate_actions", provider=provider)
    assert result.state == IngestionState.FAILED
    assert "No prices of KO are stored yet" in result.reason
    assert not [call for call in provider.calls if call[0] == "corporate_actions"]
    assert CorporateAction.objects.count() == 0
