"""`score_predictions [SYMBOL ...]`: score the stored predictions whose horizon has passed (the live track record)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ml_models.management.commands.train_models import symbols_resolve
from ml_models.services.scoring import predictions_score


class Command(BaseCommand):
    help = "Score every stored price and trend prediction whose horizon (in NYSE sessions) has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="*", help="symbols to score (default: every stored symbol)")

    def handle(self, *args: Any, **options: Any) -> None:
        symbols = symbols_resolve(options["symbols"]) if options["symbols"] else None
        run = predictions_score(symbols=symbols)
        self.stdout.write(
            f"{run.scored} predictions scored, {run.pending} waiting for their horizon, "
            f"{run.unscorable} without a bar on their first or target session."
        )
