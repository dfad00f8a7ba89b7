"""The loop the CSV import commands share: one symbol per file, a progress bar, every file's outcome reported."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TypeVar, cast

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.management.commands.fetch_stock import results_report
from stocks.models import IngestionState, IngestionStep
from stocks.services.ingestion import IngestionResult

T = TypeVar("T")


def csv_files_import(
    command: BaseCommand,
    files: Sequence[str],
    *,
    symbol: str | None,
    step: IngestionStep,
    read: Callable[[Path, str], T],
    store: Callable[[T], IngestionResult],
    file_error: type[Exception],
) -> None:
    """Read each file as `symbol` (default: the file's name) and store it; a file that cannot be read is reported
    as refused with its reason and the others still import. CommandError when no file imported."""
    console = Console(file=cast(IO[str], command.stdout), soft_wrap=True)  # OutputWrapper is file-like
    results: list[IngestionResult] = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Importing", total=len(files))
        for name in files:
            path = Path(name)
            progress.update(task, description=path.name)
            label = symbol or path.stem
            try:
                if not path.is_file():
                    raise file_error(f"{name} does not exist or is not a file.")
                content = read(path, normalize_symbol(label))
            except (ApplicationError, file_error) as exc:
                message = exc.message if isinstance(exc, ApplicationError) else str(exc)
                results.append(
                    IngestionResult(
                        label.strip().upper()[:12], step, IngestionState.FAILED, reason=f"refused: {message}"
                    )
                )
            else:
                results.append(store(content))
            progress.advance(task)
    results_report(console, results)
    if all(r.state == IngestionState.FAILED for r in results):
        raise CommandError("No file was imported.")
