"""`import_events` and the CSV provider's `events/<SYMBOL>.csv`: checked against stored prices, bad rows listed."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from stocks.models import CorporateAction, IngestionStatus, Stock
from stocks.providers.csv.provider import CsvProvider
from stocks.services.ingestion import ingestion_run

pytestmark = pytest.mark.django_db

# Eight sessions of a stock that splits 4-for-1 on 2024-01-08: closes fall from about 400 to about 100.
PRICES = """timestamp,open,high,low,close,volume
2024-01-02,400,404,396,400,1000
2024-01-03,400,406,398,402,1000
2024-01-04,402,405,399,404,1000
2024-01-05,404,407,400,401,1000
2024-01-08,100,102,99,101,4000
2024-01-09,101,103,100,102,4000
2024-01-10,102,104,101,103,4000
2024-01-11,103,104,101,102,4000
"""
EVENTS = """date,kind,value
2024-01-08,split,4:1
2024-01-10,dividend,0.24
2024-01-09,split,0
2024-01-04,dividend,-0.5
2024-01-05,merger,1
2024-03-01,dividend,0.25
2024-01-03,split,2
"""


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def prices(tmp_path: Path) -> Path:
    (tmp_path / "ACME.csv").write_text(PRICES)
    run("import_prices", str(tmp_path / "ACME.csv"))
    return tmp_path


def test_events_are_imported_and_bad_rows_listed_by_event(prices: Path) -> None:
    (prices / "ACME.events.csv").write_text(EVENTS)
    version = Stock.objects.get(pk="ACME").data_version
    output = run("import_events", str(prices / "ACME.events.csv"), "--symbol", "acme")

    stored = CorporateAction.objects.filter(stock_id="ACME").order_by("ex_date")
    assert [(e.kind, e.ex_date, e.ratio, e.amount, e.source) for e in stored] == [
        ("split", dt.date(2024, 1, 8), Decimal("4.000000"), None, "csv"),
        ("dividend", dt.date(2024, 1, 10), None, Decimal("0.240000"), "csv"),
    ]
    assert "rejected ACME corporate_actions line 6: kind must be split or dividend, got 'merger'" in output
    assert "split line 4: split ratio on 2024-01-09 must be above 0, got 0" in output
    assert "dividend line 5: dividend on 2024-01-04 must not be negative, got -0.5" in output
    assert "dividend 2024-03-01 (0.25): it is dated outside the stored prices (daily 2024-01-02 to 2024-01-11" in output
    assert "split 2024-01-03 (2-for-1): the prices around it do not show it" in output
    assert "2 rows written, 5 rejected" in output
    status = IngestionStatus.objects.get(stock_id="ACME", step="corporate_actions")
    assert (status.state, status.rows_written, status.rows_rejected) == ("partial", 2, 5)
    assert Stock.objects.get(pk="ACME").data_version == version + 1

    again = run("import_events", str(prices / "ACME.events.csv"), "--symbol", "ACME")
    assert "0 rows written, 5 rejected" in again
    assert Stock.objects.get(pk="ACME").data_version == version + 1  # nothing changed


def test_a_file_that_is_not_an_events_csv_is_refused_whole(prices: Path) -> None:
    (prices / "ACME.csv").write_text(PRICES)
    with pytest.raises(CommandError, match="No file was imported"):
        run("import_events", str(prices / "ACME.csv"))
    assert CorporateAction.objects.count() == 0


def test_events_of_a_stock_without_prices_are_refused(tmp_path: Path) -> None:
    (tmp_path / "NOPE.csv").write_text(EVENTS)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_events", str(tmp_path / "NOPE.csv"), stdout=out)
    assert "no stock NOPE is stored; import its prices first" in out.getvalue()
    assert not Stock.objects.filter(pk="NOPE").exists()


def test_the_csv_provider_reads_events_next_to_the_prices(prices: Path) -> None:
    (prices / "events").mkdir()
    (prices / "events" / "ACME.csv").write_text("date,kind,value\n2024-01-08,split,4\n")
    result = ingestion_run(symbol="ACME", step="corporate_actions", provider=CsvProvider(prices))
    assert (result.state, result.rows_written) == ("done", 1)
    missing = ingestion_run(symbol="ACME", step="corporate_actions", provider=CsvProvider(prices / "elsewhere"))
    assert missing.state == "failed"
    assert "No splits/dividends file for ACME" in missing.reason
    assert CorporateAction.objects.filter(stock_id="ACME").count() == 1
