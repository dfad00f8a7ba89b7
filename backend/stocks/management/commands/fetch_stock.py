"""`fetch_stock SYMBOL [SYMBOL ...] [--what ...|all] [--full]`: ingest through the configured provider."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.models import IngestionState, IngestionStep
from stocks.providers.errors import ProviderError
from stocks.providers.registry import get_provider
from stocks.services.ingestion import ALL_STEPS, IngestionResult, ingestion_run

REJECTED_SHOWN = 10


def parse_steps(raw: str) -> list[IngestionStep]:
    """ "quote,daily" -> [QUOTE, DAILY]; "all" -> every step but the 5-minute bars ("intraday", asked by name);
    unknown names -> CommandError naming them."""
    names = [name.strip().lower() for name in raw.split(",") if name.strip()]
    if not names or "all" in names:
        return list(ALL_STEPS)
    valid = {step.value for step in (*ALL_STEPS, IngestionStep.INTRADAY)}
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise CommandError(f"--what: unknown dataset {', '.join(unknown)}; choose from {', '.join(valid)} or all.")
    return [IngestionStep(name) for name in dict.fromkeys(names)]


def results_report(console: Console, results: Sequence[IngestionResult]) -> None:
    """A closing table of rows written and rejected per symbol and step, then each rejected row and why."""
    table = Table(title="Ingestion summary")
    for column in ("symbol", "dataset", "state", "written", "rejected"):
        table.add_column(column)
    for r in results:
        table.add_row(r.symbol, r.step, r.state, str(r.rows_written), str(r.rows_rejected))
    console.print(table)
    for r in results:
        if r.reason:
            console.print(f"{r.state} {r.symbol} {r.step}: {r.reason}")
        for row in r.rejected[:REJECTED_SHOWN]:
            console.print(f"  rejected {r.symbol} {r.step} {row.where}: {row.reason}")
        if len(r.rejected) > REJECTED_SHOWN:
            console.print(f"  ... and {len(r.rejected) - REJECTED_SHOWN} more rejected rows for {r.symbol} {r.step}")
    states = Counter(r.state for r in results)
    console.print(
        f"{sum(r.rows_written for r in results)} rows written, {sum(r.rows_rejected for r in results)} rejected; "
        + ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
    )


class Command(BaseCommand):
    help = "Fetch market data for one or more symbols through the configured provider and store it."
    requires_system_checks: list[str] = []  # like import_prices: no URLconf import for a data command

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="+", metavar="SYMBOL")
        parser.add_argument(
            "--what",
            default="all",
            help="comma-separated: quote,overview,daily,weekly,financials,corporate_actions or all (default)",
        )
        parser.add_argument("--full", action="store_true", help="ask for the full daily history")
        parser.add_argument("--provider", default=None, help="override MARKET_DATA_PROVIDER for this run")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            symbols = list(dict.fromkeys(normalize_symbol(s) for s in options["symbols"]))
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        steps = parse_steps(options["what"])
        try:
            provider = get_provider(options["provider"])
        except ProviderError as exc:
            raise CommandError(str(exc)) from exc
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)  # OutputWrapper is file-like
        results: list[IngestionResult] = []
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Fetching", total=len(symbols) * len(steps))
            for symbol in symbols:
                for step in steps:
                    progress.update(task, description=f"{symbol} {step}")
                    results.append(ingestion_run(symbol=symbol, step=step, provider=provider, full=options["full"]))
                    progress.advance(task)
        results_report(console, results)
        failed = [r for r in results if r.state == IngestionState.FAILED]
        if failed and len(failed) == len(results):
            raise CommandError(f"Nothing was stored: {failed[0].symbol} {failed[0].step}: {failed[0].reason}")
