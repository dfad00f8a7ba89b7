"""Bar writes (COPY + INSERT ... SELECT on PostgreSQL, executemany on SQLite): a first load, then an overlapping
batch that changes some bars, adds others and leaves the rest as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from django.db import transaction

from stocks.models import DailyPrice, Stock
from stocks.providers.base import PriceBars
from stocks.services.ingestion import price_bars_upsert

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = dt.datetime(2026, 1, 5, 22, 0, tzinfo=dt.UTC)
LATER = FIRST + dt.timedelta(days=1)


def bars(start: int, count: int, close_units: int) -> PriceBars:
    days = np.datetime64("2025-01-02") + np.arange(start, start + count)
    close = np.full(count, close_units)
    return PriceBars(days, close - 100, close + 500, close - 500, close, np.arange(count) + 1_000)


def write(series: PriceBars, at: dt.datetime) -> int:
    with transaction.atomic():
        return price_bars_upsert(symbol="KO", interval="daily", bars=series, source="csv", fetched_at=at)


def test_first_load_then_an_overlapping_batch_writes_only_what_changed() -> None:
    Stock.objects.create(symbol="KO", source="csv")
    assert write(bars(0, 10, 600_000), FIRST) == 10
    changed = bars(5, 8, 600_000)
    changed.close[:2] += 1  # two stored bars get a new close; three stay; three are new
    write(changed, LATER)
    stored = list(DailyPrice.objects.filter(stock_id="KO").order_by("date").values_list("close_price", "fetched_at"))
    assert len(stored) == 13
    assert stored[4] == (Decimal("60.0000"), FIRST)
    assert stored[5] == (Decimal("60.0001"), LATER)
    assert stored[7][0] == Decimal("60.0000")
    assert stored[12] == (Decimal("60.0000"), LATER)
    write(changed, LATER)  # idempotent
    assert DailyPrice.objects.filter(stock_id="KO").count() == 13
