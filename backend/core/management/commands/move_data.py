"""`move_data --from URL --to URL`: move an installation to another database, verified per table."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from core.data_move import DataMoveMismatchError, DataMoveRefusedError, TableCheck, data_move


def checks_table(checks: list[TableCheck]) -> Table:
    table = Table("table", "source rows", "target rows", "sha256 (source)", "sha256 (target)", "")
    for check in checks:
        table.add_row(
            check.table,
            str(check.source_rows),
            str(check.target_rows),
            check.source_sha256[:16],
            check.target_sha256[:16],
            "ok" if check.ok else "DIFFERS",
        )
    return table


class Command(BaseCommand):
    help = (
        "Copy every row from one database (e.g. the embedded SQLite file) into a freshly migrated, empty one "
        "(e.g. PostgreSQL) in one transaction, then verify row counts and a checksum per table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="source", required=True, help="DATABASE_URL of the installation to copy")
        parser.add_argument("--to", dest="target", required=True, help="DATABASE_URL of the empty, migrated target")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True, width=140)  # OutputWrapper is file-like
        try:
            checks = data_move(source_url=options["source"], target_url=options["target"])
        except DataMoveRefusedError as exc:
            raise CommandError(f"Refused, nothing written: {exc}.") from exc
        except DataMoveMismatchError as exc:
            console.print(checks_table(exc.checks))
            raise CommandError(f"{exc}.") from exc
        console.print(checks_table(checks))
        rows = sum(check.target_rows for check in checks)
        console.print(f"Moved {rows} rows in {len(checks)} tables; every row count and checksum agrees.")
