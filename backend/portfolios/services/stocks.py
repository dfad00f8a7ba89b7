"""Starting background collection for a stock a user just added (registering it is `stocks.services.symbols`)."""

from __future__ import annotations

from stocks.models import DailyPrice, IngestionStatus, Stock
from stocks.services.collection import collection_start


def stock_collection_ensure(*, stock: Stock, created: bool) -> bool:
    """Start collection for a newly registered stock, or a stored one that has neither prices nor any
    collection record; True if this call started it (a second add, by anyone, never starts a second one)."""
    if not created and (
        DailyPrice.objects.filter(stock_id=stock.symbol).exists()
        or IngestionStatus.objects.filter(stock_id=stock.symbol).exists()
    ):
        return False
    return collection_start(symbol=stock.symbol)
