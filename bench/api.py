"""Stocks API throughput: uvicorn (2 workers) on PostgreSQL + Redis, loaded by wrk, against a bare ASGI app.

Run `make bench` or `.venv/bin/python bench/api.py`. Needs PostgreSQL (the server of BENCH_DATABASE_URL or
DATABASE_URL, default 127.0.0.1), Redis (REDIS_URL) and `wrk` (Debian/Ubuntu: `apt-get install -y wrk`). It creates
the database BENCH_API_DATABASE (default `stockvis_bench_api`) from scratch, stores one stock with 5,000 daily bars,
then measures, in one run: /healthz, chart period=max and indicators (all eight, 1y window), each cached and
uncached, the cached chart both as plain JSON and gzip-compressed (`Accept-Encoding: gzip`). The limit beside them is
a bare ASGI app (bench/bare_asgi.py) on the same uvicorn with the same options, serving the very bytes the API
answered (healthz, the chart plain and gzipped) from memory. Uncached requests vary a parameter on every request
(chart: days, indicators: sma/rsi periods), so each one misses the cache and runs the full query + computation +
render path. Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 8), API_BENCH_PORT (default 8765;
the bare app listens on the next port).
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
from pathlib import Path

from harness import BACKEND, PYTHON, django_setup, fresh_database_env, stop, uvicorn_start, wait_healthy

SYMBOL = "BENCH"
BARS = 5000
DATABASE_NAME = os.environ.get("BENCH_API_DATABASE", "stockvis_bench_api")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PORT = int(os.environ.get("API_BENCH_PORT", "8765"))
BARE_PORT = PORT + 1
BENCH_DIR = Path(__file__).resolve().parent
GZIP = {"Accept-Encoding": "gzip"}

# Every request comes from one of CLIENTS users behind the web app's proxy (X-Forwarded-For, NUM_PROXIES=1), as in
# production; from a single address the throttle's per-client history would grow to every request of the run.
CLIENTS = 1000
CLIENTS_LUA = f"""
clients = 0
client = function()
  clients = clients + 1
  local headers = {{}}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["X-Forwarded-For"] = "10.0." .. math.floor((clients %% {CLIENTS}) / 250) .. "." .. (clients %% 250)
  return headers
end
"""
FIXED_LUA = """
request = function()
  return wrk.format("GET", "%s", client())
end
"""
# A new parameter value on every request, so every request misses the cache.
UNCACHED_CHART_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/stocks/api/chart/%s/?days=" .. (7400 + counter %% 12600), client())
end
"""
UNCACHED_INDICATORS_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local sma = 2 + counter %% 499
  local rsi = 2 + math.floor(counter / 499) %% 199
  local query = "?period=1y&sma_timeperiod=" .. sma .. "&rsi_timeperiod=" .. rsi
  return wrk.format("GET", "/api/v1/stocks/api/indicators/%s/" .. query, client())
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


UVICORN_OPTIONS = ("--workers", "2", "--no-access-log", "--log-level", "warning")


def _start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = uvicorn_start(env, PORT, *UVICORN_OPTIONS)
    wait_healthy([server], [PORT], 60)
    return server


def _fetch(path: str, headers: dict[str, str] | None = None, port: int = PORT) -> tuple[bytes, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (an http:// URL built above)
        return response.read(), response.headers.get("Content-Encoding", "")


def _start_bare(bodies: Path, paths: dict[str, str]) -> subprocess.Popen[bytes]:
    """bench/bare_asgi.py on the same uvicorn, serving what the API answered for each path, plain and gzipped."""
    for name, path in paths.items():
        plain, _ = _fetch(path)
        zipped, encoding = _fetch(path, GZIP)
        (bodies / f"{name}.json").write_bytes(plain)
        if encoding == "gzip":
            (bodies / f"{name}.json.gz").write_bytes(zipped)
    env = {**os.environ, "BARE_BODIES": str(bodies), "PYTHONPATH": str(BENCH_DIR)}
    command = [str(PYTHON), "-m", "uvicorn", "bare_asgi:app", "--host", "127.0.0.1", "--port", str(BARE_PORT)]
    bare = subprocess.Popen([*command, *UVICORN_OPTIONS], cwd=BACKEND, env=env, start_new_session=True)
    wait_healthy([bare], [BARE_PORT], 60)
    return bare


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _find(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        sys.exit(f"Could not read {pattern!r} from wrk's output:\n{text}")
    return found.group(1)


def _ms(text: str) -> float:
    value, unit = _find(r"^([\d.]+)(?:us|ms|s|m)$", text), _find(r"(us|ms|s|m)$", text)
    return float(value) * _UNITS[unit]


def _wrk(name: str, path: str, lua: str | None = None, *, port: int = PORT, gzip: bool = False) -> Result:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write((CLIENTS_LUA + lua) % SYMBOL if lua else (CLIENTS_LUA + FIXED_LUA) % path)
        command += ["-s", script.name]
    command.append(f"http://127.0.0.1:{port}{path}")
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


def _row(result: Result, base: Result | None) -> str:
    ratios = (
        f"{result.requests_per_second / base.requests_per_second:9.3f} {result.p50_ms / base.p50_ms:9.2f} "
        f"{result.p99_ms / base.p99_ms:9.2f}"
        if base
        else f"{'':9} {'':9} {'':9}"
    )
    return (
        f"{result.name:34} {result.requests_per_second:9.1f} {result.p50_ms:8.2f} {result.p99_ms:8.2f} {ratios}  "
        f"{result.errors or '-'}"
    )


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("bench/api.py needs wrk: apt-get install -y wrk (Debian/Ubuntu) or brew install wrk.")
    env = fresh_database_env(DATABASE_NAME, THROTTLE_ANON="100000000/min", THROTTLE_USER="100000000/min")
    _load_data(env)
    server = _start_server(env)
    chart = f"/api/v1/stocks/api/chart/{SYMBOL}/?period=max"
    indicators = f"/api/v1/stocks/api/indicators/{SYMBOL}/?period=1y"
    bare: subprocess.Popen[bytes] | None = None
    try:
        _check(chart, f'"count":{BARS}'.encode())
        _check(indicators, b'"atr"')
        with tempfile.TemporaryDirectory(prefix="stockvis-bare-") as bodies:
            bare = _start_bare(Path(bodies), {"healthz": "/healthz", "chart": chart})
            sizes = {p.name: p.stat().st_size for p in Path(bodies).iterdir()}
            pairs = [
                (_wrk("healthz", "/healthz"), _wrk("bare: healthz bytes", "/healthz", port=BARE_PORT)),
                (_wrk("chart max, cached", chart), _wrk("bare: chart bytes", "/chart", port=BARE_PORT)),
                (
                    _wrk("chart max, cached, gzip", chart, gzip=True),
                    _wrk("bare: chart bytes, gzip", "/chart", port=BARE_PORT, gzip=True),
                ),
            ]
        others = [
            _wrk("chart max, uncached", "/", UNCACHED_CHART_LUA),
            _wrk("indicators 8 x 1y, cached", indicators),
            _wrk("indicators 8 x 1y, uncached", "/", UNCACHED_INDICATORS_LUA),
        ]
    finally:
        stop([server, *([bare] if bare else [])])
    print(f"\nStocks API on uvicorn x2 workers, PostgreSQL + Redis, {BARS} daily bars, wrk -c{CONNECTIONS} {SECONDS}s")
    print(
        f"chart body {sizes['chart.json']:,} bytes plain, "
        f"{sizes.get('chart.json.gz', sizes['chart.json']):,} bytes gzipped; ratios are against the line below each"
    )
    print(f"{'scenario':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'rps/bare':>9} {'p50/bare':>9} {'p99/bare':>9}")
    for result, base in pairs:
        print(_row(result, base))
        print(_row(base, None))
    healthz = pairs[0][0]
    print(f"{'':34} {'':9} {'':8} {'':8} {'rps/hz':>9} {'p50/hz':>9} {'p99/hz':>9}  (against /healthz)")
    for result in others:
        print(_row(result, healthz))
    by_name = {r.name: r for r, _ in pairs} | {r.name: r for r in others}
    bare_of = {r.name: b for r, b in pairs}
    goals: list[tuple[str, float, bool]] = []
    for name in ("chart max, cached", "chart max, cached, gzip"):
        ratio = by_name[name].requests_per_second / bare_of[name].requests_per_second
        goals.append((f"{name} >= 0.3x bare req/s", ratio, ratio >= 0.3))
        goals.append((f"{name} p99 <= 50 ms", by_name[name].p99_ms, by_name[name].p99_ms <= 50))
    ratio = healthz.requests_per_second / bare_of["healthz"].requests_per_second
    goals.append(("healthz >= 0.5x bare req/s", ratio, ratio >= 0.5))
    ratio = by_name["chart max, uncached"].p50_ms / healthz.p50_ms
    goals.append(("uncached chart p50 <= 4x healthz p50", ratio, ratio <= 4))
    for label, value, met in goals:
        unit = " ms" if label.endswith("ms") else "x"
        print(f"goal: {label}: {value:.2f}{unit} -> {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
