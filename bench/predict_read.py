"""Prediction reads never train: GET /api/v1/analysis/predict/ latency against /healthz, on PostgreSQL + Redis.

Run `.venv/bin/python bench/predict_read.py`. Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL, default
127.0.0.1) and Redis (REDIS_URL, also the Celery broker). It creates the database `stockvis_bench_predict` from
scratch, stores SYMBOLS stocks with 5,000 daily bars each, then measures in-process (Django's test client, one
request at a time, so the figures are the server's own time without HTTP): /healthz; a read with nothing stored
(answers "preparing" and queues the training, once per stock); the same read again (already queued); and a read
of stored predictions after `predictions_train` made them. Before this issue such a read trained synchronously
(1.4-1.9 s per model and symbol). Then each trained stock gets SCORED_DAYS earlier daily predictions (copies of
its stored ones at earlier as_of dates, as a year of daily training would leave), which `predictions_score`
scores for real, and the stored read is measured again with that track record to sum up. The training tasks it
queued are removed from the broker at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from harness import django_setup, fresh_database_env

DATABASE_NAME = os.environ.get("BENCH_PREDICT_DATABASE", "stockvis_bench_predict")
SYMBOLS = int(os.environ.get("BENCH_SYMBOLS", "40"))
BARS = 5000
TRAINED = 10  # symbols whose predictions are trained for the "stored" reads
SCORED_DAYS = int(os.environ.get("BENCH_SCORED_DAYS", "250"))  # scored predictions per trained stock and model


def _earlier_predictions() -> int:
    """Copy each stored price and trend prediction to SCORED_DAYS earlier as_of dates (all before its horizon)."""
    from ml_models.models import ModelPrediction

    copies = []
    for p in ModelPrediction.objects.filter(model__model_type__in=["price_prediction", "trend_analysis"]):
        for k in range(1, SCORED_DAYS + 1):
            copies.append(
                ModelPrediction(
                    stock_id=p.stock_id,
                    model_id=p.model_id,
                    training_id=p.training_id,
                    data_version=p.data_version,
                    as_of=p.as_of - dt.timedelta(days=30 + k),
                    result=p.result,
                    evaluation=p.evaluation,
                )
            )
    ModelPrediction.objects.bulk_create(copies, batch_size=1000)
    return len(copies)


def _load_data() -> list[str]:
    import numpy as np
    from django.utils import timezone

    from stocks.models import DailyPrice, DataSource, Stock

    rng = np.random.default_rng(42)
    now, symbols = timezone.now(), []
    for i in range(SYMBOLS):
        stock = Stock.objects.create(symbol=f"PB{i}", name=f"Bench {i}", source=DataSource.SIMULATED)
        close = 40 * np.exp(np.cumsum(rng.normal(0.0003, 0.018, BARS)))
        DailyPrice.objects.bulk_create(
            (
                DailyPrice(
                    stock=stock,
                    date=dt.date(2000, 1, 3) + dt.timedelta(days=k),
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
            batch_size=1000,
        )
        symbols.append(stock.symbol)
    return symbols


def _timed(get: Callable[[str], object], paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        started = time.perf_counter()
        get(path)
        out.append((time.perf_counter() - started) * 1000)
    return out


def _p99(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.99 * len(values)) - 1)]


def main() -> None:
    env = fresh_database_env(DATABASE_NAME, THROTTLE_ANON="100000000/min", THROTTLE_USER="100000000/min")
    django_setup(env)
    from django.test import Client

    from config.celery import app as celery_app
    from ml_models.models import TrainingTrigger
    from ml_models.services.scoring import predictions_score
    from ml_models.services.training import predictions_train
    from ml_models.tasks import TRAINING_QUEUE

    symbols = _load_data()
    client = Client(HTTP_HOST="localhost")

    def get(path: str) -> object:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]!r}")
        return response

    predict = [f"/api/v1/analysis/predict/{s}/?model_type=trend_analysis" for s in symbols]
    get("/healthz")
    get(predict[0])  # the first broker connection of the process is set up here, not measured
    healthz = _timed(get, ["/healthz"] * SYMBOLS)
    preparing = _timed(get, predict[1:])
    queued = _timed(get, predict[1:])
    started = time.perf_counter()
    predictions_train(symbols=symbols[:TRAINED], trigger=TrainingTrigger.COMMAND)
    training = time.perf_counter() - started
    stored = _timed(get, predict[:TRAINED] * 4)
    copied = _earlier_predictions()
    started = time.perf_counter()
    scoring = predictions_score()
    scoring_seconds = time.perf_counter() - started
    with_record = _timed(get, predict[:TRAINED] * 4)
    with celery_app.connection_for_write() as connection:
        removed = connection.SimpleQueue(TRAINING_QUEUE).clear()

    base = statistics.median(healthz)
    print(f"\nPrediction reads in-process on PostgreSQL + Redis, {SYMBOLS} stocks x {BARS} daily bars")
    print(f"{'scenario':40} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'p50/base':>9}")
    for name, values in (
        ("healthz (baseline)", healthz),
        ("nothing stored: preparing, queues", preparing),
        ("nothing stored: preparing, already queued", queued),
        ("stored prediction", stored),
        (f"stored, {scoring.scored} scores to sum up", with_record),
    ):
        p50 = statistics.median(values)
        print(f"{name:40} {len(values):4d} {p50:8.2f} {_p99(values):8.2f} {p50 / base:9.2f}")
    print(f"training {TRAINED} symbols x 3 models in one batch: {training:.1f} s; removed {removed} queued tasks")
    print(f"scoring {copied} stored predictions: {scoring.scored} scored in {scoring_seconds:.1f} s")


if __name__ == "__main__":
    main()
