"""`train_models [SYMBOL ...] [--model-type ...] [--universe]`: train, evaluate and store predictions now, in one
batch (per symbol, or with --universe the cross-sectional models across the symbols)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import IO, Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from ml_models.models import ModelType, TrainingState, TrainingTrigger
from ml_models.services.training import TrainingOutcome, predictions_train
from ml_models.services.universe import universe_train
from stocks.models import Stock


def parse_model_types(raw: str) -> list[ModelType]:
    """ "price_prediction,trend_analysis" -> those types; "all" or "" -> every type; unknown names -> CommandError."""
    names = [name.strip().lower() for name in raw.split(",") if name.strip()]
    if not names or "all" in names:
        return list(ModelType)
    unknown = [name for name in names if name not in ModelType.values]
    if unknown:
        raise CommandError(
            f"--model-type: unknown {', '.join(unknown)}; choose from {', '.join(ModelType.values)} or all."
        )
    return [ModelType(name) for name in dict.fromkeys(names)]


def symbols_resolve(raw: Sequence[str]) -> list[str]:
    """The given symbols (normalized, each stored) or, with none given, every stored symbol."""
    if not raw:
        return list(Stock.objects.order_by("symbol").values_list("symbol", flat=True))
    try:
        symbols = list(dict.fromkeys(normalize_symbol(s) for s in raw))
    except ApplicationError as exc:
        raise CommandError(exc.message) from exc
    stored = set(Stock.objects.filter(symbol__in=symbols).values_list("symbol", flat=True))
    missing = [s for s in symbols if s not in stored]
    if missing:
        raise CommandError(f"Not stored: {', '.join(missing)}. Fetch them first (fetch_stock or load_demo_data).")
    return symbols


def training_run(command: BaseCommand, symbols: list[str], model_types: list[ModelType]) -> list[TrainingOutcome]:
    """Run one batch with a progress bar and a closing table; exits non-zero when nothing could be trained."""
    console = Console(file=cast(IO[str], command.stdout), soft_wrap=True)  # OutputWrapper is file-like
    if not symbols:
        console.print("Nothing to train.")
        return []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Training", total=len(symbols) * len(model_types))

        def report(outcome: TrainingOutcome, done: int, total: int) -> None:
            progress.update(task, completed=done, description=f"{outcome.symbol} {outcome.model_type}")
            console.print(f"[{done}/{total}] {outcome.symbol} {outcome.model_type}: {outcome.state} "
                          f"in {outcome.duration_seconds:.2f} s")  # fmt: skip

        outcomes = predictions_train(
            symbols=symbols, trigger=TrainingTrigger.COMMAND, model_types=model_types, progress=report
        )
    table = Table(title="Training summary")
    for column in ("symbol", "model", "state", "seconds", "beats baseline"):
        table.add_column(column)
    for o in outcomes:
        beats = "" if o.beats_baseline is None else ("yes" if o.beats_baseline else "no")
        table.add_row(o.symbol, o.model_type, o.state, f"{o.duration_seconds:.2f}", beats)
    console.print(table)
    for o in outcomes:
        if o.error:
            console.print(f"{o.state} {o.symbol} {o.model_type}: {o.error}")
    failed = sum(o.state == TrainingState.FAILED for o in outcomes)
    console.print(f"{len(outcomes) - failed} trained, {failed} failed; one batch, p-values adjusted together.")
    if failed == len(outcomes):
        raise CommandError("No model could be trained: " + outcomes[0].error)
    return outcomes


class Command(BaseCommand):
    help = "Train every model (or --model-type) on the given symbols or all stored ones and store their predictions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="*", help="symbols to train on (default: every stored symbol)")
        parser.add_argument("--model-type", default="all", help=f"comma-separated: {', '.join(ModelType.values)}")
        parser.add_argument(
            "--universe",
            action="store_true",
            help="train the universe models (price and trend) across the given or all stored symbols instead",
        )
        parser.add_argument("--threads", type=int, default=None, help="LightGBM threads (universe; default setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["universe"]:
            universe_run(self, options["symbols"], options["threads"] or settings.UNIVERSE_TRAIN_THREADS)
            return
        model_types = parse_model_types(options["model_type"])
        training_run(self, symbols_resolve(options["symbols"]), model_types)


def universe_run(command: BaseCommand, raw_symbols: Sequence[str], threads: int) -> None:
    """One universe run with timed progress lines and a closing table; exits non-zero when it failed."""
    console = Console(file=cast(IO[str], command.stdout), soft_wrap=True)
    symbols = symbols_resolve(raw_symbols) if raw_symbols else None
    clock = time.perf_counter()

    def report(message: str) -> None:
        console.print(f"[{time.perf_counter() - clock:7.1f} s] {message}")

    outcomes = universe_train(trigger=TrainingTrigger.COMMAND, symbols=symbols, threads=threads, progress=report)
    table = Table(title="Universe training")
    for column in ("model", "state", "symbols", "IC", "rank IC", "ICIR", "beats baseline", "card"):
        table.add_column(column)
    for o in outcomes:
        figures = ["" if v is None else f"{v:.4f}" for v in (o.ic, o.rank_ic, o.icir)]
        card = f"/api/v1/analysis/models/{o.training_id}/"
        table.add_row(o.model_type, o.state, str(o.symbols), *figures, f"{o.beats_baseline}/{o.symbols}", card)
    console.print(table)
    if outcomes and all(o.state == TrainingState.FAILED for o in outcomes):
        raise CommandError("The universe model could not be trained: " + outcomes[0].error)
