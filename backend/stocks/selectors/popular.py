"""The popular list: most held and watched stocks, topped up from a curated list of large caps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from stocks.interest import symbol_interest
from stocks.models import Stock

POPULAR_LIMIT = 10

CURATED_POPULAR: tuple[tuple[str, str], ...] = (
    ("AAPL", "Apple Inc."),
    ("MSFT", "Microsoft Corporation"),
    ("NVDA", "NVIDIA Corporation"),
    ("AMZN", "Amazon.com Inc."),
    ("GOOGL", "Alphabet Inc. Class A"),
    ("META", "Meta Platforms Inc."),
    ("TSLA", "Tesla Inc."),
    ("BRK.B", "Berkshire Hathaway Inc. Class B"),
    ("JPM", "JPMorgan Chase & Co."),
    ("V", "Visa Inc."),
    ("AVGO", "Broadcom Inc."),
    ("NFLX", "Netflix Inc."),
)


@dataclass(frozen=True, slots=True)
class PopularSymbol:
    symbol: str
    name: str
    holders: int
    watchers: int
    reason: Literal["users", "curated"]
    in_database: bool


@dataclass(frozen=True, slots=True)
class PopularSymbols:
    results: Sequence[PopularSymbol]

    @property
    def count(self) -> int:
        return len(self.results)


def popular_symbols_get(*, limit: int = POPULAR_LIMIT) -> PopularSymbols:
    """Most held and watched stocks (holders count double), topped up from a curated list of large caps."""
    interest = symbol_interest()
    holders, watchers = interest.held_counts(), interest.watched_counts()
    ranked = sorted(set(holders) | set(watchers), key=lambda s: (-(2 * holders.get(s, 0) + watchers.get(s, 0)), s))[
        :limit
    ]
    names = dict(Stock.objects.filter(symbol__in=ranked).values_list("symbol", "name"))
    results = [
        PopularSymbol(s, names.get(s, ""), holders.get(s, 0), watchers.get(s, 0), "users", in_database=True)
        for s in ranked
    ]
    stored = set(Stock.objects.filter(symbol__in=[s for s, _ in CURATED_POPULAR]).values_list("symbol", flat=True))
    for symbol, name in CURATED_POPULAR:
        if len(results) >= limit:
            break
        if symbol not in ranked:
            results.append(PopularSymbol(symbol, name, 0, 0, "curated", in_database=symbol in stored))
    return PopularSymbols(results)
