"""`import_prices FILE [FILE ...] [--symbol SYMBOL] [--interval daily|weekly]`: import price CSVs in one process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from stocks.management.csv_import import csv_files_import
from stocks.models import DataSource, IngestionStep
from stocks.providers.csv.parser import NotAPriceFileError
from stocks.providers.csv.provider import read_price_file
from stocks.services.ingestion import price_series_import


class Command(BaseCommand):
    help = "Import daily or weekly prices from CSV files (Alpha Vantage or Yahoo layout), one symbol per file."
    # The system checks import every URLconf (and the scientific libraries behind the views): seconds of start-up
    # that a data import does not need. `manage.py check` and every server start still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--symbol", default=None, help="symbol for every file (default: each file's name)")
        parser.add_argument("--interval", choices=["daily", "weekly"], default="daily")

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["interval"]
        today = timezone.localdate()
        csv_files_import(
            self,
            options["files"],
            symbol=options["symbol"],
            step=IngestionStep.DAILY if interval == "daily" else IngestionStep.WEEKLY,
            read=lambda path, symbol: read_price_file(path, today=today, symbol=symbol, interval=interval),
            store=lambda series: price_series_import(series=series, source=DataSource.CSV),
            file_error=NotAPriceFileError,
        )
