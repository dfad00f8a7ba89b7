"""Making a symbol known: validate it with the market-data provider, create the Stock, start background collection."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, ProviderUnavailableError, RateLimitedError
from core.symbols import normalize_symbol
from stocks.models import DailyPrice, IngestionStatus, Stock
from stocks.providers.errors import ProviderError, ProviderNotFound, ProviderRateLimitedError
from stocks.providers.registry import get_provider
from stocks.services.collection import collection_start

logger = logging.getLogger(__name__)

UNKNOWN_SYMBOL = "unknown_symbol"


def _unknown(symbol: str) -> ApplicationError:
    return ApplicationError(
        f"symbol: '{symbol}' is not known to the market-data provider.",
        code=UNKNOWN_SYMBOL,
        extra={"symbol": symbol, "fields": {"symbol": [f"'{symbol}' is not a known symbol."]}},
    )


@dataclass(frozen=True, slots=True)
class StockRegistration:
    stock: Stock
    created: bool


def stock_get_or_register(*, symbol: str) -> StockRegistration:
    """The stored Stock for `symbol`; otherwise ask the provider whether it exists and create it.

    Unknown to the provider: 400 naming the symbol. Provider quota spent: 429 with Retry-After.
    """
    symbol = normalize_symbol(symbol)
    stock = Stock.objects.filter(pk=symbol).first()
    if stock is not None:
        return StockRegistration(stock, created=False)
    provider = get_provider()
    try:
        matches = provider.search(symbol)
    except ProviderNotFound as exc:
        raise _unknown(symbol) from exc
    except ProviderRateLimitedError as exc:
        raise RateLimitedError(
            f"The market-data provider's quota is spent; try adding {symbol} again later.",
            retry_after=exc.retry_after,
            extra={"symbol": symbol, "retry_after": exc.retry_after},
        ) from exc
    except ProviderError as exc:
        logger.warning("Provider search for %s failed: %s", symbol, exc)
        raise ProviderUnavailableError(
            f"The market-data provider could not check {symbol} right now.", extra={"symbol": symbol}
        ) from exc
    match = next((m for m in matches if m.symbol.strip().upper() == symbol), None)
    if match is None:
        raise _unknown(symbol)
    try:
        with transaction.atomic():
            stock, created = Stock.objects.get_or_create(
                symbol=symbol,
                defaults={"name": match.name[:255], "currency": match.currency[:8] or "USD", "source": provider.name},
            )
    except IntegrityError:
        stock, created = Stock.objects.get(pk=symbol), False
    return StockRegistration(stock, created=created)


def stock_collection_ensure(*, stock: Stock, created: bool) -> bool:
    """Start collection for a newly registered stock, or a stored one that has neither prices nor any
    collection record; True if this call started it (a second add, by anyone, never starts a second one)."""
    if not created and (
        DailyPrice.objects.filter(stock_id=stock.symbol).exists()
        or IngestionStatus.objects.filter(stock_id=stock.symbol).exists()
    ):
        return False
    return collection_start(symbol=stock.symbol)
