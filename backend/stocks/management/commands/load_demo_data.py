"""`load_demo_data`: store the simulated demo universe (idempotent) and announce it with `demo_data_loaded`."""

from __future__ import annotations

from typing import IO, Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from stocks import signals
from stocks.management.commands.fetch_stock import results_report
from stocks.models import IngestionState, IngestionStep, Stock
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import UNIVERSE
from stocks.services.economic import COLLECTED, economic_indicator_ingest
from stocks.services.ingestion import ALL_STEPS, IngestionResult, ingestion_run


class Command(BaseCommand):
    help = (
        "Load the simulated demo universe (prices, 5-minute bars, statements, splits, dividends, quotes) and the "
        "simulated US economic indicators; safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--symbols", default="", help="comma-separated subset of the demo universe")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = [s.strip().upper() for s in options["symbols"].split(",") if s.strip()]
        known = {listing.symbol for listing in UNIVERSE}
        unknown = [s for s in wanted if s not in known]
        if unknown:
            raise CommandError(
                f"--symbols: {', '.join(unknown)} not in the demo universe ({', '.join(sorted(known))})."
            )
        symbols = wanted or [listing.symbol for listing in UNIVERSE]
        provider = SimulatedProvider(seed=settings.SIMULATED_SEED)
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)  # OutputWrapper is file-like
        results: list[IngestionResult] = []
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Loading demo data", total=len(symbols))
            for symbol in symbols:
                progress.update(task, description=f"Loading {symbol}")
                # The 5-minute bars too, so the demo's 1D and 5D charts have them before the planner's first tick.
                for step in (*ALL_STEPS, IngestionStep.INTRADAY):
                    results.append(ingestion_run(symbol=symbol, step=step, provider=provider, full=True))
                progress.advance(task)
        results_report(console, results)
        failed = [r for r in results if r.state == IngestionState.FAILED]
        if failed:
            raise CommandError(f"Demo data incomplete: {failed[0].symbol} {failed[0].step}: {failed[0].reason}")
        for name, interval in COLLECTED:
            economic_indicator_ingest(name=name, interval=interval, provider=provider)
        signals.demo_data_loaded.send(sender=Stock, symbols=symbols)
        console.print(
            f"Demo universe loaded: {len(symbols)} symbols and {len(COLLECTED)} US economic indicators "
            "(source: simulated)."
        )
