"""WebSocket fan-out: time from a quote being stored to 5,000 clients of /ws/stocks/<symbol>/ receiving it.

Run `make bench` or `.venv/bin/python bench/ws_fanout.py`. Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL,
default 127.0.0.1) and Redis (REDIS_URL), because the Redis channel layer is what carries a quote from the process
that stores it to every ASGI process. Starts `uvicorn config.asgi:application --workers 2` on the production
settings (as deployed: one port, the kernel spreads connections over the workers), connects the clients from
BENCH_WS_CLIENT_PROCESSES client processes (asyncio `websockets`), then stores a new quote ROUNDS times the way the
ingestion service does (update the Stock row, then quote_push after commit) and records, per client, the time from
the commit to the message arriving (CLOCK_MONOTONIC, the same clock in every process).

Baseline, measured in the same run with the same clients: a bare ASGI broadcast (bench/servers/ws_bare_app.py: no
Django, no Channels consumers) on the same uvicorn and the same Redis pub/sub channel layer, sent the same message
by the same group_send. A third row runs Stock-Vis on uvicorn's default per-message deflate, which run.sh turns off.
A message that never arrives counts as infinitely late. Server CPU per message is the workers' CPU time over the
counted rounds divided by the messages delivered. Environment: BENCH_WS_CLIENTS (5000), BENCH_WS_ROUNDS (20),
BENCH_WS_CLIENT_PROCESSES (2).
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import resource
import secrets
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from harness import BACKEND, PYTHON, ROOT, django_setup, fresh_database_env, stop, wait_healthy
from websockets.asyncio.client import ClientConnection, connect

SYMBOL = "FANOUT"
DATABASE_NAME = "stockvis_bench_ws"
CLIENTS = int(os.environ.get("BENCH_WS_CLIENTS", "5000"))
ROUNDS = int(os.environ.get("BENCH_WS_ROUNDS", "20"))
CLIENT_PROCESSES = int(os.environ.get("BENCH_WS_CLIENT_PROCESSES", "2"))
ASGI_WORKERS = 2
ROUND_TIMEOUT_SECONDS = 30.0  # a round not complete by then has lost messages
ROUND_PAUSE_SECONDS = 0.2  # after every client has a round, before the next quote: rounds never overlap
GOAL_P99_MS = 250.0


def _raise_open_files(needed: int) -> None:
    """Every client socket is a file descriptor in the client and one in the server: lift the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard == resource.RLIM_INFINITY else max(soft, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    if wanted != resource.RLIM_INFINITY and wanted < needed:
        raise SystemExit(f"ulimit -n is capped at {wanted}; {needed} descriptors are needed for {CLIENTS} clients")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


_COMMON_OPTIONS = ("--workers", str(ASGI_WORKERS), "--log-level", "warning", "--backlog", str(CLIENTS))
# As scripts/run.sh starts the API: live frames are ~150 bytes of JSON, too small for per-message deflate to pay.
_SERVER_OPTIONS = (*_COMMON_OPTIONS, "--ws-per-message-deflate", "false")


def _start_server(env: dict[str, str], app: str, options: tuple[str, ...]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    process = subprocess.Popen(
        [str(PYTHON), "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), *options],
        cwd=BACKEND,
        env=env,
        start_new_session=True,
    )
    wait_healthy([process], [port], 120)
    return process, port


def _store_quote(price: Decimal) -> float:
    """Store a quote as the ingestion service does (commit, then push on commit); returns when it was stored."""
    from django.db import transaction
    from django.utils import timezone

    from stocks.models import Stock
    from stocks.realtime import quote_push

    stored_at = 0.0

    def push() -> None:
        nonlocal stored_at
        stored_at = time.monotonic()  # the commit is done: from here on the quote is stored
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


def _send_bare(price: Decimal) -> float:
    """The baseline's trigger: the same message through the same group_send, with no database around it."""
    from core.realtime import group_send
    from stocks.realtime import stock_group

    message = {
        "type": "price_update",
        "symbol": SYMBOL,
        "price": float(price),
        "change": 0.5,
        "change_percent": 0.25,
        "volume": 1000,
        "timestamp": "2026-01-02T15:30:00+00:00",
    }
    sent_at = time.monotonic()
    group_send(stock_group(SYMBOL), message)
    return sent_at


# --- the client processes ---------------------------------------------------------------------------------------


class _Share:
    """One client process's sockets: arrival times per round, and a report to the parent when a round is complete."""

    def __init__(self, count: int, pipe: Connection) -> None:
        self.count = count
        self.pipe = pipe
        self.arrivals: list[dict[int, float]] = [{} for _ in range(count)]
        self.complete: dict[int, int] = {}

    async def read(self, index: int, ws: ClientConnection) -> None:
        got = self.arrivals[index]
        async for frame in ws:
            at = time.monotonic()
            message = orjson.loads(frame)
            if message.get("type") != "price_update":
                continue
            round_no = round(message["price"]) - 100
            got[round_no] = at
            self.complete[round_no] = self.complete.get(round_no, 0) + 1
            if self.complete[round_no] == self.count:
                self.pipe.send(("round", round_no))


async def _clients(url: str, count: int, pipe: Connection) -> None:
    sockets: list[ClientConnection] = []
    for start in range(0, count, 100):
        batch = [connect(url, open_timeout=120, max_queue=None) for _ in range(start, min(start + 100, count))]
        sockets.extend(await asyncio.gather(*batch))
    share = _Share(count, pipe)
    readers = [asyncio.create_task(share.read(i, ws)) for i, ws in enumerate(sockets)]
    gc.collect()
    gc.freeze()  # the client's own collector pauses are not the server's latency
    pipe.send(("ready", 0))
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)  # "stop"
    for ws in sockets:
        await ws.close()
    await asyncio.gather(*readers, return_exceptions=True)
    pipe.send(("arrivals", share.arrivals))


def _client_process(url: str, count: int, pipe: Connection) -> None:
    asyncio.run(_clients(url, count, pipe))


# --- one case ---------------------------------------------------------------------------------------------------


def _expect(pipes: list[Connection], what: tuple[str, int], seconds: float) -> None:
    """Wait for every client process to report `what`: ("ready", 0) when connected, ("round", n) when complete."""
    deadline = time.monotonic() + seconds
    for pipe in pipes:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not pipe.poll(left):
                return  # late or lost messages count as such; go on with the next round
            if pipe.recv() == what:
                break


@dataclass
class Case:
    latencies: np.ndarray  # ms per client and counted round; inf for a message that never came
    connected_in: float  # seconds for every client to connect
    server_cpu: float  # CPU seconds the ASGI workers spent over the counted rounds


def _server_cpu_seconds(supervisor: int) -> float:
    """User + system CPU time of the uvicorn supervisor's worker processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat(5))
    return total / ticks


def _measure(port: int, supervisor: int, trigger: Callable[[Decimal], float]) -> Case:
    url = f"ws://127.0.0.1:{port}/ws/stocks/{SYMBOL}/"
    context = multiprocessing.get_context("spawn")
    shares = [CLIENTS // CLIENT_PROCESSES + (i < CLIENTS % CLIENT_PROCESSES) for i in range(CLIENT_PROCESSES)]
    pipes: list[Connection] = []
    children: list[Any] = []
    began = time.monotonic()
    for share in shares:
        ours, theirs = context.Pipe()
        child = context.Process(target=_client_process, args=(url, share, theirs), daemon=True)
        child.start()
        pipes.append(ours)
        children.append(child)
    _expect(pipes, ("ready", 0), 600)
    connected_in = time.monotonic() - began
    time.sleep(1.0)  # every consumer has joined its group
    sent: dict[int, float] = {}
    cpu_before = 0.0
    for round_no in range(ROUNDS + 1):  # round 0 warms connections up and is not counted
        if round_no == 1:
            cpu_before = _server_cpu_seconds(supervisor)
        sent[round_no] = trigger(Decimal(100 + round_no))
        _expect(pipes, ("round", round_no), ROUND_TIMEOUT_SECONDS)
        time.sleep(ROUND_PAUSE_SECONDS)
    server_cpu = _server_cpu_seconds(supervisor) - cpu_before
    for pipe in pipes:
        pipe.send("stop")
    latencies = np.full((ROUNDS, CLIENTS), np.inf)
    client = 0
    for pipe, child in zip(pipes, children, strict=True):
        kind, arrivals = pipe.recv()
        while kind != "arrivals":
            kind, arrivals = pipe.recv()
        for got in arrivals:
            for round_no in range(1, ROUNDS + 1):
                if round_no in got:
                    latencies[round_no - 1, client] = (got[round_no] - sent[round_no]) * 1000
            client += 1
        child.join(30)
    return Case(latencies.ravel(), connected_in, server_cpu)


def _case(env: dict[str, str], app: str, trigger: Callable[[Decimal], float], options: tuple[str, ...]) -> Case:
    server, port = _start_server(env, app, options)
    try:
        return _measure(port, server.pid, trigger)
    finally:
        stop([server])


def _percentile(values: np.ndarray, q: float) -> float:
    """A measured value (no interpolation, which would turn lost messages' inf into nan)."""
    return float(np.percentile(values, q, method="higher"))


def main() -> None:
    _raise_open_files(2 * CLIENTS + 256)
    env = fresh_database_env(
        DATABASE_NAME,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        WEBSOCKET_HEARTBEAT_SECONDS="3600",
    )
    django_setup(env)
    from stocks.models import DataSource, Stock

    Stock.objects.create(symbol=SYMBOL, name="Fan-out Corp", source=DataSource.SIMULATED)
    gc.freeze()
    print(
        f"WebSocket fan-out: {CLIENTS} clients ({CLIENT_PROCESSES} client processes), {ROUNDS} quotes on one symbol, "
        f"uvicorn --workers {ASGI_WORKERS}, Redis pub/sub channel layer ({env['REDIS_URL']})"
    )
    bare_env = {**env, "PYTHONPATH": str(ROOT / "bench" / "servers")}
    rows = [
        ("baseline: bare ASGI broadcast, same layer", _case(bare_env, "ws_bare_app:app", _send_bare, _SERVER_OPTIONS)),
        ("Stock-Vis: quote stored -> received", _case(env, "config.asgi:application", _store_quote, _SERVER_OPTIONS)),
        ("Stock-Vis, per-message deflate on", _case(env, "config.asgi:application", _store_quote, _COMMON_OPTIONS)),
    ]
    print(f"{'case':<42} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'lost':>5} {'connect s':>9} {'CPU us/msg':>10}")
    for name, case in rows:
        p50, p99, worst = (_percentile(case.latencies, q) for q in (50, 99, 100))
        lost = int(np.isinf(case.latencies).sum())
        per_message = case.server_cpu / case.latencies.size * 1e6
        print(f"{name:<42} {p50:7.1f} {p99:7.1f} {worst:7.1f} {lost:5d} {case.connected_in:9.1f} {per_message:10.1f}")
    base, ours = rows[0][1], rows[1][1]
    p50_ratio, p99_ratio = (_percentile(ours.latencies, q) / _percentile(base.latencies, q) for q in (50, 99))
    cpu_ratio = ours.server_cpu / base.server_cpu
    print(f"Stock-Vis / baseline: p50 {p50_ratio:.2f}x, p99 {p99_ratio:.2f}x, server CPU per message {cpu_ratio:.2f}x")
    p99 = _percentile(ours.latencies, 99)
    verdict = "met" if p99 <= GOAL_P99_MS else "missed"
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    print(f"goal p99 <= {GOAL_P99_MS:.0f} ms: {verdict} ({p99:.1f} ms; {load})")


if __name__ == "__main__":
    main()
