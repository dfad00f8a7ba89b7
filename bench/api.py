"""Stocks API throughput: uvicorn (2 workers) on PostgreSQL + Redis, loaded by wrk, against /healthz as baseline.

Run `make bench` or `.venv/bin/python bench/api.py`. Needs PostgreSQL (the server of BENCH_DATABASE_URL or
DATABASE_URL, default 127.0.0.1), Redis (REDIS_URL) and `wrk` (Debian/Ubuntu: `apt-get install -y wrk`). It creates
the database `stockvis_bench_api` from scratch, stores one stock with 5,000 daily bars, then measures, in one
run: /healthz, chart period=max and indicators (all eight, 1y window), each cached and uncached. Uncached
requests vary a parameter on every request (chart: days, indicators: sma/rsi periods), so each one misses the
cache and runs the full query + computation + render path. Environment: BENCH_SECONDS (default 10),
BENCH_CONNECTIONS (default 16), API_BENCH_PORT (default 8765).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from decimal import Decimal

from harness import django_setup, fresh_database_env, stop, uvicorn_start, wait_healthy

SYMBOL = "BENCH"
BARS = 5000
DATABASE_NAME = "stockvis_bench_api"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PORT = int(os.environ.get("API_BENCH_PORT", "8765"))

# wrk Lua scripts: a new parameter value on every request, so every request misses the cache.
UNCACHED_CHART_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/stocks/api/chart/%s/?days=" .. (7400 + counter %% 12600))
end
"""
UNCACHED_INDICATORS_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local sma = 2 + counter %% 499
  local rsi = 2 + math.floor(counter / 499) %% 199
  local query = "?period=1y&sma_timeperiod=" .. sma .. "&rsi_timeperiod=" .. rsi
  return wrk.format("GET", "/api/v1/stocks/api/indicators/%s/" .. query)
end
"""


@dataclass(frozen=True)
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: str


def _load_data(env: dict[str, str]) -> None:
    """Migrate and store one stock with BARS daily bars (a random walk, valid OHLC)."""
    django_setup(env)
    import numpy as np
    from django.db import connection
    from django.utils import timezone

    from stocks.models import DailyPrice, DataSource, Stock

    # A fresh data_version per run keeps cache entries from earlier runs out of the cached figures.
    stock = Stock.objects.create(
        symbol=SYMBOL, name="Bench Corp", source=DataSource.SIMULATED, data_version=int(time.time()) % 2_000_000_000
    )
    rng = np.random.default_rng(42)
    close = 40 * np.exp(np.cumsum(rng.normal(0.0003, 0.018, BARS)))
    day, dates = dt.date(2024, 12, 31), list[dt.date]()
    while len(dates) < BARS:
        if day.weekday() < 5:
            dates.append(day)
        day -= dt.timedelta(days=1)
    dates.reverse()
    now, four = timezone.now(), Decimal("0.0001")
    rows = []
    for i, date in enumerate(dates):
        c = Decimal(str(close[i])).quantize(four)
        o = (c * Decimal(str(1 + rng.normal(0, 0.005)))).quantize(four)
        rows.append(
            DailyPrice(
                stock=stock,
                date=date,
                open_price=o,
                high_price=(max(o, c) * Decimal("1.006")).quantize(four),
                low_price=(min(o, c) * Decimal("0.994")).quantize(four),
                close_price=c,
                volume=int(rng.integers(1_000_000, 9_000_000)),
                source=DataSource.SIMULATED,
                fetched_at=now,
            )
        )
    DailyPrice.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:  # what autovacuum would do soon after a bulk load
        cursor.execute(f"ANALYZE {DailyPrice._meta.db_table}")


def _start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = uvicorn_start(env, PORT, "--workers", "2", "--no-access-log", "--log-level", "warning")
    wait_healthy([server], [PORT], 60)
    return server


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _find(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        sys.exit(f"Could not read {pattern!r} from wrk's output:\n{text}")
    return found.group(1)


def _ms(text: str) -> float:
    value, unit = _find(r"^([\d.]+)(?:us|ms|s|m)$", text), _find(r"(us|ms|s|m)$", text)
    return float(value) * _UNITS[unit]


def _wrk(name: str, path: str, lua: str | None = None) -> Result:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if lua:
            script.write(lua % SYMBOL)
            command += ["-s", script.name]
    command.append(f"http://127.0.0.1:{PORT}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    rps = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    p50 = _ms(_find(r"\s50%\s+(\S+)", output))
    p99 = _ms(_find(r"\s99%\s+(\S+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    problems = [f"non-2xx {errors.group(1)}"] if errors else []
    if socket_errors:
        problems.append(f"socket {socket_errors.group(1)}")
    return Result(name, rps, p50, p99, ", ".join(problems))


def _check(path: str, expect: bytes) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:
        body = response.read()
    if expect not in body:
        sys.exit(f"{path} did not return what the benchmark expects ({expect!r}); aborting.")


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("bench/api.py needs wrk: apt-get install -y wrk (Debian/Ubuntu) or brew install wrk.")
    env = fresh_database_env(DATABASE_NAME, THROTTLE_ANON="100000000/min", THROTTLE_USER="100000000/min")
    _load_data(env)
    server = _start_server(env)
    chart = f"/api/v1/stocks/api/chart/{SYMBOL}/?period=max"
    indicators = f"/api/v1/stocks/api/indicators/{SYMBOL}/?period=1y"
    try:
        _check(chart, f'"count":{BARS}'.encode())
        _check(indicators, b'"atr"')
        results = [
            _wrk("healthz (baseline)", "/healthz"),
            _wrk("chart max, cached", chart),
            _wrk("chart max, uncached", "/", UNCACHED_CHART_LUA),
            _wrk("indicators 8 x 1y, cached", indicators),
            _wrk("indicators 8 x 1y, uncached", "/", UNCACHED_INDICATORS_LUA),
        ]
    finally:
        stop([server])
    base = results[0]
    print(f"\nStocks API on uvicorn x2 workers, PostgreSQL + Redis, {BARS} daily bars, wrk -c{CONNECTIONS} {SECONDS}s")
    print(f"{'scenario':32} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'rps/base':>9} {'p50/base':>9}  errors")
    for r in results:
        print(
            f"{r.name:32} {r.requests_per_second:9.1f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} "
            f"{r.requests_per_second / base.requests_per_second:9.2f} {r.p50_ms / base.p50_ms:9.2f}  {r.errors or '-'}"
        )
    by_name = {r.name: r for r in results}
    cached_indicators = by_name["indicators 8 x 1y, cached"].requests_per_second
    goals = [
        ("cached chart >= 0.5x baseline req/s", by_name["chart max, cached"].requests_per_second, 0.5, "rps"),
        ("cached indicators >= 0.5x baseline req/s", cached_indicators, 0.5, "rps"),
        ("uncached chart p50 <= 4x baseline p50", by_name["chart max, uncached"].p50_ms, 4.0, "p50"),
    ]
    for label, value, factor, kind in goals:
        ratio = value / (base.requests_per_second if kind == "rps" else base.p50_ms)
        met = ratio >= factor if kind == "rps" else ratio <= factor
        print(f"goal: {label}: {ratio:.2f}x -> {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
