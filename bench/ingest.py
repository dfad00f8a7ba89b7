"""Ingestion speed: the service's bulk upsert vs update_or_create per row vs PostgreSQL COPY of the same rows.

Usage: python bench/ingest.py [--symbols 500] [--bars 5000] [--slow-rows 4000]
Database: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/stockvis_bench), created if
missing. Prints rows/s for (a) the ingestion service, (b) update_or_create per row on a subset, (c) COPY into a copy
of the price table (same columns, constraints, indexes and foreign key), and the ratios (a)/(c) and (a)/(b).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

BACKEND = Path(__file__).resolve().parent.parent / "backend"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stockvis_bench"


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symbols", type=int, default=500)
    parser.add_argument("--bars", type=int, default=5000)
    parser.add_argument("--slow-rows", type=int, default=4000, help="rows for the update_or_create baseline")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        sys.exit(f"This benchmark needs PostgreSQL; got {url.split(':')[0]}.")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(BACKEND))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from stocks.models import DailyPrice, DataSource, IngestionStatus, Stock
    from stocks.providers.base import PriceSeries
    from stocks.providers.simulated.provider import SimulatedProvider, bars_from_arrays
    from stocks.providers.simulated.universe import synthetic_listing
    from stocks.services.ingestion import price_series_import

    call_command("migrate", verbosity=0)
    symbols = [f"BX{i:04d}" for i in range(args.symbols)]
    provider = SimulatedProvider(seed=7, universe=[synthetic_listing(s, i) for i, s in enumerate(symbols)])

    started = time.perf_counter()
    sim = provider.simulate(symbols, max_bars=args.bars)
    simulated = time.perf_counter() - started
    started = time.perf_counter()
    series = [
        PriceSeries(
            symbol=s,
            interval="daily",
            bars=bars_from_arrays(sim.dates, sim.open[i], sim.high[i], sim.low[i], sim.close[i], sim.volume[i]),
        )
        for i, s in enumerate(symbols)
    ]
    converted = time.perf_counter() - started
    total_rows = sum(len(s.bars) for s in series)
    print(
        f"simulated {len(symbols)} symbols x {sim.dates.size} sessions in {simulated:.2f} s (numpy), "
        f"{total_rows:,} Decimal bars built in {converted:.2f} s"
    )

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE stocks_dailyprice, stocks_ingestionstatus")
    Stock.objects.filter(symbol__startswith="BX").delete()
    Stock.objects.bulk_create([Stock(symbol=s, source=DataSource.SIMULATED) for s in symbols])

    def checkpoint() -> None:
        # Start every timed phase from a clean WAL so one phase's checkpoint does not land in the next one's time.
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")

    # (a) the ingestion service: one atomic batch per symbol, bulk upsert, status, data_version, events.
    checkpoint()
    started = time.perf_counter()
    for s in series:
        result = price_series_import(series=s, source=DataSource.SIMULATED)
        assert result.rows_written == len(s.bars), result
    service_insert = time.perf_counter() - started
    assert DailyPrice.objects.filter(stock__symbol__startswith="BX").count() == total_rows
    checkpoint()
    started = time.perf_counter()
    for s in series:
        price_series_import(series=s, source=DataSource.SIMULATED)
    service_update = time.perf_counter() - started
    assert DailyPrice.objects.filter(stock__symbol__startswith="BX").count() == total_rows
    assert IngestionStatus.objects.filter(stock__symbol__startswith="BX", state="done").count() == len(symbols)

    # (b) the seed's way: update_or_create per row, on a subset.
    subset = [(s.symbol, bar) for s in series for bar in s.bars][: args.slow_rows]
    DailyPrice.objects.filter(stock_id=subset[0][0]).delete()
    now = timezone.now()
    checkpoint()
    started = time.perf_counter()
    for symbol, bar in subset:
        with transaction.atomic():
            DailyPrice.objects.update_or_create(
                stock_id=symbol,
                date=bar.date,
                defaults={
                    "open_price": bar.open,
                    "high_price": bar.high,
                    "low_price": bar.low,
                    "close_price": bar.close,
                    "volume": bar.volume,
                    "source": DataSource.SIMULATED,
                    "fetched_at": now,
                },
            )
    per_row = time.perf_counter() - started

    # (c) COPY of the same rows into a table of the same shape (columns, constraints, indexes, foreign key);
    # (c0) the same without the foreign key, which LIKE does not copy: the bare bulk-load limit.
    rows = [
        (s.symbol, bar.date, bar.open, bar.high, bar.low, bar.close, bar.volume, "simulated", now)
        for s in series
        for bar in s.bars
    ]
    columns = "symbol, date, open_price, high_price, low_price, close_price, volume, source, fetched_at"
    copy_seconds: dict[bool, float] = {}
    for with_foreign_key in (True, False):
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_copy_dailyprice")
            cursor.execute("CREATE TABLE bench_copy_dailyprice (LIKE stocks_dailyprice INCLUDING ALL)")
            if with_foreign_key:
                cursor.execute(
                    "ALTER TABLE bench_copy_dailyprice ADD FOREIGN KEY (symbol) REFERENCES stocks_stock (symbol) "
                    "DEFERRABLE INITIALLY DEFERRED"
                )
        checkpoint()
        raw = connection.connection
        started = time.perf_counter()
        with raw.cursor() as cursor, cursor.copy(f"COPY bench_copy_dailyprice ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
        copy_seconds[with_foreign_key] = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_copy_dailyprice")
            assert cursor.fetchone()[0] == total_rows
            cursor.execute("DROP TABLE bench_copy_dailyprice")
    copied = copy_seconds[True]

    rate_a = total_rows / service_insert
    rate_a_update = total_rows / service_update
    rate_b = len(subset) / per_row
    rate_c = total_rows / copied
    for label, rows_done, seconds in (
        ("(a) service, first load   ", total_rows, service_insert),
        ("(a) service, re-run upsert", total_rows, service_update),
        ("(b) update_or_create/row  ", len(subset), per_row),
        ("(c) COPY, same table shape", total_rows, copied),
        ("(c0) COPY, no foreign key ", total_rows, copy_seconds[False]),
    ):
        print(f"{label}: {rows_done:>10,} rows in {seconds:7.2f} s = {rows_done / seconds:>10,.0f} rows/s")
    print(f"ratio (c)/(a) = {rate_c / rate_a:.2f}x slower than COPY (goal <= 3x); re-run {rate_c / rate_a_update:.2f}x")
    print(f"ratio (a)/(b) = {rate_a / rate_b:.0f}x faster than update_or_create (goal >= 50x)")
    print(
        f"ratio (c0)/(a) = {service_insert / copy_seconds[False]:.2f}x slower than COPY without the foreign key check"
    )


if __name__ == "__main__":
    main()
