"""`import_prices`: many CSV files in one process, bad rows listed by line, non-price files refused whole."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from stocks.models import DailyPrice, IngestionStatus, Stock, WeeklyPrice
from tests.stocks.providers.alphavantage.conftest import recording_text

pytestmark = pytest.mark.django_db

YAHOO = """Date,Open,High,Low,Close,Adj Close,Volume
2024-01-03,184.22,185.88,183.43,184.25,183.3,58414500
2024-01-02,187.15,188.44,183.89,185.64,184.7,82488700
2024-01-04,181.00,180.00,182.00,181.50,180.1,100
"""


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_prices", *args, stdout=out)
    return out.getvalue()


def test_many_files_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "AMJ.csv").write_text(recording_text("TIME_SERIES_DAILY_CSV/portfoliotree-alphavantage__daily_AMJ.csv"))
    (tmp_path / "aapl.csv").write_text(YAHOO)
    (tmp_path / "notes.csv").write_text("name,email\nann,a@example.com\n")
    output = run(str(tmp_path / "AMJ.csv"), str(tmp_path / "aapl.csv"), str(tmp_path / "notes.csv"))

    assert DailyPrice.objects.filter(stock_id="AMJ", source="csv").count() == 100
    assert list(DailyPrice.objects.filter(stock_id="AAPL").order_by("date").values_list("date", "close_price")) == [
        (dt.date(2024, 1, 2), Decimal("185.6400")),
        (dt.date(2024, 1, 3), Decimal("184.2500")),
    ]
    assert "rejected AAPL daily line 4: low 182.0000 is above high 180.0000" in output
    assert "failed NOTES daily: refused: notes.csv is not a price file" in output
    assert not Stock.objects.filter(pk="NOTES").exists()
    assert IngestionStatus.objects.get(stock_id="AAPL", step="daily").state == "partial"
    assert Stock.objects.get(pk="AMJ").source == "csv"


def test_symbol_and_weekly_options(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(YAHOO)
    run(str(path), "--symbol", "msft", "--interval", "weekly")
    assert WeeklyPrice.objects.filter(stock_id="MSFT").count() == 2
    assert not DailyPrice.objects.exists()


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "AMJ.csv"
    path.write_text(recording_text("TIME_SERIES_DAILY_CSV/portfoliotree-alphavantage__daily_AMJ.csv"))
    run(str(path))
    first = list(DailyPrice.objects.order_by("date").values_list("date", "close_price", "volume"))
    run(str(path))
    assert list(DailyPrice.objects.order_by("date").values_list("date", "close_price", "volume")) == first


def test_nothing_importable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="No file was imported"):
        run(str(path), str(tmp_path / "missing.csv"))
