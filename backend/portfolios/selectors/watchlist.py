"""Reads of a user's watchlist, with each symbol's last price and day change (`stocks.selectors.last_price`)."""

from __future__ import annotations

from typing import Any

from core.exceptions import NotFoundError
from portfolios.clock import iso_timestamp
from portfolios.models import WatchlistEntry
from stocks.selectors.last_price import last_prices_get
from users.models import User


def watchlist_entry_get(*, user: User, entry_id: int) -> WatchlistEntry:
    entry = WatchlistEntry.objects.filter(user=user, pk=entry_id).select_related("stock").first()
    if entry is None:
        raise NotFoundError(f"No watchlist entry {entry_id}.", extra={"id": entry_id})
    return entry


def watchlist_get(*, user: User) -> list[dict[str, Any]]:
    entries = list(WatchlistEntry.objects.filter(user=user).select_related("stock"))
    prices = last_prices_get(symbols=[e.stock_id for e in entries])
    rows = []
    for entry in entries:
        last = prices.get(entry.stock_id)
        rows.append(
            {
                "id": entry.pk,
                "symbol": entry.stock_id,
                "name": entry.stock.name,
                "notes": entry.notes,
                "created_at": iso_timestamp(entry.created_at),
                "price": last,
            }
        )
    return rows
