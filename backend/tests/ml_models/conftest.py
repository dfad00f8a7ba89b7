"""Fixtures: stored price histories, and the real broker's training queue read the way a worker would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

from config.celery import app as celery_app
from ml_models.tasks import TRAINING_QUEUE
from stocks.models import DailyPrice, Stock
from tests.factories import StockFactory

START = dt.date(2010, 1, 1)


def store_history(symbol: str, n: int, seed: int = 11, close: np.ndarray | None = None) -> Stock:
    """A stock with `n` daily bars from 2010-01-01 (a seeded random walk unless `close` is given)."""
    stock = StockFactory.create(symbol=symbol)
    if close is None:
        rng = np.random.default_rng(seed)
        close = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, n)))
    now = timezone.now()
    DailyPrice.objects.bulk_create(
        DailyPrice(
            stock=stock,
            date=START + dt.timedelta(days=i),
            open_price=Decimal(f"{c:.4f}"),
            high_price=Decimal(f"{c * 1.01:.4f}"),
            low_price=Decimal(f"{c * 0.99:.4f}"),
            close_price=Decimal(f"{c:.4f}"),
            volume=1_000_000 + i,
            fetched_at=now,
        )
        for i, c in enumerate(close)
    )
    return stock


def _drain() -> list[tuple[str, list[Any]]]:
    """Take every message off the training queue, as a worker would: (task name, args) in queue order."""
    taken: list[tuple[str, list[Any]]] = []
    with celery_app.connection_for_read() as connection:
        queue = connection.SimpleQueue(TRAINING_QUEUE)
        try:
            while True:
                try:
                    message = queue.get(block=False)
                except queue.Empty:
                    break
                args, _kwargs, _embed = message.decode()
                taken.append((message.headers["task"], list(args)))
                message.ack()
        finally:
            queue.close()
    return taken


@pytest.fixture
def training_queue() -> Iterator[Callable[[], list[list[Any]]]]:
    """Returns a function giving the args of every training task queued since the test started."""
    _drain()  # messages other tests left behind

    def queued() -> list[list[Any]]:
        return [args for name, args in _drain() if name == "ml_models.tasks.predictions_train"]

    yield queued
    _drain()
