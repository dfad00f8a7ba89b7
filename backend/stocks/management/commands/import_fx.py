"""`import_fx FILE --base CHF [--quote USD]`: import daily exchange rates from a `date,rate` CSV file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.currencies import USD, UnknownCurrencyError, currency_normalize
from stocks.models import DataSource
from stocks.providers.csv.parser import NotAnFxFileError
from stocks.providers.csv.provider import read_fx_file
from stocks.services.fx import fx_series_store


class Command(BaseCommand):
    help = (
        "Import daily rates of 1 BASE in QUOTE from a CSV file with a date (or timestamp) and a rate (or close) "
        "column, such as Alpha Vantage's FX_DAILY CSV; rows are stored with the source 'csv'. Portfolio "
        "conversion uses pairs against USD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--base", required=True, help="currency of 1 unit (ISO 4217, e.g. CHF)")
        parser.add_argument("--quote", default=USD, help="currency the rate is in (default USD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            base, quote = currency_normalize(options["base"]), currency_normalize(options["quote"])
        except UnknownCurrencyError as exc:
            raise CommandError(str(exc)) from exc
        if base == quote:
            raise CommandError(f"--base and --quote are both {base}: a rate needs two currencies.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            series = read_fx_file(path, base=base, quote=quote, today=dt.date.today())
        except NotAnFxFileError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            result = fx_series_store(series=series, source=DataSource.CSV)
        for row in series.rejected:
            self.stderr.write(f"{path.name} {row.where}: {row.reason}")
        self.stdout.write(
            f"{path.name}: {base}/{quote} {result.rows_written} rates stored, {result.rows_rejected} refused"
        )
