"""Symbol lookup: search and validate from the local catalogue at once, queue a provider lookup for the rest.

A request never calls the provider nor waits for its quota. The catalogue is the stored stocks, the provider's
listing (SymbolListing, loaded by `manage.py symbol_catalogue_load`), the bundled demo universe and the Korean
names of `stocks.korean_names`, all compared through `search_text.search_key`. What it does not know is handed to
one queued provider search per normalised keyword (SymbolLookup deduplicates), spent from a lookup budget: a small
one shared by every anonymous caller, a larger one per signed-in user, and never the calls the refresh planner
keeps (`planner.lookup_calls_spare_get`). The answer says "pending" and the web app asks again.

Registration of a held symbol (`stock_get_or_register`) is signed-in only and still asks the provider when the
catalogue does not know the symbol; its provider errors become 429 with Retry-After or 503 here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.exceptions import ApplicationError, ErrorCode, ProviderUnavailableError, RateLimitedError
from core.symbols import InvalidSymbolError, normalize_symbol
from stocks.korean_names import KOREAN_NAMES
from stocks.models import Stock, SymbolListing, SymbolLookup
from stocks.providers import registry
from stocks.providers.base import ListedSymbol, MarketDataProvider, SymbolMatch
from stocks.providers.errors import ProviderError, ProviderNotFound, ProviderRateLimitedError
from stocks.providers.quota import lookup_budget_reserve
from stocks.providers.simulated.universe import UNIVERSE
from stocks.search_text import search_key
from stocks.selectors.popular import CURATED_POPULAR
from stocks.services.planner import lookup_calls_spare_get

logger = logging.getLogger(__name__)

SEARCH_LIMIT = 10
LOOKUP_KEY_LENGTH = 64
LOOKUP_FRESH_FOR = dt.timedelta(days=7)  # a finished lookup answers this long; listings rarely change
LOOKUP_STALE_AFTER = dt.timedelta(minutes=10)  # a pending lookup older than this lost its worker: queue it again
FAILED_RETRY_AFTER = dt.timedelta(minutes=1)
LookupState = Literal["none", "pending", "done", "limited", "failed"]


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
    """One search result: a stored stock ("local"), a catalogue entry ("catalogue") or a lookup's ("provider")."""

    symbol: str
    name: str
    korean_name: str
    asset_type: str
    exchange: str
    region: str
    currency: str
    match_score: float | None
    in_database: bool
    match: Literal["local", "catalogue", "provider"]


@dataclass(frozen=True, slots=True)
class LookupStatus:
    """Where the provider lookup for a query stands; `code` and `retry_after_seconds` say why it is not running."""

    state: LookupState
    code: str = ""
    retry_after_seconds: int | None = None
    symbols: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SymbolSearch:
    keywords: str
    source: Literal["local", "provider"]
    results: list[SymbolCandidate]
    lookup: LookupStatus

    @property
    def count(self) -> int:
        return len(self.results)


@dataclass(frozen=True, slots=True)
class SymbolValidation:
    symbol: str
    valid: bool
    status: Literal["local", "provider", "invalid", "looking_up", "unverified"]
    name: str
    reason: str
    code: str
    retry_after_seconds: int | None


# The catalogue ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    symbol: str
    name: str
    asset_type: str = ""
    exchange: str = ""
    region: str = ""
    currency: str = ""
    in_database: bool = False
    match: Literal["local", "catalogue", "provider"] = "catalogue"


def _bundled() -> dict[str, _Entry]:
    """The demo universe and the curated popular list: real US listings known without any table or call."""
    entries = {s: _Entry(s, name, currency="USD", region="United States") for s, name in CURATED_POPULAR}
    for listing in UNIVERSE:
        entries[listing.symbol] = _Entry(
            listing.symbol, listing.name, listing.asset_type, listing.exchange, "United States", "USD"
        )
    return entries


BUNDLED: dict[str, _Entry] = _bundled()
_KOREAN_KEYS: tuple[tuple[str, str, str], ...] = tuple(
    (search_key(name), symbol, names[0]) for symbol, names in KOREAN_NAMES.items() for name in names
)


def _rank(entry: _Entry, key: str, korean: str) -> int | None:
    """0 exact symbol, 1 symbol prefix, 2 name prefix, 3 name contains; None when `entry` does not match."""
    symbol_key = search_key(entry.symbol)
    if symbol_key == key:
        return 0
    if symbol_key.startswith(key):
        return 1
    name_key = search_key(entry.name)
    if name_key.startswith(key) or korean.startswith(key):
        return 2
    if key in name_key or key in korean:
        return 3
    return None


def _korean_of(symbol: str) -> str:
    names = KOREAN_NAMES.get(symbol)
    return names[0] if names else ""


def _stored_entries(key: str, upper: str) -> Iterator[_Entry]:
    # Stored stocks are compared in Python because SQL cannot fold accents the same way on SQLite and PostgreSQL;
    # they are the symbols people hold or watch (hundreds), not the listing (which has its own folded column).
    korean = {symbol for k, symbol, _ in _KOREAN_KEYS if key in k}
    for symbol, name, asset_type, exchange, currency in Stock.objects.values_list(
        "symbol", "name", "asset_type", "exchange", "currency"
    ):
        if symbol.startswith(upper) or symbol in korean or key in search_key(symbol) or key in search_key(name):
            yield _Entry(symbol, name, asset_type, exchange, "", currency, in_database=True, match="local")


def _listing_entries(key: str, upper: str, symbols: Iterable[str] = ()) -> Iterator[_Entry]:
    return _listing_rows(
        SymbolListing.objects.filter(
            Q(symbol__startswith=upper) | Q(name_key__contains=key) | Q(symbol__in=list(symbols))
        ).order_by("symbol")[:200]
    )


def _listing_rows(rows: Iterable[SymbolListing]) -> Iterator[_Entry]:
    for row in rows:
        match: Literal["catalogue", "provider"] = (
            "provider" if row.source == SymbolListing.Source.LOOKUP else "catalogue"
        )
        yield _Entry(row.symbol, row.name, row.asset_type, row.exchange, row.region, row.currency, match=match)


def _bundled_entries(key: str) -> Iterator[_Entry]:
    korean = {symbol for k, symbol, _ in _KOREAN_KEYS if key in k}
    for entry in BUNDLED.values():
        if entry.symbol in korean or key in search_key(entry.symbol) or key in search_key(entry.name):
            yield entry


def catalogue_matches(*, keywords: str, limit: int = SEARCH_LIMIT) -> list[SymbolCandidate]:
    """Stored stocks, the listing, the bundled universe and Korean names matching `keywords`, best first.

    Each symbol once, from the most specific source (stored, then listing, then bundled); ranked exact symbol,
    symbol prefix, name prefix, name contains, then stored first, shorter symbol first.
    """
    key = search_key(keywords)
    if not key:
        return []
    upper = keywords.strip().upper()
    korean_symbols = [symbol for k, symbol, _ in _KOREAN_KEYS if key in k]
    seen: dict[str, _Entry] = {}
    for entry in (
        *_stored_entries(key, upper),
        *_listing_entries(key, upper, korean_symbols),
        *_bundled_entries(key),
    ):
        seen.setdefault(entry.symbol, entry)
    ranked: list[tuple[int, int, int, str, _Entry]] = []
    for entry in seen.values():
        korean_keys = [k for k, symbol, _ in _KOREAN_KEYS if symbol == entry.symbol]
        rank = min(
            (r for r in (_rank(entry, key, k) for k in korean_keys or [""]) if r is not None),
            default=None,
        )
        if rank is not None:
            ranked.append((rank, 0 if entry.in_database else 1, len(entry.symbol), entry.symbol, entry))
    ranked.sort(key=lambda r: r[:4])
    return [_candidate(entry) for *_, entry in ranked[:limit]]


def _candidate(entry: _Entry) -> SymbolCandidate:
    return SymbolCandidate(
        symbol=entry.symbol,
        name=entry.name,
        korean_name=_korean_of(entry.symbol),
        asset_type=entry.asset_type,
        exchange=entry.exchange,
        region=entry.region,
        currency=entry.currency,
        match_score=None,
        in_database=entry.in_database,
        match=entry.match,
    )


def catalogue_entry_get(*, symbol: str) -> _Entry | None:
    """The listing or bundled entry for exactly `symbol`, if the catalogue has one."""
    row = SymbolListing.objects.filter(pk=symbol).first()
    if row is not None:
        return _Entry(row.symbol, row.name, row.asset_type, row.exchange, row.region, row.currency)
    return BUNDLED.get(symbol)


def _entry_of(row: SymbolMatch | ListedSymbol) -> _Entry:
    if isinstance(row, SymbolMatch):
        return _Entry(row.symbol, row.name, row.type, "", row.region, row.currency)
    return _Entry(row.symbol, row.name, row.asset_type, row.exchange, "United States", "USD")


def symbol_listing_upsert(*, rows: Iterable[SymbolMatch | ListedSymbol], source: str) -> int:
    """Store catalogue entries (symbols this app cannot hold are skipped); returns how many were written."""
    listings: dict[str, SymbolListing] = {}
    for row in map(_entry_of, rows):
        try:
            symbol = normalize_symbol(row.symbol)
        except InvalidSymbolError:
            continue  # listings such as "-P-HIZ" are not symbols this app can hold
        name = row.name.strip()[:255]
        listings[symbol] = SymbolListing(
            symbol=symbol,
            name=name,
            name_key=search_key(name)[:255],
            exchange=row.exchange[:32],
            asset_type=row.asset_type[:64],
            region=row.region[:64],
            currency=row.currency[:8],
            source=source,
        )
    SymbolListing.objects.bulk_create(
        listings.values(),
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["symbol"],
        update_fields=["name", "name_key", "exchange", "asset_type", "region", "currency", "source", "updated_at"],
    )
    return len(listings)


@transaction.atomic
def symbol_catalogue_load(*, listings: Iterable[ListedSymbol]) -> int:
    """Replace the catalogue's listing entries with the provider's current listing (lookup entries are kept)."""
    rows = list(listings)
    written = symbol_listing_upsert(rows=rows, source=SymbolListing.Source.LISTING)
    kept = {_entry_of(r).symbol.strip().upper() for r in rows}
    SymbolListing.objects.filter(source=SymbolListing.Source.LISTING).exclude(symbol__in=kept).delete()
    return written


# Lookups --------------------------------------------------------------------------------------------------------------


def _seconds(delta: dt.timedelta) -> int:
    return max(1, round(delta.total_seconds()))


def _lookup_refused(*, user_id: int | None) -> LookupStatus | None:
    """Why a new provider lookup may not be queued now (budget or the planner's reserve); None when it may."""
    spare, wait = lookup_calls_spare_get()
    if spare is not None and spare <= 0:
        return LookupStatus("limited", ErrorCode.LOOKUP_QUOTA_RESERVED, max(1, round(wait)))
    wait = lookup_budget_reserve(user_id=user_id)
    if wait > 0:
        code = ErrorCode.LOOKUP_LIMIT_ANONYMOUS if user_id is None else ErrorCode.LOOKUP_LIMIT_USER
        return LookupStatus("limited", code, max(1, round(wait)))
    return None


def lookup_status_get(*, keywords: str, user_id: int | None, queue: bool = True) -> LookupStatus:
    """Where the provider lookup for `keywords` stands; queues one (once per key) when there is none to answer."""
    key = search_key(keywords)[:LOOKUP_KEY_LENGTH]
    now = timezone.now()
    lookup = SymbolLookup.objects.filter(pk=key).first()
    if lookup is not None:
        fresh = lookup.finished_at is not None and lookup.finished_at > now - LOOKUP_FRESH_FOR
        if lookup.state == SymbolLookup.State.DONE and fresh:
            return LookupStatus("done", symbols=tuple(lookup.symbols))
        if lookup.state == SymbolLookup.State.PENDING and lookup.requested_at > now - LOOKUP_STALE_AFTER:
            return LookupStatus("pending", ErrorCode.SYMBOL_LOOKUP_PENDING, 2)
        if lookup.state == SymbolLookup.State.FAILED and lookup.retry_at and lookup.retry_at > now:
            return LookupStatus("failed", ErrorCode.PROVIDER_UNAVAILABLE, _seconds(lookup.retry_at - now))
    if not queue:
        return LookupStatus("none")
    refused = _lookup_refused(user_id=user_id)
    if refused is not None:
        return refused
    with transaction.atomic():
        try:
            with transaction.atomic():
                lookup, created = SymbolLookup.objects.select_for_update().get_or_create(
                    pk=key, defaults={"keywords": keywords.strip()[:64], "requested_at": now}
                )
        except IntegrityError:  # another request created it a moment ago: that one queued the lookup
            return LookupStatus("pending", ErrorCode.SYMBOL_LOOKUP_PENDING, 2)
        if not created:
            if lookup.state == SymbolLookup.State.PENDING and lookup.requested_at > now - LOOKUP_STALE_AFTER:
                return LookupStatus("pending", ErrorCode.SYMBOL_LOOKUP_PENDING, 2)
            lookup.keywords, lookup.state, lookup.requested_at = keywords.strip()[:64], SymbolLookup.State.PENDING, now
            lookup.symbols, lookup.reason, lookup.retry_at, lookup.finished_at = [], "", None, None
            lookup.save()
        transaction.on_commit(lambda: lookup_enqueue(key=key), robust=True)  # a broker outage: re-queued when stale
    return LookupStatus("pending", ErrorCode.SYMBOL_LOOKUP_PENDING, 2)


def lookup_enqueue(*, key: str) -> None:
    """Queue the provider search for lookup `key` (tests replace this to run it in-process)."""
    from stocks.tasks import symbol_lookup

    symbol_lookup.apply_async(args=(key,), queue="high")  # someone is waiting for it


def symbol_lookup_run(*, key: str) -> LookupStatus:
    """The queued provider search: store its matches in the catalogue and the lookup's outcome; never raises.

    The database connection is given back before the provider call (which may wait for the quota and for a slow
    answer), so a worker never holds a pooled connection across that wait.
    """
    lookup = SymbolLookup.objects.filter(pk=key).first()
    if lookup is None or lookup.state != SymbolLookup.State.PENDING:
        return LookupStatus("none")
    keywords = lookup.keywords
    spare, wait = lookup_calls_spare_get()
    if spare is not None and spare <= 0:
        return _lookup_failed(key, f"the calls left today are kept for refreshes; next in {wait:.0f} s", wait)
    if not connection.in_atomic_block:
        connection.close()
    try:
        matches = list(provider_get().search(keywords))
    except ProviderNotFound:
        matches = []
    except ProviderRateLimitedError as exc:
        return _lookup_failed(key, str(exc), exc.retry_after)
    except ProviderError as exc:
        logger.warning("Symbol lookup for %r failed: %s", keywords, exc)
        return _lookup_failed(key, str(exc), FAILED_RETRY_AFTER.total_seconds())
    found: list[str] = []
    for match in matches:
        try:
            found.append(normalize_symbol(match.symbol))
        except InvalidSymbolError:
            continue  # malformed listings drop out; foreign ones such as "TSCO.LON" stay
    with transaction.atomic():
        symbol_listing_upsert(rows=matches, source=SymbolListing.Source.LOOKUP)
        SymbolLookup.objects.filter(pk=key).update(
            state=SymbolLookup.State.DONE, symbols=found, reason="", retry_at=None, finished_at=timezone.now()
        )
    return LookupStatus("done", symbols=tuple(found))


def _lookup_failed(key: str, reason: str, retry_after: float) -> LookupStatus:
    now = timezone.now()
    retry_at = now + dt.timedelta(seconds=max(1.0, retry_after))
    SymbolLookup.objects.filter(pk=key).update(
        state=SymbolLookup.State.FAILED, reason=reason[:500], retry_at=retry_at, finished_at=now
    )
    return LookupStatus("failed", ErrorCode.PROVIDER_UNAVAILABLE, _seconds(retry_at - now))


# Search and validate ------------------------------------------------------------------------------------------------


def symbol_search(*, keywords: str, user_id: int | None = None, limit: int = SEARCH_LIMIT) -> SymbolSearch:
    """The catalogue's matches at once; when it has none, the queued provider lookup's (or its status)."""
    local = catalogue_matches(keywords=keywords, limit=limit)
    if local:
        return SymbolSearch(keywords=keywords, source="local", results=local, lookup=LookupStatus("none"))
    lookup = lookup_status_get(keywords=keywords, user_id=user_id)
    results: list[SymbolCandidate] = []
    if lookup.symbols:
        by_symbol = {e.symbol: e for e in _listing_rows(SymbolListing.objects.filter(symbol__in=lookup.symbols))}
        stored = set(Stock.objects.filter(pk__in=lookup.symbols).values_list("symbol", flat=True))
        for symbol in lookup.symbols[:limit]:
            entry = by_symbol.get(symbol)
            if entry is not None:
                results.append(replace(_candidate(entry), in_database=symbol in stored))
    return SymbolSearch(keywords=keywords, source="provider", results=results, lookup=lookup)


def symbol_validate(*, raw_symbol: str, user_id: int | None = None) -> SymbolValidation:
    """Stored here, known to the catalogue, known to a finished lookup, being looked up, or invalid."""
    try:
        symbol = normalize_symbol(raw_symbol)
    except InvalidSymbolError as exc:
        return SymbolValidation(
            raw_symbol.strip()[:40], False, "invalid", "", exc.message, ErrorCode.INVALID_SYMBOL, None
        )
    stored = Stock.objects.filter(symbol=symbol).values_list("name", flat=True).first()
    if stored is not None:
        return SymbolValidation(symbol, True, "local", stored, "", "", None)
    entry = catalogue_entry_get(symbol=symbol)
    if entry is not None:
        return SymbolValidation(symbol, True, "provider", entry.name, "", "", None)
    lookup = lookup_status_get(keywords=symbol, user_id=user_id)
    if lookup.state == "done":
        if symbol in lookup.symbols:
            found = catalogue_entry_get(symbol=symbol)
            return SymbolValidation(symbol, True, "provider", found.name if found else "", "", "", None)
        reason = f"'{symbol}' is neither stored here nor known to the market-data provider."
        return SymbolValidation(symbol, False, "invalid", "", reason, ErrorCode.UNKNOWN_SYMBOL, None)
    if lookup.state == "pending":
        reason = f"'{symbol}' is being looked up with the market-data provider; ask again in a few seconds."
        return SymbolValidation(symbol, False, "looking_up", "", reason, lookup.code, lookup.retry_after_seconds)
    reason = f"'{symbol}' cannot be looked up with the market-data provider now."
    return SymbolValidation(symbol, False, "unverified", "", reason, lookup.code, lookup.retry_after_seconds)


# Registration (signed-in only) -------------------------------------------------------------------------------------


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
    """The stored Stock for `symbol`; else one created from the catalogue; else from the provider's exact listing.

    Unknown to the provider: 400 naming the symbol. Provider quota spent: 429 with Retry-After.
    """
    symbol = normalize_symbol(symbol)
    stock = Stock.objects.filter(pk=symbol).first()
    if stock is not None:
        return StockRegistration(stock, created=False)
    entry = catalogue_entry_get(symbol=symbol)
    if entry is None:
        match = next((m for m in provider_matches(keywords=symbol, symbol=symbol) if is_exact(m.symbol, symbol)), None)
        if match is None:
            raise _unknown(symbol)
        entry = _Entry(symbol, match.name, match.type, "", match.region, match.currency)
    try:
        with transaction.atomic():
            stock, created = Stock.objects.get_or_create(
                symbol=symbol,
                defaults={
                    "name": entry.name[:255],
                    "currency": entry.currency[:8] or "USD",
                    "source": provider_get().name,
                },
            )
    except IntegrityError:
        stock, created = Stock.objects.get(pk=symbol), False
    return StockRegistration(stock, created=created)
