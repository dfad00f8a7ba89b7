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
import socket
import subprocess
import time
from decimal import Decimal

import numpy as np
from harness import django_setup, fresh_database_env, stop, uvicorn_start, wait_healthy
from websockets.asyncio.client import ClientConnection, connect

SYMBOL = "FANOUT"
DATABASE_NAME = "stockvis_bench_ws"
CLIENTS = int(os.environ.get("BENCH_WS_CLIENTS", "1000"))
ROUNDS = int(os.environ.get("BENCH_WS_ROUNDS", "20"))
GOAL_P99_MS = 250.0


def _setup_django(env: dict[str, str]) -> None:
    django_setup(env)
    from stocks.models import DataSource, Stock

    Stock.objects.create(symbol=SYMBOL, name="Fan-out Corp", source=DataSource.SIMULATED)
    gc.freeze()  # as config.asgi does: the harness's own collector pauses are not the server's latency


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_asgi(env: dict[str, str], count: int) -> tuple[list[subprocess.Popen[bytes]], list[int]]:
    ports = [_free_port() for _ in range(count)]
    processes = [uvicorn_start(env, port, "--log-level", "warning") for port in ports]
    wait_healthy(processes, ports, 90)
    return processes, ports


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
        stop(processes)


def main() -> None:
    env = fresh_database_env(DATABASE_NAME, WEBSOCKET_HEARTBEAT_SECONDS="3600")
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
