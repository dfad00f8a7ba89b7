"""`check_consistency [SYMBOL ...]`: run the stored-data consistency check now and print its findings."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.services.consistency import consistency_check_run


class Command(BaseCommand):
    help = (
        "Check stored data (weekly vs. daily bars, balance sheets, missing sessions, bar constraints) as the daily "
        "scheduled task does, store the findings and print them. Without symbols: every stored stock."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="*", metavar="SYMBOL")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            symbols = [normalize_symbol(raw) for raw in options["symbols"]] or None
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        run = consistency_check_run(symbols=symbols)
        for finding in run.findings.order_by("stock_id", "kind", "date"):
            self.stdout.write(f"{finding.stock_id} {finding.kind}: {finding.detail}")
        self.stdout.write(f"Checked {run.symbols_checked} symbol(s): {run.findings_count} finding(s) (run #{run.pk}).")
