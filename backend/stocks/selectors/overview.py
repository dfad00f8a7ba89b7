"""The company overview and last quote, as stored, with the stock's one last price (`last_price`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stocks.models import Stock
from stocks.selectors.last_price import LastPrice, last_price_get
from stocks.selectors.prices import Sourced, StockVersion

_OVERVIEW_EXCLUDED = {
    "symbol",
    "source",
    "data_version",
    "intraday_version",
    "intraday_viewed_at",
    "created_at",
    "updated_at",
}


@dataclass(frozen=True, slots=True)
class Overview(Sourced):
    symbol: str
    as_of: dt.datetime | None  # the newer of the overview's and the quote's fetch times
    source: str
    has_overview: bool
    last_price: LastPrice | None  # what the stock header shows
    facts: Mapping[str, Any]  # every other Stock column (company facts, metrics, last quote), in model order


def overview_get(*, stock: StockVersion) -> Overview:
    """The company overview and last quote as stored, with when and where they came from."""
    fields = [f.name for f in Stock._meta.concrete_fields if f.name not in _OVERVIEW_EXCLUDED]
    facts = Stock.objects.filter(symbol=stock.symbol).values("source", *fields).get()
    source = facts.pop("source")
    stamps = [facts["overview_fetched_at"], facts["quote_fetched_at"]]
    return Overview(
        symbol=stock.symbol,
        as_of=max((s for s in stamps if s is not None), default=None),
        source=source,
        has_overview=facts["overview_fetched_at"] is not None,
        last_price=last_price_get(symbol=stock.symbol),
        facts=facts,
    )
