"""`predict [SYMBOL ...] [--model-type ...]`: make the predictions that are missing or older than the last bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ml_models.management.commands.train_models import parse_model_types, symbols_resolve, training_run
from ml_models.models import ModelType
from ml_models.selectors import symbols_needing_prediction


class Command(BaseCommand):
    help = "Bring predictions up to date: train only where a model has no prediction from the stock's last bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbols", nargs="*", help="symbols to consider (default: every stored symbol)")
        parser.add_argument("--model-type", default="all", help=f"comma-separated: {', '.join(ModelType.values)}")

    def handle(self, *args: Any, **options: Any) -> None:
        model_types = parse_model_types(options["model_type"])
        symbols = symbols_needing_prediction(symbols=symbols_resolve(options["symbols"]), model_types=model_types)
        self.stdout.write(f"{len(symbols)} symbols need new predictions.")
        training_run(self, symbols, model_types)
