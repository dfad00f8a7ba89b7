"""`import_prices FILE [FILE ...] [--symbol SYMBOL] [--interval daily|weekly]`: import price CSVs in one process."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from rich.console import Console
from rich.progress import Progress

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.management.commands.fetch_stock import results_report
from stocks.models import DataSource, IngestionState, IngestionStep
from stocks.providers.csv.parser import NotAPriceFileError
from stocks.providers.csv.provider import read_price_file
from stocks.services.ingestion import IngestionResult, price_series_import


class Command(BaseCommand):
    help = "Import daily or weekly prices from CSV files (Alpha Vantage or Yahoo layout), one symbol per file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--symbol", default=None, help="symbol for every file (default: each file's name)")
        parser.add_argument("--interval", choices=["daily", "weekly"], default="daily")

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["interval"]
        step = IngestionStep.DAILY if interval == "daily" else IngestionStep.WEEKLY
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)  # OutputWrapper is file-like
        results: list[IngestionResult] = []
        today = timezone.localdate()
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Importing", total=len(options["files"]))
            for name in options["files"]:
                path = Path(name)
                progress.update(task, description=path.name)
                label = options["symbol"] or path.stem
                try:
                    symbol = normalize_symbol(label)
                    if not path.is_file():
                        raise NotAPriceFileError(f"{name} does not exist or is not a file.")
                    series = read_price_file(path, today=today, symbol=symbol, interval=interval)
                except (ApplicationError, NotAPriceFileError) as exc:
                    message = exc.message if isinstance(exc, ApplicationError) else str(exc)
                    results.append(
                        IngestionResult(
                            label.strip().upper()[:12], step, IngestionState.FAILED, reason=f"refused: {message}"
                        )
                    )
                else:
                    results.append(price_series_import(series=series, source=DataSource.CSV))
                progress.advance(task)
        results_report(console, results)
        if all(r.state == IngestionState.FAILED for r in results):
            raise CommandError("No file was imported.")
