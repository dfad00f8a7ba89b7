"""`import_events FILE [FILE ...] [--symbol SYMBOL]`: import splits and dividends CSVs (`date,kind,value`)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.management.commands.fetch_stock import results_report
from stocks.models import DataSource, IngestionState, IngestionStep
from stocks.providers.csv.parser import NotAnEventsFileError
from stocks.providers.csv.provider import read_events_file
from stocks.services.ingestion import IngestionResult, corporate_actions_import


class Command(BaseCommand):
    help = (
        "Import splits and dividends from CSV files with the columns date,kind,value (kind: split or dividend), "
        "one symbol per file; each event is checked against the symbol's stored prices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--symbol", default=None, help="symbol for every file (default: each file's name)")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)  # OutputWrapper is file-like
        results: list[IngestionResult] = []
        step = IngestionStep.CORPORATE_ACTIONS
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Importing", total=len(options["files"]))
            for name in options["files"]:
                path = Path(name)
                progress.update(task, description=path.name)
                label = options["symbol"] or path.stem
                try:
                    symbol = normalize_symbol(label)
                    if not path.is_file():
                        raise NotAnEventsFileError(f"{name} does not exist or is not a file.")
                    actions = read_events_file(path, symbol=symbol)
                except (ApplicationError, NotAnEventsFileError) as exc:
                    message = exc.message if isinstance(exc, ApplicationError) else str(exc)
                    results.append(
                        IngestionResult(
                            label.strip().upper()[:12], step, IngestionState.FAILED, reason=f"refused: {message}"
                        )
                    )
                else:
                    results.append(corporate_actions_import(actions=actions, source=DataSource.CSV))
                progress.advance(task)
        results_report(console, results)
        if all(r.state == IngestionState.FAILED for r in results):
            raise CommandError("No file was imported.")
