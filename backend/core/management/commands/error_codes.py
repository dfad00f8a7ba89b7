"""Write docs/error-codes.json: every error code the API can send (see core.error_codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.error_codes import error_codes_document

DEFAULT_FILE = Path(__file__).resolve().parents[4] / "docs" / "error-codes.json"


def error_codes_json() -> str:
    return json.dumps(error_codes_document(), indent=2) + "\n"


class Command(BaseCommand):
    help = "Write the list of error codes (docs/error-codes.json) that the web app's catalogues must cover."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        options["file"].write_text(error_codes_json(), encoding="utf-8")
        self.stdout.write(f"Wrote {options['file']}")
