"""`import_events FILE [FILE ...] [--symbol SYMBOL]`: import splits and dividends CSVs (`date,kind,value`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stocks.management.csv_import import csv_files_import
from stocks.models import DataSource, IngestionStep
from stocks.providers.csv.parser import NotAnEventsFileError
from stocks.providers.csv.provider import read_events_file
from stocks.services.ingestion import corporate_actions_import


class Command(BaseCommand):
    help = (
        "Import splits and dividends from CSV files with the columns date,kind,value (kind: split or dividend), "
        "one symbol per file; each event is checked against the symbol's stored prices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--symbol", default=None, help="symbol for every file (default: each file's name)")

    def handle(self, *args: Any, **options: Any) -> None:
        csv_files_import(
            self,
            options["files"],
            symbol=options["symbol"],
            step=IngestionStep.CORPORATE_ACTIONS,
            read=lambda path, symbol: read_events_file(path, symbol=symbol),
            store=lambda actions: corporate_actions_import(actions=actions, source=DataSource.CSV),
            file_error=NotAnEventsFileError,
        )
