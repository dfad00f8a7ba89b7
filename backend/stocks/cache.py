"""Caching for the stocks API in one place: validated inputs, hashed keys with the stock's data version, fail-open.

Keys carry `Stock.data_version`, which ingestion bumps whenever it changes a row (a bar, a statement, a split or a
dividend: adjusted charts and indicators depend on the events too), so new data is served at once and old entries
just expire. Predictions are stored per data version, so they go stale the same way. Bodies are cached already
rendered, with their ETag (and gzip-compressed when large), so a hit costs no JSON or compression work.

A stock's data version is cached too (`stocks:<v>:version:<SYMBOL>`), written after each ingestion commit by the
`stocks.signals.stock_data_changed` receiver in whatever process ingested, and kept in this process as the
version it last saw. A read asks the cache for that version's entry and the body keyed on it in one round trip
(`get_many`): when the cached version is the one expected, the body is served with no database query. Only a
changed or missing version costs a second read (or the database query that refills the entry).

A cache outage is logged and the request falls through to the database (core.failsafe, which then leaves the
cache alone for a few seconds so a dead Redis does not add a connection timeout to every request).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from core.exceptions import NotFoundError
from core.failsafe import shared_state
from core.renderers import dumps
from core.symbols import normalize_symbol
from stocks.selectors.prices import StockVersion, stock_version_get

# Seconds; chart/overview/statements/indicators are the seed's TTLs.
CACHE_TTLS: dict[str, int] = {
    "chart": 60,
    "overview": 600,
    "statements": 3600,
    "indicators": 60,
    "popular": 600,
    "backtest": 3600,  # keyed by the data version too, so new bars are served at once
    "patterns": 3600,
}
# Bump when a cached body's shape changes (2: every search field, charts carry their adjustment; 3: bodies may be
# stored gzip-compressed, stock versions are cached).
KEY_VERSION = 3
# Bodies from this size up are stored gzip-compressed once, when rendered, and sent so to clients that accept it.
GZIP_MIN_BYTES = 1024
# Level 1: a 490 KB chart compresses to 147 KB in a fifth of level 6's time (122 KB), which a cache miss pays.
GZIP_LEVEL = 1
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

ParamValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class CachedBody:
    """A rendered JSON body with its validators; `body` is gzip-compressed when `gzipped` says so."""

    body: bytes
    etag: str
    last_modified: float | None  # POSIX seconds of the data's `as_of`, when it has one
    gzipped: bool = False

    def identity(self) -> bytes:
        """The JSON itself, for clients that do not accept gzip."""
        return gzip.decompress(self.body) if self.gzipped else self.body


def cache_key(kind: str, *, symbol: str | None, version: int | None, params: Mapping[str, ParamValue]) -> str:
    """`stocks:<kind>:<symbol>:v<data_version>:<hash of the parameters>`; refuses anything unexpected."""
    if kind not in CACHE_TTLS:
        raise ValueError(f"Unknown cache kind {kind!r}; known: {', '.join(CACHE_TTLS)}.")
    if symbol is not None and normalize_symbol(symbol) != symbol:
        raise ValueError(f"Cache keys take normalised symbols, got {symbol!r}.")
    for name, value in params.items():
        if not _PARAM_NAME.fullmatch(name):
            raise ValueError(f"Bad cache parameter name {name!r}.")
        if not isinstance(value, str | int | float | bool | type(None)):
            raise TypeError(f"Cache parameter {name} must be a scalar, got {type(value).__name__}.")
    digest = hashlib.sha256(orjson.dumps(dict(params), option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]
    return f"stocks:{KEY_VERSION}:{kind}:{symbol or '-'}:v{version if version is not None else '-'}:{digest}"


def _cache_get(key: str) -> Any:
    return shared_state.call(f"cache read of {key}", lambda: caches["default"].get(key), lambda: None)


def _cache_get_many(keys: list[str]) -> dict[str, Any]:
    return shared_state.call(f"cache read of {keys[0]}", lambda: caches["default"].get_many(keys), dict)


def _cache_set(key: str, value: Any, ttl: int) -> None:
    # A failed write only costs the next request a rebuild.
    shared_state.call(f"cache write of {key}", lambda: caches["default"].set(key, value, timeout=ttl), lambda: None)


def _cache_add(key: str, value: Any, ttl: int) -> None:
    shared_state.call(f"cache write of {key}", lambda: caches["default"].add(key, value, timeout=ttl), lambda: None)


def _version_key(symbol: str) -> str:
    return f"stocks:{KEY_VERSION}:version:{symbol}"


# The version this process last saw per symbol: only a guess of the body key to read beside the cached version,
# never served without that version confirming it.
_seen_versions: dict[str, StockVersion] = {}


def _version_of(entry: Any, symbol: str) -> StockVersion | None:
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], int) and isinstance(entry[1], str):
        return StockVersion(symbol, entry[0], entry[1])
    return None


def _version_from_database(symbol: str) -> StockVersion:
    """The stored version (NotFoundError for an unknown symbol), cached unless an ingestion cached a newer one."""
    stock = stock_version_get(symbol=symbol)
    # `add`, not `set`: a version written by an ingestion that committed after this read must not be overwritten.
    _cache_add(_version_key(symbol), (stock.data_version, stock.source), settings.STOCK_VERSION_TTL)
    return stock


def stock_version_publish(symbol: str) -> None:
    """After an ingestion commit: cache the stock's new version, so every process reads the new data at once."""
    try:
        stock = stock_version_get(symbol=symbol)
    except NotFoundError:
        return
    _seen_versions[symbol] = stock
    _cache_set(_version_key(symbol), (stock.data_version, stock.source), settings.STOCK_VERSION_TTL)


def stock_body(
    kind: str,
    *,
    symbol: str,
    params: Mapping[str, ParamValue],
    build: Callable[[StockVersion], Mapping[str, Any]],
) -> CachedBody:
    """The stock's `kind` body at its current data version: one cache read on a hit, `build(stock)` on a miss."""
    seen = _seen_versions.get(symbol)
    version_key = _version_key(symbol)
    if seen is not None:
        body_key = cache_key(kind, symbol=symbol, version=seen.data_version, params=params)
        found = _cache_get_many([version_key, body_key])
        current = _version_of(found.get(version_key), symbol)
        hit = found.get(body_key)
        if current == seen and isinstance(hit, CachedBody):
            return hit
    else:
        current = _version_of(_cache_get(version_key), symbol)
    stock = current or _version_from_database(symbol)
    _seen_versions[symbol] = stock
    return cached_body(kind, symbol=symbol, version=stock.data_version, params=params, build=lambda: build(stock))


def _last_modified(payload: Mapping[str, Any]) -> float | None:
    as_of = payload.get("as_of")
    if isinstance(as_of, dt.datetime):
        return as_of.timestamp()
    if isinstance(as_of, dt.date):
        return dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp()
    return None


def cached_body(
    kind: str,
    *,
    symbol: str | None,
    version: int | None,
    params: Mapping[str, ParamValue],
    build: Callable[[], Mapping[str, Any]],
) -> CachedBody:
    """The rendered body of `build()`, from the cache when present."""
    key = cache_key(kind, symbol=symbol, version=version, params=params)
    hit = _cache_get(key)
    if isinstance(hit, CachedBody):
        return hit
    cached = body_of(build())
    _cache_set(key, cached, CACHE_TTLS[kind])
    return cached


def body_of(payload: Mapping[str, Any]) -> CachedBody:
    """Render `payload` once, with a content ETag and a Last-Modified from its `as_of`; compress it when large."""
    body = dumps(payload)
    etag = quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest())
    if len(body) >= GZIP_MIN_BYTES:
        # mtime=0: the same JSON always compresses to the same bytes.
        return CachedBody(gzip.compress(body, GZIP_LEVEL, mtime=0), etag, _last_modified(payload), gzipped=True)
    return CachedBody(body, etag, _last_modified(payload))


def _accepts_gzip(request: HttpRequest) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.partition(";")
        if name.strip().lower() in {"gzip", "*"}:
            quality = params.strip().removeprefix("q=").strip() or "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def json_response(request: HttpRequest, cached: CachedBody) -> HttpResponse:
    """200 with ETag / Last-Modified, or 304 when the client's copy is current (If-None-Match wins)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        not_modified = cached.etag in tags or "*" in tags
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        not_modified = since is not None and cached.last_modified is not None and int(cached.last_modified) <= since
    send_gzip = cached.gzipped and _accepts_gzip(request)
    response: HttpResponse
    if not_modified:
        response = HttpResponseNotModified()
    elif send_gzip:
        response = HttpResponse(cached.body, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(cached.identity(), content_type="application/json")
    # The compressed copy is the same JSON in another encoding: a weak ETag, as Django's GZipMiddleware gives it.
    response["ETag"] = f"W/{cached.etag}" if send_gzip else cached.etag
    if cached.gzipped:
        response["Vary"] = "Accept-Encoding"
    if cached.last_modified is not None:
        response["Last-Modified"] = http_date(cached.last_modified)
    # Revalidate every time: the ETag makes that cheap, and new data (a bumped data_version) shows at once.
    response["Cache-Control"] = "no-cache"
    return response


def _on_stock_data_changed(sender: object, *, symbol: str, **kwargs: object) -> None:
    stock_version_publish(symbol)


def connect_receivers() -> None:
    """Called from StocksConfig.ready(): each ingestion commit rewrites the stock's cached version."""
    from stocks.signals import stock_data_changed

    stock_data_changed.connect(_on_stock_data_changed, dispatch_uid="stocks.cache.stock_data_changed")
