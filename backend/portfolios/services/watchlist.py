"""Watchlist entries: add (validating unknown symbols with the provider) and remove."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from core.exceptions import ConflictError, ErrorCode
from core.symbols import normalize_symbol
from portfolios.models import WatchlistEntry
from portfolios.services.stocks import stock_collection_ensure
from stocks.services.symbols import stock_get_or_register
from users.models import User


def watchlist_entry_create(*, user: User, symbol: str, notes: str = "") -> WatchlistEntry:
    symbol = normalize_symbol(symbol)
    if WatchlistEntry.objects.filter(user=user, stock_id=symbol).exists():
        raise ConflictError(
            f"symbol: {symbol} is already on your watchlist.",
            code=ErrorCode.ALREADY_WATCHED,
            extra={
                "symbol": symbol,
                "fields": {"symbol": ["already watched"]},
                "field_codes": {"symbol": [ErrorCode.ALREADY_WATCHED]},
            },
        )
    registration = stock_get_or_register(symbol=symbol)
    try:
        with transaction.atomic():
            entry = WatchlistEntry.objects.create(user=user, stock=registration.stock, notes=notes)
    except IntegrityError as exc:
        raise ConflictError(
            f"symbol: {symbol} is already on your watchlist.", code=ErrorCode.ALREADY_WATCHED, extra={"symbol": symbol}
        ) from exc
    stock_collection_ensure(stock=registration.stock, created=registration.created)
    return entry


def watchlist_entry_delete(*, entry: WatchlistEntry) -> None:
    entry.delete()


def watchlist_entry_update(*, entry: WatchlistEntry, notes: str) -> WatchlistEntry:
    entry.notes = notes
    entry.save(update_fields=["notes"])
    return entry
