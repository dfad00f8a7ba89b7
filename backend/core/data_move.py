"""Copy every row of one database into another at the same migration state, verified per table (`move_data`).

Rows are copied table by table over `apps.get_models()` in foreign-key order with plain INSERTs that keep every
primary key, rather than through `dumpdata`/`loaddata`: the serializers hold a whole table as Python objects and
JSON, need natural keys on every model another one points at (ContentType, Permission, the beat schedules), and
`Model.save(raw=True)` still fires `pre_save`/`post_save` receivers. Keeping the primary keys means every foreign
key, every id a user has bookmarked and every checksum agrees between the two databases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from graphlib import TopologicalSorter
from itertools import islice
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from core.database_url import database_from_url

SOURCE = "move_source"
TARGET = "move_target"
BATCH_SIZE = 2000
# `migrate` fills these itself (post_migrate), with ids in the order it met the apps; the move replaces them with
# the source's rows so that the permissions and admin log entries pointing at them keep their meaning.
FILLED_BY_MIGRATE: tuple[type[models.Model], ...] = (Permission, ContentType)


class DataMoveRefusedError(Exception):
    """The databases are not fit for a move (target not empty, other migration states); nothing was written."""


class DataMoveMismatchError(Exception):
    """A table read back from the target differs from the source; the move was rolled back."""

    def __init__(self, checks: list[TableCheck]) -> None:
        self.checks = checks
        bad = ", ".join(check.table for check in checks if not check.ok)
        super().__init__(f"verification failed for {bad}; the move was rolled back and the target is unchanged")


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    source_rows: int
    source_sha256: str
    target_rows: int
    target_sha256: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sha256 == self.target_sha256


def databases_open(*, source_url: str, target_url: str) -> None:
    """Register the two URLs as the connections `SOURCE` and `TARGET` for this process."""
    if source_url == target_url:
        raise DataMoveRefusedError("--from and --to name the same database")
    for alias, url in ((SOURCE, source_url), (TARGET, target_url)):
        try:
            config = database_from_url(url)
        except Exception as exc:  # django-environ raises bare ImproperlyConfigured/KeyError for unknown schemes
            raise DataMoveRefusedError(f"{alias}: cannot read the database URL {url!r}: {exc}") from exc
        # A one-off command needs one connection each, not a pool.
        config.get("OPTIONS", {}).pop("pool", None)
        configured = connections.configure_settings(
            {DEFAULT_DB_ALIAS: dict(connections.settings[DEFAULT_DB_ALIAS]), alias: config}
        )
        connections.settings[alias] = configured[alias]


def copied_models() -> list[type[models.Model]]:
    """Every model with a table of its own (many-to-many tables included), each after the models it points at."""
    concrete = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    graph: TopologicalSorter[type[models.Model]] = TopologicalSorter()
    for model in concrete:
        targets: set[type[models.Model]] = set()
        for field in model._meta.local_concrete_fields:
            related = field.related_model
            if field.is_relation and isinstance(related, type):
                targets.add(related._meta.concrete_model or related)
        graph.add(model, *(target for target in targets if target is not model))
    return [model for model in graph.static_order() if model in concrete]


def _unapplied(alias: str) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _applied(alias: str) -> set[tuple[str, str]]:
    recorder = MigrationRecorder(connections[alias])
    return set(recorder.applied_migrations()) if recorder.has_table() else set()


def move_check(*, models_to_copy: list[type[models.Model]]) -> None:
    """Refuse, naming the problem, unless both databases are at this code's migration state and the target is empty."""
    source, target = _applied(SOURCE), _applied(TARGET)
    if source != target:
        only_source = ", ".join(f"{app}.{name}" for app, name in sorted(source - target)) or "none"
        only_target = ", ".join(f"{app}.{name}" for app, name in sorted(target - source)) or "none"
        raise DataMoveRefusedError(
            "source and target are at different migration states "
            f"(applied only in the source: {only_source}; only in the target: {only_target}); "
            "run `manage.py migrate` on both with this release first"
        )
    behind = _unapplied(SOURCE)
    if behind:
        raise DataMoveRefusedError(
            f"source and target both lack migrations of this release ({', '.join(behind)}); "
            "run `manage.py migrate` on both first"
        )
    holding = [
        f"{model._meta.db_table} ({model._base_manager.using(TARGET).count()} rows)"
        for model in models_to_copy
        if model not in FILLED_BY_MIGRATE and model._base_manager.using(TARGET).exists()
    ]
    if holding:
        raise DataMoveRefusedError(
            f"the target already holds data in {', '.join(holding)}; move into a freshly migrated, empty database"
        )


def _batches(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def _table_copy(model: type[models.Model]) -> None:
    target = connections[TARGET]
    fields = model._meta.local_concrete_fields
    quote = target.ops.quote_name
    # Names come from the models' own metadata, quoted by the backend; values are bound parameters.
    statement = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = model._base_manager.using(SOURCE).order_by().values_list(*(field.attname for field in fields))
    with target.cursor() as cursor:
        for batch in _batches(rows.iterator(chunk_size=BATCH_SIZE)):
            values = [
                [field.get_db_prep_save(value, target) for field, value in zip(fields, row, strict=True)]
                for row in batch
            ]
            cursor.executemany(statement, values)


def _normal(value: Any) -> Any:
    """One text for one value on every engine: SQLite and PostgreSQL return decimals and datetimes differently."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def table_digest(model: type[models.Model], alias: str) -> tuple[int, str]:
    """Row count and sha256 over the table's rows in primary-key order, each value normalised by `_normal`."""
    fields = model._meta.local_concrete_fields
    pk_index = fields.index(model._meta.pk)
    rows = model._base_manager.using(alias).order_by().values_list(*(field.attname for field in fields))
    normalised = [[_normal(value) for value in row] for row in rows.iterator(chunk_size=BATCH_SIZE)]
    # Sorted here, not by ORDER BY: text keys (symbols) collate differently in SQLite and PostgreSQL.
    normalised.sort(key=lambda row: (str(type(row[pk_index])), row[pk_index]))
    digest = hashlib.sha256()
    for row in normalised:
        digest.update(json.dumps(row, sort_keys=True, default=str).encode())
        digest.update(b"\n")
    return len(normalised), digest.hexdigest()


def data_move(*, source_url: str, target_url: str) -> list[TableCheck]:
    """Copy every table from `source_url` into the empty `target_url` in one target transaction, then verify it.

    The source is read inside a transaction too, so the copy and the checksums see one snapshot of it.
    """
    databases_open(source_url=source_url, target_url=target_url)
    models_to_copy = copied_models()
    move_check(models_to_copy=models_to_copy)
    with transaction.atomic(using=SOURCE), transaction.atomic(using=TARGET):
        for model in FILLED_BY_MIGRATE:
            model._base_manager.using(TARGET).all().delete()
        for model in models_to_copy:
            _table_copy(model)
        target = connections[TARGET]
        with target.cursor() as cursor:
            for statement in target.ops.sequence_reset_sql(no_style(), models_to_copy):
                cursor.execute(statement)
        checks = [
            TableCheck(model._meta.db_table, *table_digest(model, SOURCE), *table_digest(model, TARGET))
            for model in models_to_copy
        ]
        if not all(check.ok for check in checks):
            raise DataMoveMismatchError(checks)
    ContentType.objects.clear_cache()
    return checks
