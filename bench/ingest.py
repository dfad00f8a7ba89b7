"""Ingestion speed: the user's `import_prices` command and the ingestion service against PostgreSQL COPY.

Usage: python bench/ingest.py [--part all|cli|service] [--files 100] [--file-bars 5000]
                              [--symbols 500] [--bars 5000] [--slow-rows 4000]
Database: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/stockvis_bench), created if
missing. Prints, each measured in this run:
- cli: `manage.py import_prices` of --files CSV files x --file-bars daily bars as a subprocess (process start
  included) into a fresh database, first load and re-import, against `psql \\copy` of the same rows into a table of
  the same shape (columns, constraints, indexes, foreign key), also a subprocess; the ratio CLI / psql (goal <= 2x).
- service: rows/s for (a) the ingestion service, (b) update_or_create per row on a subset, (c) COPY into a copy of
  the price table, and the ratios (a)/(c) and (a)/(b).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from harness import PYTHON, fresh_database_env

BACKEND = Path(__file__).resolve().parent.parent / "backend"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/stockvis_bench"
COPY_COLUMNS = "symbol, date, open_price, high_price, low_price, close_price, volume, source, fetched_at"


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


def write_price_files(directory: Path, files: int, bars: int) -> tuple[list[Path], Path]:
    """`files` Alpha Vantage layout CSVs (newest first, four decimals) of `bars` simulated daily bars each, and one
    CSV of the same rows as table rows for `psql \\copy`."""
    sys.path.insert(0, str(BACKEND))
    from stocks.providers.simulated.model import simulate_daily
    from stocks.providers.simulated.universe import synthetic_listing

    symbols = [f"CLI{i:04d}" for i in range(files)]
    sim = simulate_daily(
        [synthetic_listing(s, i) for i, s in enumerate(symbols)], seed=11, end=dt.date(2026, 11, 27), max_bars=bars
    )
    dates = sim.dates.astype(str)
    paths = []
    fetched_at = "2026-11-27 21:00:00+00"
    with (directory / "rows.csv").open("w") as rows:
        for i, symbol in enumerate(symbols):
            columns = [np.char.mod("%.4f", getattr(sim, name)[i]) for name in ("open", "high", "low", "close")]
            lines = [
                f"{d},{o},{h},{lo},{c},{v}"
                for d, o, h, lo, c, v in zip(dates, *columns, sim.volume[i].astype(str), strict=True)
            ][::-1]
            path = directory / f"{symbol}.csv"
            path.write_text("timestamp,open,high,low,close,volume\n" + "\n".join(lines) + "\n")
            paths.append(path)
            rows.writelines(f"{symbol},{line},csv,{fetched_at}\n" for line in lines)
    return paths, directory / "rows.csv"


def cli_against_psql_copy(files: int, bars: int) -> None:
    """`manage.py import_prices` (first load, then re-import) vs `psql \\copy` of the same rows, each a process."""
    import psycopg

    psql = shutil.which("psql")
    if psql is None:
        sys.exit("The CLI benchmark compares with `psql \\copy`: install the PostgreSQL client (psql).")
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_URL
    env = fresh_database_env(f"{urlparse(base).path.lstrip('/')}_import")
    url = env["DATABASE_URL"]
    # Bytecode as an install leaves it (compiled once): a shell with PYTHONDONTWRITEBYTECODE would otherwise make
    # every run recompile Django, pandas and scikit-learn. A cache of its own, so no environment is written to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "stockvis-bench-pycache")
    subprocess.run([str(PYTHON), "manage.py", "migrate", "-v0"], cwd=BACKEND, env=env, check=True)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        paths, rows_file = write_price_files(Path(tmp), files, bars)
        total = files * bars

        def checkpoint() -> None:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CHECKPOINT")

        def import_run(*files: Path, symbol: tuple[str, ...] = ()) -> float:
            checkpoint()
            started = time.perf_counter()
            subprocess.run(
                [str(PYTHON), "manage.py", "import_prices", *map(str, files), *symbol],
                cwd=BACKEND,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            return time.perf_counter() - started

        # A warm-up import (every module the command and the bars_stored receivers load), then removed.
        import_run(paths[0], symbol=("--symbol", "WARMUP"))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DELETE FROM stocks_dailyprice WHERE symbol = 'WARMUP'")
        first = import_run(*paths)
        with psycopg.connect(url, autocommit=True) as conn:
            stored = conn.execute("SELECT count(*) FROM stocks_dailyprice").fetchone()
            assert stored == (total,), stored
            conn.execute("CREATE TABLE bench_copy_dailyprice (LIKE stocks_dailyprice INCLUDING ALL)")
            conn.execute(
                "ALTER TABLE bench_copy_dailyprice ADD FOREIGN KEY (symbol) REFERENCES stocks_stock (symbol) "
                "DEFERRABLE INITIALLY DEFERRED"
            )
        # Between the two imports, so a change in the machine's load shows in both.
        checkpoint()
        started = time.perf_counter()
        command = f"\\copy bench_copy_dailyprice ({COPY_COLUMNS}) FROM '{rows_file}' CSV"
        subprocess.run([psql, url, "-q", "-v", "ON_ERROR_STOP=1", "-c", command], check=True)
        copied = time.perf_counter() - started
        again = import_run(*paths)
        with psycopg.connect(url, autocommit=True) as conn:
            count = conn.execute("SELECT count(*) FROM bench_copy_dailyprice").fetchone()
            assert count == (total,), count
    print(f"import_prices CLI, {files} files x {bars} bars = {total:,} rows (process start included):")
    for label, seconds in (
        ("first load           ", first),
        ("re-import (no change)", again),
        ("psql \\copy, same rows ", copied),
    ):
        print(f"  {label}: {seconds:7.2f} s = {total / seconds:>10,.0f} rows/s")
    print(f"ratio import_prices / psql \\copy = {first / copied:.2f}x (goal <= 2x); re-import {again / copied:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["all", "cli", "service"], default="all")
    parser.add_argument("--files", type=int, default=100, help="CSV files for the import_prices run")
    parser.add_argument("--file-bars", type=int, default=5000, help="daily bars per CSV file")
    parser.add_argument("--symbols", type=int, default=500)
    parser.add_argument("--bars", type=int, default=5000)
    parser.add_argument("--slow-rows", type=int, default=4000, help="rows for the update_or_create baseline")
    args = parser.parse_args()
    if args.part in ("all", "cli"):
        cli_against_psql_copy(args.files, args.file_bars)
    if args.part in ("all", "service"):
        service_against_copy(args)


def service_against_copy(args: argparse.Namespace) -> None:

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
