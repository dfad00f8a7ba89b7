"""Scale: chart, indicators and portfolio-summary latency and ingest rate with 2,000 stocks against 100 stocks.

Usage: python bench/scale.py [--symbols 2000] [--small 100] [--bars 5000] [--requests 200] [--ingest 10]
Database: the PostgreSQL server of BENCH_DATABASE_URL or DATABASE_URL (default 127.0.0.1); it creates the databases
`<name>_scale_<N>` from scratch, one per size, each loaded by COPY with N stocks x --bars daily bars in date order
(the layout years of daily refreshes leave: one row per stock per day, the stocks interleaved in the heap), then
VACUUM ANALYZE as autovacuum would. In each database, in a process of its own, it measures uncached (cache cleared
before every request) through Django's test client on random stocks: chart period=max (all bars), chart period=1y,
indicators (all eight, 1y), portfolio summary (20 holdings); and the ingest rate of --ingest new stocks x --bars
bars through the ingestion service. In the large database it measures the chart and indicators again with the
unique index without its INCLUDE columns (as before migration stocks 0004), and prints table and index
sizes. Each large figure is printed as a ratio to the small one (goal: within 1.5x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from harness import PYTHON, django_setup, fresh_database_env

CHUNK_DAYS = 250  # sessions per COPY: 2,000 stocks x 250 days = 500,000 rows
HOLDINGS = 20
GOAL = 1.5
# PostgreSQL's binary COPY (postgresql.org/docs/current/sql-copy.html, "Binary Format"): fixed-width fields only,
# so numpy packs every row at once. Prices go as integers of 0.0001 and are scaled by the INSERT.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_COPY_ROW = np.dtype(
    [("fields", ">i2"), ("stock_length", ">i4"), ("stock", ">i4"), ("date_length", ">i4"), ("date", ">i4")]
    + [item for name in "ohlcv" for item in ((f"{name}_length", ">i4"), (name, ">i8"))]
)
_PG_EPOCH = np.datetime64("2000-01-01", "D")


def _copy_chunk(stocks: np.ndarray, days: np.ndarray, columns: list[np.ndarray]) -> bytes:
    rows = np.empty(stocks.size, dtype=_COPY_ROW)
    rows["fields"] = 7
    rows["stock_length"], rows["stock"] = 4, stocks
    rows["date_length"], rows["date"] = 4, days
    for name, column in zip("ohlcv", columns, strict=True):
        rows[f"{name}_length"], rows[name] = 8, column
    return _COPY_HEADER + rows.tobytes() + b"\xff\xff"


def load(symbols: list[str], bars: int) -> float:
    """Stocks and their daily bars by binary COPY into a staging table, moved over in date order; seconds taken."""
    from django.db import connection
    from django.utils import timezone

    from stocks.models import DataSource, Stock
    from stocks.providers.simulated.model import simulate_daily
    from stocks.providers.simulated.universe import synthetic_listing

    started = time.perf_counter()
    Stock.objects.bulk_create(
        [Stock(symbol=s, name=f"Scale {s}", source=DataSource.SIMULATED) for s in symbols], batch_size=1000
    )
    sim = simulate_daily(
        [synthetic_listing(s, i) for i, s in enumerate(symbols)], seed=5, end=dt.date(2026, 11, 27), max_bars=bars
    )
    units = [np.rint(getattr(sim, name) * 10_000).astype(np.int64) for name in ("open", "high", "low", "close")]
    days = (sim.dates.astype("datetime64[D]") - _PG_EPOCH).astype(np.int32)
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE scale_symbols (id int PRIMARY KEY, symbol varchar(12))")
        with cursor.copy("COPY scale_symbols FROM STDIN") as copy:
            for i, symbol in enumerate(symbols):
                copy.write_row((i, symbol))
        cursor.execute(
            "CREATE UNLOGGED TABLE scale_staging (stock int, d date, o bigint, h bigint, l bigint, c bigint, v bigint)"
        )
        for start in range(0, days.size, CHUNK_DAYS):
            window = slice(start, start + CHUNK_DAYS)
            n_days = days[window].size
            # Date-major: every stock's bar of a day, then the next day, as daily refreshes append them.
            stock_ids = np.tile(np.arange(len(symbols), dtype=np.int32), n_days)
            chunk_days = np.repeat(days[window], len(symbols))
            columns = [u[:, window].T.ravel() for u in units] + [sim.volume[:, window].T.ravel().astype(np.int64)]
            with cursor.copy("COPY scale_staging FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(_copy_chunk(stock_ids, chunk_days, columns))
            cursor.execute(
                """INSERT INTO stocks_dailyprice
                       (symbol, date, open_price, high_price, low_price, close_price, volume, source, fetched_at)
                   SELECT m.symbol, s.d, s.o * 0.0001, s.h * 0.0001, s.l * 0.0001, s.c * 0.0001, s.v, 'simulated', %s
                   FROM scale_staging s JOIN scale_symbols m ON m.id = s.stock
                   ORDER BY s.d, s.stock""",
                [timezone.now()],
            )
            cursor.execute("TRUNCATE scale_staging")
            raw.commit()
        cursor.execute("DROP TABLE scale_staging")
        raw.commit()
    vacuum()
    return time.perf_counter() - started


def vacuum() -> None:
    from django.db import connection

    raw = connection.connection
    previous = raw.autocommit
    raw.autocommit = True
    raw.execute("VACUUM ANALYZE stocks_dailyprice")
    raw.autocommit = previous


def percentiles(samples: list[float]) -> dict[str, float]:
    values = np.array(samples) * 1000
    return {"p50": float(np.percentile(values, 50)), "p99": float(np.percentile(values, 99))}


def portfolio_user(symbols: list[str]) -> Any:
    """A user holding HOLDINGS random stocks, each bought once."""
    from portfolios.models import Holding, Transaction, TransactionKind
    from users.models import User

    user = User.objects.create_user(username="scale", email="scale@example.com", password="scale-bench-1")  # noqa: S106 - a throwaway bench user
    chosen = random.Random(3).sample(symbols, HOLDINGS)
    holdings = Holding.objects.bulk_create(
        [Holding(user=user, stock_id=s, quantity=10, average_price=100) for s in chosen]
    )
    Transaction.objects.bulk_create(
        [
            Transaction(holding=h, kind=TransactionKind.BUY, date=dt.date(2024, 1, 2), quantity=10, price=100)
            for h in holdings
        ]
    )
    return user


READS = {
    "chart max": "/api/v1/stocks/api/chart/{}/?period=max",
    "chart 1y": "/api/v1/stocks/api/chart/{}/?period=1y",
    "indicators 1y": "/api/v1/stocks/api/indicators/{}/?period=1y",
    "portfolio summary": "/api/v1/users/portfolio/summary/",
}


def latencies(symbols: list[str], requests: int, user: Any, reads: list[str]) -> dict[str, dict[str, float]]:
    """p50/p99 ms of uncached reads on random stocks through the test client (cache cleared before each)."""
    from django.core.cache import cache
    from rest_framework.test import APIClient

    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(user)
    chooser = random.Random(4)
    results = {}
    for name in reads:
        samples = []
        for i in range(requests + 10):
            url = READS[name].format(chooser.choice(symbols))
            cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}: {response.content[:200]!r}")
            if i >= 10:  # the first requests warm imports and connections
                samples.append(elapsed)
        results[name] = percentiles(samples)
    return results


def ingest_rate(count: int, bars: int) -> float:
    """Rows/s of the ingestion service storing `count` new stocks x `bars` bars (one atomic batch each)."""
    from stocks.models import DataSource
    from stocks.providers.base import PriceSeries
    from stocks.providers.simulated.model import simulate_daily
    from stocks.providers.simulated.provider import bars_from_arrays
    from stocks.providers.simulated.universe import synthetic_listing
    from stocks.services.ingestion import price_series_import

    symbols = [f"NEW{i:03d}" for i in range(count + 1)]
    sim = simulate_daily(
        [synthetic_listing(s, 9000 + i) for i, s in enumerate(symbols)],
        seed=8,
        end=dt.date(2026, 11, 27),
        max_bars=bars,
    )
    series = [
        PriceSeries(
            s, "daily", bars_from_arrays(sim.dates, sim.open[i], sim.high[i], sim.low[i], sim.close[i], sim.volume[i])
        )
        for i, s in enumerate(symbols)
    ]
    # The first batch of a process imports what the bars_stored receivers need (scikit-learn, TA-Lib): not timed.
    warm_up = series.pop()
    price_series_import(series=warm_up, source=DataSource.SIMULATED)
    started = time.perf_counter()
    for s in series:
        result = price_series_import(series=s, source=DataSource.SIMULATED)
        assert result.rows_written == len(s.bars), result
    return count * sim.dates.size / (time.perf_counter() - started)


def sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
               WHERE c.relname = 'stocks_dailyprice'
                  OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'stocks_dailyprice'::regclass)"""
        )
        return dict(cursor.fetchall())


def without_include() -> None:
    """The unique (stock, date) index without INCLUDE columns, as before migration stocks 0004."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stocks_dailyprice DROP CONSTRAINT daily_unique_stock_date")
        cursor.execute("ALTER TABLE stocks_dailyprice ADD CONSTRAINT daily_unique_stock_date UNIQUE (symbol, date)")
    vacuum()


def child(n: int, args: argparse.Namespace) -> None:
    """Load and measure one database (this process's DATABASE_URL); print the figures as one JSON line."""
    django_setup(dict(os.environ))
    symbols = [f"S{i:04d}" for i in range(n)]
    figures: dict[str, Any] = {"symbols": n, "load_s": load(symbols, args.bars)}
    user = portfolio_user(symbols)
    figures["latency"] = latencies(symbols, args.requests, user, list(READS))
    figures["ingest_rows_s"] = ingest_rate(args.ingest, args.bars)
    figures["sizes"] = sizes()
    if args.compare_plain_index:
        without_include()
        figures["plain_index_sizes"] = sizes()
        figures["plain_index_latency"] = latencies(
            symbols, args.requests, user, ["chart max", "chart 1y", "indicators 1y"]
        )
    print(json.dumps(figures))


def run_child(n: int, args: argparse.Namespace, compare: bool) -> dict[str, Any]:
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1/x"
    name = f"{urlparse(base).path.lstrip('/') or 'stockvis_bench'}_scale_{n}"
    env = fresh_database_env(name, REDIS_URL="")  # an in-process cache, cleared before every request
    command = [str(PYTHON), __file__, "--child", str(n), "--bars", str(args.bars), "--requests", str(args.requests)]
    command += ["--ingest", str(args.ingest)] + (["--compare-plain-index"] if compare else [])
    output = subprocess.run(
        command,
        env=env,
        cwd=Path(__file__).resolve().parent.parent / "backend",
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def report(small: dict[str, Any], large: dict[str, Any]) -> None:
    mb = 1024 * 1024
    print(f"{large['symbols']:,} stocks against {small['symbols']:,} stocks, uncached, Django test client")
    print(f"loaded by COPY: small {small['load_s']:.1f} s, large {large['load_s']:.1f} s (incl. VACUUM ANALYZE)")
    print(f"{'read (ms)':22} {'small p50':>9} {'p99':>7} {'large p50':>9} {'p99':>7} {'p50 x':>6} {'p99 x':>6}")
    for name, s in small["latency"].items():
        big = large["latency"][name]
        print(
            f"{name:22} {s['p50']:9.2f} {s['p99']:7.2f} {big['p50']:9.2f} {big['p99']:7.2f} "
            f"{big['p50'] / s['p50']:6.2f} {big['p99'] / s['p99']:6.2f}"
        )
    rate = large["ingest_rows_s"] / small["ingest_rows_s"]
    print(f"{'ingest rows/s':22} {small['ingest_rows_s']:17,.0f} {large['ingest_rows_s']:17,.0f} {rate:6.2f}")
    worst = max(
        max(large["latency"][n]["p50"] / s["p50"], large["latency"][n]["p99"] / s["p99"])
        for n, s in small["latency"].items()
    )
    worst = max(worst, small["ingest_rows_s"] / large["ingest_rows_s"])
    print(
        f"goal: every large figure within {GOAL}x of the small one: worst {worst:.2f}x -> "
        f"{'met' if worst <= GOAL else 'NOT met'}"
    )
    for label, key in (
        ("covering unique index (migration stocks 0004)", "sizes"),
        ("plain unique index, no INCLUDE", "plain_index_sizes"),
    ):
        if key in large:
            shown = ", ".join(f"{name} {size / mb:,.0f} MB" for name, size in sorted(large[key].items()))
            print(f"sizes, large, {label}: {shown}")
    if "plain_index_latency" in large:
        print("large database with the plain unique index (no INCLUDE), p50/p99 ms and x small:")
        for name, p in large["plain_index_latency"].items():
            s = small["latency"][name]
            print(
                f"  {name:20} {p['p50']:8.2f} {p['p99']:8.2f}  {p['p50'] / s['p50']:5.2f}x {p['p99'] / s['p99']:5.2f}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symbols", type=int, default=2000, help="stocks in the large database")
    parser.add_argument("--small", type=int, default=100, help="stocks in the small database")
    parser.add_argument("--bars", type=int, default=5000, help="daily bars per stock")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per read")
    parser.add_argument("--ingest", type=int, default=10, help="new stocks stored to measure the ingest rate")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--compare-plain-index", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args)
        return
    small = run_child(args.small, args, compare=False)
    large = run_child(args.symbols, args, compare=True)
    report(small, large)


if __name__ == "__main__":
    main()
