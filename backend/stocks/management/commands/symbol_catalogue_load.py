"""`symbol_catalogue_load`: fill the local symbol catalogue from Alpha Vantage's LISTING_STATUS (a file or one call)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stocks.providers.alphavantage.processor import listed_symbols_from_csv
from stocks.providers.errors import ProviderError
from stocks.services.symbols import provider_get, symbol_catalogue_load


class Command(BaseCommand):
    help = (
        "Load the provider's listing of every active US symbol into the catalogue that search and validate answer "
        "from: --file reads a saved LISTING_STATUS CSV; without it the configured provider is asked (one call). "
        "Safe to re-run; delisted symbols leave the catalogue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="a LISTING_STATUS CSV (symbol,name,exchange,assetType,...)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["file"]
        try:
            if path is not None:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise CommandError(f"--file: cannot read {path}: {exc}") from exc
                listings = listed_symbols_from_csv(text)
            else:
                provider = provider_get()
                fetch = getattr(provider, "listed_symbols", None)
                if fetch is None:
                    raise CommandError(
                        f"The {provider.name} provider has no listing to load (its symbols are bundled); "
                        "pass --file with a LISTING_STATUS CSV."
                    )
                listings = fetch()
        except ProviderError as exc:
            raise CommandError(str(exc)) from exc
        written = symbol_catalogue_load(listings=listings)
        self.stdout.write(f"{written} symbols in the catalogue ({len(listings) - written} not holdable, skipped).")
