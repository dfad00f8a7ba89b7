"""Portfolio optimisation of 30 symbols x 10 years of daily bars, against the bare PyPortfolioOpt call in the same run.

Run `make bench` or `.venv/bin/python bench/optimise.py`. Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL,
default 127.0.0.1). It creates the database `stockvis_bench_optimise` from scratch, stores SYMBOLS stocks with BARS
daily bars each (one dividend a year each, so the total-return adjustment has work), then measures in-process,
the median of REPEATS runs after one warm-up (cvxpy compiles its problems on first use):
- baseline: the bare pypfopt call on precomputed arrays (Ledoit-Wolf and mean return on a ready DataFrame, one
  max-Sharpe solve);
- the pure `analysis.optimisation.optimise` (estimates, the minimum-volatility floor, max Sharpe, a 20-point
  frontier) on the same closes;
- its walk-forward test over the whole history (504 closes to train, 63 to hold);
- the stored closes read: 30 `adjusted_bars_get(adjustment="total")` reads aligned on common dates;
- the full request: POST /api/v1/analysis/optimise/ (reads, optimisation, frontier, walk-forward, whole shares,
  rendering) through Django's test client.
Environment: BENCH_SYMBOLS (30), BENCH_YEARS (10), BENCH_REPEATS (3).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from harness import django_setup, fresh_database_env

DATABASE_NAME = "stockvis_bench_optimise"
SYMBOLS = int(os.environ.get("BENCH_SYMBOLS", "30"))
BARS = 252 * int(os.environ.get("BENCH_YEARS", "10"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
LOOKBACK = 504
REBALANCE = 63


def _load_data() -> list[str]:
    import numpy as np
    from django.utils import timezone

    from stocks.models import CorporateAction, CorporateActionKind, DailyPrice, DataSource, Stock

    rng = np.random.default_rng(7)
    now, symbols = timezone.now(), []
    dates = [dt.date(2010, 1, 4) + dt.timedelta(days=k) for k in range(BARS)]
    market = rng.normal(0.0003, 0.009, BARS)
    for i in range(SYMBOLS):
        stock = Stock.objects.create(symbol=f"OPT{i}", name=f"Bench {i}", source=DataSource.SIMULATED)
        beta, own = rng.uniform(0.5, 1.5), rng.uniform(0.008, 0.02)
        close = 40 * np.exp(np.cumsum(beta * market + rng.normal(0.0001, own, BARS)))
        DailyPrice.objects.bulk_create(
            (
                DailyPrice(
                    stock=stock,
                    date=dates[k],
                    open_price=Decimal(f"{c:.4f}"),
                    high_price=Decimal(f"{c * 1.01:.4f}"),
                    low_price=Decimal(f"{c * 0.99:.4f}"),
                    close_price=Decimal(f"{c:.4f}"),
                    volume=1_000_000,
                    source=DataSource.SIMULATED,
                    fetched_at=now,
                )
                for k, c in enumerate(close)
            ),
            batch_size=2000,
        )
        CorporateAction.objects.bulk_create(
            CorporateAction(
                stock=stock,
                kind=CorporateActionKind.DIVIDEND,
                ex_date=dates[k],
                amount=Decimal(f"{close[k] * 0.005:.4f}"),
                source=DataSource.SIMULATED,
                fetched_at=now,
            )
            for k in range(200, BARS, 252)
        )
        symbols.append(stock.symbol)
    return symbols


def _median_seconds(run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    django_setup(fresh_database_env(DATABASE_NAME, THROTTLE_USER="100000000/min"))
    import numpy as np
    import pandas as pd
    from pypfopt import EfficientFrontier, expected_returns, risk_models
    from rest_framework.test import APIClient

    from analysis.optimisation import Spec, optimise, walk_forward
    from stocks.selectors.adjusted import adjusted_bars_get
    from users.models import User

    symbols = _load_data()
    client = APIClient(HTTP_HOST="localhost")
    client.force_authenticate(User.objects.create_user(username="bench"))

    def read() -> np.ndarray:
        columns = [adjusted_bars_get(symbol=s, adjustment="total") for s in symbols]
        common = sorted(set.intersection(*(set(c.dates) for c in columns)))
        return np.column_stack([c.bars.close[-len(common) :] for c in columns])

    closes = read()
    window = closes[-(LOOKBACK + 1) :]
    frame = pd.DataFrame(window, columns=symbols)
    spec = Spec(method="max_sharpe", max_weight=0.2)

    def bare() -> object:
        mu = expected_returns.mean_historical_return(frame)
        cov = risk_models.CovarianceShrinkage(frame).ledoit_wolf()
        return EfficientFrontier(mu, cov, weight_bounds=(0, 0.2)).max_sharpe(risk_free_rate=0.02)

    def request() -> object:
        body = {
            "symbols": symbols,
            "method": "max_sharpe",
            "max_weight": 0.2,
            "lookback_days": LOOKBACK,
            "rebalance_days": REBALANCE,
            "evaluation_days": BARS,
            "cash": 100_000,
        }
        response = client.post("/api/v1/analysis/optimise/", body, format="json")
        if response.status_code != 200:
            raise SystemExit(f"optimise answered {response.status_code}: {response.content[:300]!r}")
        return response

    periods = walk_forward(closes, spec, current_weights=None, train_days=LOOKBACK, hold_days=REBALANCE).periods
    figures = [
        ("bare pypfopt max_sharpe (baseline)", _median_seconds(bare)),
        ("optimise(): floor, max Sharpe, 20-point frontier", _median_seconds(lambda: optimise(window, spec))),
        (
            f"walk-forward, {periods} re-optimisations",
            _median_seconds(
                lambda: walk_forward(closes, spec, current_weights=None, train_days=LOOKBACK, hold_days=REBALANCE)
            ),
        ),
        ("read 30 total-return series, align", _median_seconds(read)),
        ("POST /api/v1/analysis/optimise/ (all of it)", _median_seconds(request)),
    ]
    base = figures[0][1]
    print(f"\nPortfolio optimisation on PostgreSQL, {SYMBOLS} symbols x {BARS} daily bars, median of {REPEATS}")
    print(f"{'scenario':52} {'seconds':>9} {'x baseline':>11}")
    for name, seconds in figures:
        print(f"{name:52} {seconds:9.3f} {seconds / base:11.1f}")


if __name__ == "__main__":
    main()
