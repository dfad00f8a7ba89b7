"""Intraday bars: the bulk upsert, the retention prune, and the record of who is viewing a 1D or 5D chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Field, Q
from django.utils import timezone

from stocks.models import IntradayPrice, Stock
from stocks.providers.base import IntradayBar

PG_BAR_BATCH_SIZE = 20_000
BAR_UPDATE_FIELDS = ["open_price", "high_price", "low_price", "close_price", "volume", "source", "fetched_at"]
BAR_COMPARED_FIELDS = BAR_UPDATE_FIELDS[:-1]  # an unchanged bar keeps its row (and its fetched_at) untouched
# A chart request records a view at most this often per symbol, so reading a chart costs at most one small write
# a minute.
VIEW_RECORD_EVERY = dt.timedelta(minutes=1)


def _column(name: str) -> str:
    field = IntradayPrice._meta.get_field(name)
    assert isinstance(field, Field)
    return str(field.column)


def intraday_bars_upsert(*, symbol: str, bars: Sequence[IntradayBar], source: str, fetched_at: dt.datetime) -> int:
    """Insert or update `bars` with INSERT ... ON CONFLICT DO UPDATE, as stocks.services.ingestion.price_bars_upsert
    does for daily bars: one array-bound statement per 20,000 bars on PostgreSQL, one executemany on SQLite. An
    unchanged bar is not rewritten; returns the rows that changed."""
    if not bars:
        return 0
    qn = connection.ops.quote_name
    columns = [qn(_column(name)) for name in ("stock", "time", *BAR_UPDATE_FIELDS)]
    stored = ", ".join(f"existing.{qn(_column(name))}" for name in BAR_COMPARED_FIELDS)
    incoming = ", ".join(f"excluded.{qn(_column(name))}" for name in BAR_COMPARED_FIELDS)
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    upsert = f"""
        ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET
            {", ".join(f"{column} = excluded.{column}" for column in columns[2:])}
        WHERE ({stored}) {distinct} ({incoming})
    """
    table = f"{qn(IntradayPrice._meta.db_table)} AS existing ({', '.join(columns)})"
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(bars), PG_BAR_BATCH_SIZE):
                batch = bars[start : start + PG_BAR_BATCH_SIZE]
                cursor.execute(
                    f"""INSERT INTO {table}
                        SELECT %s, t.ts, t.o, t.h, t.l, t.c, t.v, %s, %s
                        FROM unnest(%s::timestamptz[], %s::numeric[], %s::numeric[], %s::numeric[],
                                    %s::numeric[], %s::bigint[]) AS t(ts, o, h, l, c, v)
                        {upsert}""",  # noqa: S608 - identifiers come from the model, values are parameters
                    [
                        symbol,
                        source,
                        fetched_at,
                        "{" + ",".join([bar.time.isoformat() for bar in batch]) + "}",
                        "{" + ",".join([str(bar.open) for bar in batch]) + "}",
                        "{" + ",".join([str(bar.high) for bar in batch]) + "}",
                        "{" + ",".join([str(bar.low) for bar in batch]) + "}",
                        "{" + ",".join([str(bar.close) for bar in batch]) + "}",
                        "{" + ",".join([str(bar.volume) for bar in batch]) + "}",
                    ],
                )
                written += cursor.rowcount
        else:
            fetched = connection.ops.adapt_datetimefield_value(fetched_at)
            cursor.executemany(
                f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) {upsert}",  # noqa: S608
                [
                    (
                        symbol,
                        connection.ops.adapt_datetimefield_value(bar.time),
                        str(bar.open),
                        str(bar.high),
                        str(bar.low),
                        str(bar.close),
                        bar.volume,
                        source,
                        fetched,
                    )
                    for bar in bars
                ],
            )
            written = cursor.rowcount
    return written


def intraday_bars_prune(*, now: dt.datetime | None = None) -> int:
    """Delete intraday bars older than settings.INTRADAY_RETENTION_DAYS; returns how many went.

    The stocks that lost bars get a new intraday version, so no cached intraday chart shows a deleted bar.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.INTRADAY_RETENTION_DAYS)
    old = IntradayPrice.objects.filter(time__lt=cutoff)
    with transaction.atomic():
        symbols = list(old.values_list("stock_id", flat=True).distinct())
        deleted, _ = old.delete()
        if symbols:
            Stock.objects.filter(pk__in=symbols).update(intraday_version=F("intraday_version") + 1)
    return deleted


def intraday_view_record(*, symbol: str, now: dt.datetime | None = None) -> None:
    """Note that someone is looking at the symbol's 1D or 5D chart: the planner then keeps its intraday bars fresh
    for settings.INTRADAY_VIEWING_MINUTES (one UPDATE, skipped when a view was recorded in the last minute)."""
    now = now or timezone.now()
    Stock.objects.filter(
        Q(intraday_viewed_at__isnull=True) | Q(intraday_viewed_at__lt=now - VIEW_RECORD_EVERY), pk=symbol
    ).update(intraday_viewed_at=now)
