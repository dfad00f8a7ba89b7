"""Provider-backed symbol lookup: search stored stocks and the provider, validate a symbol, register a new one.

The one place where a lookup's provider errors become API errors (429 with Retry-After, 503) and where a
provider's matches are checked for the exact listing; the search API and the portfolio services both use it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length

from core.exceptions import ApplicationError, ErrorCode, ProviderUnavailableError, RateLimitedError
from core.symbols import InvalidSymbolError, normalize_symbol
from stocks.cache import cached_value
from stocks.models import Stock
from stocks.providers import registry
from stocks.providers.base import MarketDataProvider, SymbolMatch
from stocks.providers.errors import ProviderError, ProviderNotFound, ProviderRateLimitedError

logger = logging.getLogger(__name__)

SEARCH_LIMIT = 10


def provider_get() -> MarketDataProvider:
    """The configured provider (tests replace this function)."""
    return registry.get_provider()


def provider_matches(*, keywords: str, symbol: str | None = None) -> list[SymbolMatch]:
    """The provider's listings for `keywords` ([] when it knows none); its errors as 429 or 503 naming `symbol`."""
    named = {"symbol": symbol} if symbol else {}
    try:
        return list(provider_get().search(keywords))
    except ProviderNotFound:
        return []
    except ProviderRateLimitedError as exc:
        raise RateLimitedError(
            "The market-data provider's request limit is reached; try again later.",
            retry_after=exc.retry_after,
            extra={"retry_after": max(1, round(exc.retry_after)), **named},
        ) from exc
    except ProviderError as exc:
        logger.warning("Provider search for %r failed: %s", keywords, exc)
        raise ProviderUnavailableError(
            "The market-data provider is unavailable; try again later.", extra=named
        ) from exc


def is_exact(listing: str, symbol: str) -> bool:
    """Whether a provider's listing is exactly `symbol` (normalised); a search also returns prefixes and names."""
    return listing.strip().upper() == symbol


@dataclass(frozen=True, slots=True)
class SymbolCandidate:
    """One search result: a stored stock ("local") or a provider's listing ("provider")."""

    symbol: str
    name: str
    asset_type: str
    exchange: str
    region: str
    currency: str
    match_score: float | None
    in_database: bool
    match: Literal["local", "provider"]


@dataclass(frozen=True, slots=True)
class SymbolSearch:
    keywords: str
    source: Literal["local", "provider"]
    results: list[SymbolCandidate]

    @property
    def count(self) -> int:
        return len(self.results)


@dataclass(frozen=True, slots=True)
class SymbolValidation:
    symbol: str
    valid: bool
    status: Literal["local", "provider", "invalid"]
    name: str
    reason: str


def _provider_candidate(match: SymbolMatch) -> SymbolCandidate:
    return SymbolCandidate(
        symbol=match.symbol,
        name=match.name,
        asset_type=match.type,
        exchange="",
        region=match.region,
        currency=match.currency,
        match_score=float(match.match_score),
        in_database=False,
        match="provider",
    )


def _local_matches(keywords: str, limit: int) -> list[SymbolCandidate]:
    upper = keywords.upper()
    rank = Case(
        When(symbol=upper, then=Value(0)),
        When(symbol__startswith=upper, then=Value(1)),
        When(name__istartswith=keywords, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    rows = (
        Stock.objects.filter(Q(symbol__startswith=upper) | Q(name__icontains=keywords))
        .annotate(rank=rank, symbol_length=Length("symbol"))
        .order_by("rank", "symbol_length", "symbol")
        .values_list("symbol", "name", "asset_type", "exchange", "currency")[:limit]
    )
    return [
        SymbolCandidate(
            symbol=symbol,
            name=name,
            asset_type=asset_type,
            exchange=exchange,
            region="",
            currency=currency,
            match_score=None,
            in_database=True,
            match="local",
        )
        for symbol, name, asset_type, exchange, currency in rows
    ]


def symbol_search(*, keywords: str, limit: int = SEARCH_LIMIT) -> SymbolSearch:
    """Stored stocks first (exact symbol, symbol prefix, name prefix, name match); the provider when none match."""
    local = _local_matches(keywords, limit)
    if local:
        return SymbolSearch(keywords=keywords, source="local", results=local)
    found: list[SymbolCandidate] = cached_value(
        "provider_search",
        params={"keywords": keywords.lower()},
        build=lambda: [_provider_candidate(m) for m in provider_matches(keywords=keywords)],
    )
    valid: list[SymbolCandidate] = []
    for candidate in found:
        try:
            symbol = normalize_symbol(candidate.symbol)
        except InvalidSymbolError:
            continue  # foreign listings such as "TSCO.LON" stay valid; only malformed ones drop out
        valid.append(replace(candidate, symbol=symbol))
    return SymbolSearch(keywords=keywords, source="provider", results=valid[:limit])


def symbol_validate(*, raw_symbol: str) -> SymbolValidation:
    """Whether a symbol is stored here, known to the provider, or invalid (malformed or unknown)."""
    try:
        symbol = normalize_symbol(raw_symbol)
    except InvalidSymbolError as exc:
        return SymbolValidation(
            symbol=raw_symbol.strip()[:40], valid=False, status="invalid", name="", reason=exc.message
        )
    stored = Stock.objects.filter(symbol=symbol).values_list("name", flat=True).first()
    if stored is not None:
        return SymbolValidation(symbol=symbol, valid=True, status="local", name=stored, reason="")
    matches: list[SymbolCandidate] = cached_value(
        "validate",
        symbol=symbol,
        params={},
        build=lambda: [_provider_candidate(m) for m in provider_matches(keywords=symbol, symbol=symbol)],
    )
    exact = next((m for m in matches if is_exact(m.symbol, symbol)), None)
    if exact is not None:
        return SymbolValidation(symbol=symbol, valid=True, status="provider", name=exact.name, reason="")
    return SymbolValidation(
        symbol=symbol,
        valid=False,
        status="invalid",
        name="",
        reason=f"'{symbol}' is neither stored here nor known to the market-data provider.",
    )


def _unknown(symbol: str) -> ApplicationError:
    return ApplicationError(
        f"symbol: '{symbol}' is not known to the market-data provider.",
        code=ErrorCode.UNKNOWN_SYMBOL,
        extra={
            "symbol": symbol,
            "fields": {"symbol": [f"'{symbol}' is not a known symbol."]},
            "field_codes": {"symbol": [ErrorCode.UNKNOWN_SYMBOL]},
        },
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
    match = next((m for m in provider_matches(keywords=symbol, symbol=symbol) if is_exact(m.symbol, symbol)), None)
    if match is None:
        raise _unknown(symbol)
    try:
        with transaction.atomic():
            stock, created = Stock.objects.get_or_create(
                symbol=symbol,
                defaults={
                    "name": match.name[:255],
                    "currency": match.currency[:8] or "USD",
                    "source": provider_get().name,
                },
            )
    except IntegrityError:
        stock, created = Stock.objects.get(pk=symbol), False
    return StockRegistration(stock, created=created)
