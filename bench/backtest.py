"""Backtest and candlestick-pattern cost on 20 years of daily bars: the bare numpy computation (baseline) against
the selector (database read + split adjustment + computation) and the API path, uncached and cached.

Run `.venv/bin/python bench/backtest.py` (make bench runs it). Needs PostgreSQL (BENCH_DATABASE_URL or
DATABASE_URL, default 127.0.0.1) and Redis (REDIS_URL). It creates the database `stockvis_bench_backtest` from
scratch and stores one stock with 5,000 daily bars and a 4-for-1 split, then measures in-process (Django's test
client, one request at a time: the server's own time without HTTP). Uncached API requests change commission_bps
(backtest) or recent_bars (patterns) on every request, so each one misses the cache. BENCH_REPEATS (default 15).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from harness import django_setup, fresh_database_env

DATABASE_NAME = "stockvis_bench_backtest"
SYMBOL = "BTEST"
BARS = 5000  # about 20 years of trading days
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))


def _load_data() -> None:
    import numpy as np
    from django.utils import timezone

    from stocks.models import CorporateAction, DailyPrice, DataSource, Stock

    rng = np.random.default_rng(7)
    now = timezone.now()
    stock = Stock.objects.create(symbol=SYMBOL, name="Backtest bench", source=DataSource.SIMULATED)
    close = 40 * np.exp(np.cumsum(rng.normal(0.0003, 0.018, BARS)))
    opens = close * (1 + rng.normal(0, 0.006, BARS))
    days = [dt.date(2005, 1, 3) + dt.timedelta(days=k * 7 // 5) for k in range(BARS)]
    DailyPrice.objects.bulk_create(
        (
            DailyPrice(
                stock=stock,
                date=days[k],
                open_price=Decimal(f"{o:.4f}"),
                high_price=Decimal(f"{max(o, c) * 1.008:.4f}"),
                low_price=Decimal(f"{min(o, c) * 0.992:.4f}"),
                close_price=Decimal(f"{c:.4f}"),
                volume=1_000_000,
                source=DataSource.SIMULATED,
                fetched_at=now,
            )
            for k, (o, c) in enumerate(zip(opens, close, strict=True))
        ),
        batch_size=1000,
    )
    CorporateAction.objects.create(
        stock=stock,
        kind="split",
        ex_date=days[BARS // 2],
        ratio=Decimal(4),
        source=DataSource.SIMULATED,
        fetched_at=now,
    )


def _timed(run: Callable[[int], object]) -> float:
    """Median milliseconds of `run(i)` over REPEATS calls (after one warm-up call)."""
    run(-1)
    times = []
    for i in range(REPEATS):
        started = time.perf_counter()
        run(i)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    env = fresh_database_env(DATABASE_NAME, THROTTLE_ANON="100000000/min", THROTTLE_USER="100000000/min")
    django_setup(env)
    from django.test import Client

    from analysis.backtest import Costs, backtest
    from analysis.patterns import PATTERNS, patterns_scan
    from stocks.selectors.adjusted import adjusted_bars_get
    from stocks.selectors.prices import stock_version_get
    from stocks.selectors.strategy import backtest_get, patterns_get

    _load_data()
    client = Client(HTTP_HOST="localhost")
    stock = stock_version_get(symbol=SYMBOL)
    series = adjusted_bars_get(symbol=SYMBOL, interval="daily", adjustment="split")
    bars, dates = series.bars, [d.isoformat() for d in series.dates]
    names = list(PATTERNS)

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]!r}")

    backtest_url = f"/api/v1/analysis/backtest/{SYMBOL}/?rule=composite&slippage_bps=5&commission_bps="
    patterns_url = f"/api/v1/analysis/patterns/{SYMBOL}/?recent_bars="
    rows = {
        "backtest": [
            (
                "bare numpy engine (baseline)",
                lambda i: backtest(bars, rule="composite", mode="long_flat", costs=Costs(1, 5), start=0, end=BARS),
            ),
            (
                "selector: read + adjust + engine",
                lambda i: backtest_get(
                    stock=stock, rule="composite", mode="long_flat", costs=Costs(1, 5), start=None, end=None
                ),
            ),
            ("API uncached", lambda i: get(f"{backtest_url}{i + 2}")),
            ("API cached", lambda i: get(f"{backtest_url}1")),
        ],
        "patterns (all 61)": [
            ("bare TA-Lib scan (baseline)", lambda i: patterns_scan(bars, dates, names=names)),
            ("selector: read + adjust + scan", lambda i: patterns_get(stock=stock, names=names, recent_bars=60)),
            ("API uncached", lambda i: get(f"{patterns_url}{i + 100}")),
            ("API cached", lambda i: get(f"{patterns_url}60")),
        ],
    }
    print(f"\nBacktest and patterns in-process on PostgreSQL + Redis, one stock x {BARS} daily bars, {REPEATS} runs")
    print(f"{'scenario':52} {'p50 ms':>9} {'ratio':>7}")
    for group, scenarios in rows.items():
        base = None
        for name, run in scenarios:
            p50 = _timed(run)
            base = base or p50
            print(f"{group + ': ' + name:52} {p50:9.2f} {p50 / base:7.2f}")


if __name__ == "__main__":
    main()
