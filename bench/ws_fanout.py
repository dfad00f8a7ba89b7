"""WebSocket fan-out: time from a quote being stored to 1,000 clients of /ws/stocks/<symbol>/ receiving it.

Run `make bench` or `.venv/bin/python bench/ws_fanout.py`. Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL,
default 127.0.0.1) and Redis (REDIS_URL), because the Redis channel layer is what carries a quote from the process
that stores it to every ASGI process. Starts uvicorn processes of config.asgi, connects the clients (spread evenly
over the processes), then stores a new quote ROUNDS times the way the ingestion service does (update the Stock row,
then quote_push after commit) and records, per client, the time from the commit to the message arriving.
Figures: p50/p99/max with one and with two ASGI processes, against a baseline of one client on one process
measured in the same run. Environment: BENCH_WS_CLIENTS (default 1000), BENCH_WS_ROUNDS (default 20).
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
BACKEND = ROOT / "backend"
PYTHON = ROOT / ".venv" / "bin" / "python"
SYMBOL = "FANOUT"
DATABASE_NAME = "stockvis_bench_ws"
CLIENTS = int(os.environ.get("BENCH_WS_CLIENTS", "1000"))
ROUNDS = int(os.environ.get("BENCH_WS_ROUNDS", "20"))
GOAL_P99_MS = 250.0


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _environment() -> dict[str, str]:
    base_db = (
        os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/postgres"
    )
    if not base_db.startswith("postgres"):
        sys.exit("bench/ws_fanout.py measures on PostgreSQL: set BENCH_DATABASE_URL or DATABASE_URL.")
    import psycopg

    with psycopg.connect(_with_database(base_db, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": _with_database(base_db, DATABASE_NAME),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "DATABASE_CONN_MAX_AGE": "0",
            "WEBSOCKET_HEARTBEAT_SECONDS": "3600",
        }
    )
    return env


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()
    from django.core.management import call_command

    from stocks.models import DataSource, Stock

    call_command("migrate", verbosity=0)
    Stock.objects.create(symbol=SYMBOL, name="Fan-out Corp", source=DataSource.SIMULATED)
    gc.freeze()  # as config.asgi does: the harness's own collector pauses are not the server's latency


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_asgi(env: dict[str, str], count: int) -> tuple[list[subprocess.Popen[bytes]], list[int]]:
    ports = [_free_port() for _ in range(count)]
    processes = [
        subprocess.Popen(
            [str(PYTHON), "-m", "uvicorn", "config.asgi:application", "--port", str(port), "--log-level", "warning"],
            cwd=BACKEND,
            env=env,
            start_new_session=True,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 90
    for port in ports:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    _stop(processes)
                    sys.exit(f"uvicorn on port {port} did not start")
                time.sleep(0.3)
    return processes, ports


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(30)


def _store_quote(price: Decimal) -> float:
    """Store a quote as the ingestion service does (commit, then push on commit); returns when it was stored."""
    from django.db import transaction
    from django.utils import timezone

    from stocks.models import Stock
    from stocks.realtime import quote_push

    stored_at = 0.0

    def push() -> None:
        nonlocal stored_at
        stored_at = time.perf_counter()  # the commit is done: from here on the quote is stored
        quote_push(symbol=SYMBOL)

    with transaction.atomic():
        Stock.objects.filter(symbol=SYMBOL).update(
            real_time_price=price,
            change=Decimal("0.5"),
            change_percent=Decimal("0.25"),
            volume=1000,
            quote_fetched_at=timezone.now(),
        )
        transaction.on_commit(push)
    return stored_at


async def _arrival(ws: ClientConnection) -> float:
    await ws.recv()
    return time.perf_counter()


async def _measure(ports: list[int], clients: int, rounds: int) -> np.ndarray:
    sockets = []
    for start in range(0, clients, 100):
        batch = [
            connect(f"ws://127.0.0.1:{ports[i % len(ports)]}/ws/stocks/{SYMBOL}/", open_timeout=30, max_queue=None)
            for i in range(start, min(start + 100, clients))
        ]
        sockets.extend(await asyncio.gather(*batch))
    await asyncio.sleep(1.0)  # every consumer has joined its group
    latencies = np.full((rounds + 1, clients), np.nan)
    for round_no in range(rounds + 1):  # round 0 warms connections up and is not counted
        price = Decimal(100 + round_no)
        received = [asyncio.create_task(_arrival(ws)) for ws in sockets]
        stored_at = await asyncio.to_thread(_store_quote, price)
        stamps = await asyncio.wait_for(asyncio.gather(*received), timeout=30)
        latencies[round_no] = (np.array(stamps) - stored_at) * 1000
        await asyncio.sleep(0.3)
    await asyncio.gather(*(ws.close() for ws in sockets))
    return latencies[1:].ravel()


def _run(env: dict[str, str], processes_count: int, clients: int) -> np.ndarray:
    processes, ports = _start_asgi(env, processes_count)
    try:
        return asyncio.run(_measure(ports, clients, ROUNDS))
    finally:
        _stop(processes)


def main() -> None:
    env = _environment()
    _setup_django(env)
    print(f"WebSocket fan-out: {ROUNDS} quotes on one symbol, Redis channel layer ({env['REDIS_URL']})")
    baseline = _run(env, 1, 1)
    rows = [("baseline: 1 client, 1 ASGI process", baseline)]
    for count in (1, 2):
        rows.append((f"{CLIENTS} clients, {count} ASGI process{'es' if count > 1 else ''}", _run(env, count, CLIENTS)))
    base_p50 = float(np.percentile(baseline, 50))
    print(f"{'case':<38} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'p50/base':>9}  goal p99 <= {GOAL_P99_MS:.0f} ms")
    for name, values in rows:
        p50, p99, worst = (float(np.percentile(values, q)) for q in (50, 99, 100))
        verdict = "met" if p99 <= GOAL_P99_MS else "missed"
        print(f"{name:<38} {p50:8.1f} {p99:8.1f} {worst:8.1f} {p50 / base_p50:8.1f}x  {verdict}")


if __name__ == "__main__":
    main()
