"""Reads of a user's watchlist, with each symbol's last price and day change (`stocks.selectors.last_price`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

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


def watchlist_ordered(*, user: User) -> QuerySet[WatchlistEntry]:
    """The user's entries in the order they were added: a stable order, so pages never overlap or skip."""
    return WatchlistEntry.objects.filter(user=user).select_related("stock").order_by("created_at", "id")


def watchlist_get(*, user: User) -> list[dict[str, Any]]:
    return watchlist_rows(list(watchlist_ordered(user=user)))


def watchlist_rows(entries: list[WatchlistEntry]) -> list[dict[str, Any]]:
    """Each entry (one page of them, or all) with its symbol's last price and day change."""
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
