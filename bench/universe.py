"""Universe retrain time: 500 symbols x 20 years of daily bars on this 2-core machine (goal: under 5 minutes).

Run `.venv/bin/python bench/universe.py [--symbols N] [--years Y] [--threads T]` (defaults 500, 20, 1). The bars
are simulated in memory (random walks with clustering volatility and lognormal volume, seeded), so the figure is
the training itself: building the feature panel, both universe models' walk-forward folds and final fits, the
daily IC scores and every symbol's Diebold-Mariano test, calibration and conformal bands, as
`ml_models.services.universe.universe_train` runs them after reading the bars (the database read is not timed).
Baseline, measured in the same run: one bare `lightgbm.train` of the price model's learner on the same prepared
feature matrix (every row, no folds), so the ratio says how many bare fits the whole retrain costs. Wall and CPU
time are both printed: on a shared machine the wall time also counts other processes' turns on the cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

GOAL_SECONDS = 300.0
TRADING_DAYS_PER_YEAR = 252


def _simulate(symbols: int, years: int, seed: int = 42) -> list:
    import numpy as np

    from ml_models.universe import SymbolBars

    rng = np.random.default_rng(seed)
    bars = years * TRADING_DAYS_PER_YEAR
    dates = np.busday_offset(np.datetime64("2000-01-03"), np.arange(bars), roll="forward")
    # GARCH-like volatility clustering without a Python loop: a smoothed lognormal volatility path per symbol.
    log_vol = np.cumsum(rng.normal(0.0, 0.05, (symbols, bars)), axis=1)
    log_vol -= np.maximum.accumulate(np.abs(log_vol), axis=1) * 0.5
    sigma = 0.015 * np.exp(np.clip(log_vol, -1.0, 1.0))
    returns = rng.normal(0.0002, 1.0, (symbols, bars)) * sigma
    close = 40.0 * np.exp(np.cumsum(returns, axis=1))
    volume = 1e6 * np.exp(rng.normal(0.0, 0.3, (symbols, bars)))
    return [SymbolBars(f"B{i:03d}", dates, close[i], volume[i]) for i in range(symbols)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symbols", type=int, default=500)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="LightGBM threads (the product's default is 1)",
    )
    args = parser.parse_args()

    import lightgbm as lgb
    import numpy as np

    from ml_models import significance, universe

    universe_bars = _simulate(args.symbols, args.years)
    rows = args.symbols * args.years * TRADING_DAYS_PER_YEAR
    print(f"universe: {args.symbols} symbols x {args.years} years = {rows:,} bars, {args.threads} thread(s)")

    clock, cpu = time.perf_counter(), time.process_time()
    panel = universe.panel_build(universe_bars)
    built = time.perf_counter() - clock
    price = universe.price_train(panel, threads=args.threads)
    priced = time.perf_counter() - clock - built
    trend = universe.trend_train(panel, threads=args.threads)
    trended = time.perf_counter() - clock - built - priced
    tested = [(r.price or r.trend).evaluation.test.p_value for m in (price, trend) for r in m.results.values()]
    significance.benjamini_hochberg(tested)
    total, total_cpu = time.perf_counter() - clock, time.process_time() - cpu

    scored = ~np.isnan(panel.fwd_price)
    clock, cpu = time.perf_counter(), time.process_time()
    dataset = lgb.Dataset(
        panel.x[scored],
        label=panel.fwd_price[scored],
        params={"max_bin": 63, "verbose": -1},
    )
    lgb.train(
        {**universe.LEARNER, "objective": "regression", "num_threads": args.threads},
        dataset,
        universe.ROUNDS,
    )
    baseline, baseline_cpu = time.perf_counter() - clock, time.process_time() - cpu

    print(f"feature panel: {built:.1f} s ({panel.x.shape[0]:,} rows x {panel.x.shape[1]} features)")
    print(f"price model (4 folds + final fit, scores, claims, bands): {priced:.1f} s")
    print(f"trend model (4 folds + final fit, scores, claims, calibration): {trended:.1f} s")
    verdict = "met" if total < GOAL_SECONDS else "NOT met"
    print(f"universe retrain total: {total:.1f} s wall, {total_cpu:.1f} s CPU; goal {GOAL_SECONDS:.0f} s: {verdict}")
    print(
        f"baseline, one bare lightgbm.train on all {int(scored.sum()):,} rows: "
        f"{baseline:.1f} s wall, {baseline_cpu:.1f} s CPU"
    )
    print(f"ratio retrain / bare fit: {total / baseline:.2f} wall, {total_cpu / baseline_cpu:.2f} CPU")
    print(f"simulated noise, so no skill expected: price IC {price.metrics.ic:+.4f}, trend IC {trend.metrics.ic:+.4f}")


if __name__ == "__main__":
    main()
