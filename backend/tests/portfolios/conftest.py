"""Fixtures for portfolio tests: a fake market-data provider and a recorder for background collection starts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stocks.models import DailyPrice, DataSource, IngestionStatus, Stock
from stocks.providers.base import SymbolMatch
from stocks.providers.errors import ProviderError
from tests.portfolios.factories import new_stock


@dataclass
class FakeProvider:
    """Knows the symbols in `known`; raises `error` from search when set; counts calls."""

    name: str = "simulated"
    calls_unlimited: bool = True
    known: dict[str, str] = field(default_factory=lambda: {"NEWCO": "New Company Inc."})
    error: ProviderError | None = None
    searches: list[str] = field(default_factory=list)

    def search(self, keywords: str) -> list[SymbolMatch]:
        self.searches.append(keywords)
        if self.error is not None:
            raise self.error
        return [
            SymbolMatch(symbol=s, name=n, type="Equity", region="United States", currency="USD", match_score=Decimal(1))
            for s, n in self.known.items()
            if s.startswith(keywords)
        ]


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    fake = FakeProvider()
    monkeypatch.setattr("stocks.services.symbols.provider_get", lambda: fake)
    return fake


@pytest.fixture
def collection_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Symbols passed to collection_start, which records pending steps like the real one and answers True the
    first time per symbol."""
    calls: list[str] = []

    def fake_start(*, symbol: str) -> bool:
        first = symbol not in calls
        calls.append(symbol)
        for step in ("overview", "daily", "weekly", "financials"):
            IngestionStatus.objects.get_or_create(stock_id=symbol, step=step)
        return first

    monkeypatch.setattr("portfolios.services.stocks.collection_start", fake_start)
    return calls


def add_closes(symbol: str, closes: dict[dt.date, str] | list[tuple[dt.date, str]], **stock: Any) -> Stock:
    """Store daily bars with the given closes (open/high/low around the close)."""
    stock_obj = new_stock(symbol=symbol, **stock)
    items = closes.items() if isinstance(closes, dict) else closes
    DailyPrice.objects.bulk_create(
        [
            DailyPrice(
                stock=stock_obj,
                date=date,
                open_price=Decimal(close),
                high_price=Decimal(close),
                low_price=Decimal(close),
                close_price=Decimal(close),
                volume=1000,
                source=DataSource.SIMULATED,
                fetched_at=timezone.now(),
            )
            for date, close in items
        ]
    )
    return stock_obj
