"""Helpers for the stocks API tests: generated price histories and a fake provider."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.db.models import F
from django.utils import timezone

from stocks.models import DailyPrice, DataSource, Stock, WeeklyPrice
from stocks.providers.base import SymbolMatch
from stocks.signals import stock_data_changed
from tests.factories import StockFactory

FOUR = Decimal("0.0001")


def business_days(count: int, end: dt.date = dt.date(2024, 6, 14)) -> list[dt.date]:
    days: list[dt.date] = []
    day = end
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    return days[::-1]


def add_bars(
    stock: Any,
    count: int,
    *,
    seed: int = 1,
    model: type[DailyPrice] | type[WeeklyPrice] = DailyPrice,
    dates: list[dt.date] | None = None,
) -> list[Any]:
    """Bulk-create a random-walk history whose OHLC satisfies the database constraints."""
    rng = np.random.default_rng(seed)
    close = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.02, count)))
    opens = close * (1 + rng.normal(0, 0.006, count))
    dates = dates or (
        business_days(count)
        if model is DailyPrice
        else [dt.date(2024, 6, 14) - dt.timedelta(weeks=count - 1 - i) for i in range(count)]
    )
    now = timezone.now()
    rows: list[Any] = []
    for i, day in enumerate(dates):
        o = Decimal(str(opens[i])).quantize(FOUR)
        c = Decimal(str(close[i])).quantize(FOUR)
        h = (max(o, c) * Decimal(str(1 + rng.uniform(0, 0.01)))).quantize(FOUR)
        low = (min(o, c) * Decimal(str(1 - rng.uniform(0, 0.01)))).quantize(FOUR)
        rows.append(
            model(
                stock=stock,
                date=day,
                open_price=o,
                high_price=h,
                low_price=low,
                close_price=c,
                volume=int(rng.integers(100_000, 5_000_000)),
                source=stock.source,
                fetched_at=now,
            )
        )
    return model.objects.bulk_create(rows)


def bump_version(symbol: str, to: int | None = None) -> None:
    """What ingestion does after it writes new rows: a new data version, then (after the commit) its event."""
    Stock.objects.filter(symbol=symbol).update(data_version=F("data_version") + 1 if to is None else to)
    stock_data_changed.send(sender=Stock, symbol=symbol)


@pytest.fixture
def stock(db: Any) -> Any:
    return StockFactory(symbol="ACME", name="Acme Corporation", source=DataSource.SIMULATED)


class FakeProvider:
    """Stands in for the configured provider; records calls and raises what a test asks for."""

    name = "fake"
    calls_unlimited = True

    def __init__(self, matches: list[SymbolMatch] | None = None, error: Exception | None = None) -> None:
        self.matches = matches or []
        self.error = error
        self.searches: list[str] = []

    def search(self, keywords: str) -> list[SymbolMatch]:
        self.searches.append(keywords)
        if self.error is not None:
            raise self.error
        return self.matches


def match(symbol: str, name: str) -> SymbolMatch:
    return SymbolMatch(symbol, name, "Equity", "United States", "USD", Decimal("1.0000"))


@pytest.fixture
def fake_provider(monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    provider = FakeProvider()
    monkeypatch.setattr("stocks.services.symbols.provider_get", lambda: provider)
    return provider
