"""Caching for the stocks API in one place: validated inputs, hashed keys with the stock's data version, fail-open.

Keys carry `Stock.data_version`, which ingestion bumps whenever it changes a row (a bar, a statement, a split or a
dividend: adjusted charts and indicators depend on the events too), so new data is served at once and old entries
just expire. Predictions are stored per data version, so they go stale the same way. Bodies are cached already
rendered, with their ETag, so a hit costs one cache read and no JSON work. A cache outage is logged and the
request falls through to the database (core.failsafe, which then leaves the cache alone for a few seconds so a
dead Redis does not add a connection timeout to every request).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from core.failsafe import shared_state
from core.renderers import dumps
from core.symbols import normalize_symbol

# Seconds; chart/overview/statements/indicators are the seed's TTLs.
CACHE_TTLS: dict[str, int] = {
    "chart": 60,
    "overview": 600,
    "statements": 3600,
    "indicators": 60,
    "provider_search": 86_400,
    "validate": 3600,
    "popular": 600,
    "backtest": 3600,  # keyed by the data version too, so new bars are served at once
    "patterns": 3600,
}
KEY_VERSION = 2  # bump when a cached body's shape changes (2: every search field, charts carry their adjustment)
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

ParamValue = str | int | float | bool | None
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CachedBody:
    """A rendered JSON body with its validators."""

    body: bytes
    etag: str
    last_modified: float | None  # POSIX seconds of the data's `as_of`, when it has one


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


def _cache_set(key: str, value: Any, ttl: int) -> None:
    # A failed write only costs the next request a rebuild.
    shared_state.call(f"cache write of {key}", lambda: caches["default"].set(key, value, timeout=ttl), lambda: None)


def cached_value(
    kind: str, *, params: Mapping[str, ParamValue], build: Callable[[], T], symbol: str | None = None
) -> T:
    """`build()`'s result, from the cache when present; errors raised by `build` are never cached."""
    key = cache_key(kind, symbol=symbol, version=None, params=params)
    hit = _cache_get(key)
    if hit is not None:
        return hit
    value = build()
    _cache_set(key, value, CACHE_TTLS[kind])
    return value


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
    """Render `payload` once, with a content ETag and a Last-Modified from its `as_of`."""
    body = dumps(payload)
    return CachedBody(body, quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest()), _last_modified(payload))


def json_response(request: HttpRequest, cached: CachedBody) -> HttpResponse:
    """200 with ETag / Last-Modified, or 304 when the client's copy is current (If-None-Match wins)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        not_modified = cached.etag in tags or "*" in tags
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        not_modified = since is not None and cached.last_modified is not None and int(cached.last_modified) <= since
    response: HttpResponse = (
        HttpResponseNotModified() if not_modified else HttpResponse(cached.body, content_type="application/json")
    )
    response["ETag"] = cached.etag
    if cached.last_modified is not None:
        response["Last-Modified"] = http_date(cached.last_modified)
    # Revalidate every time: the ETag makes that cheap, and new data (a bumped data_version) shows at once.
    response["Cache-Control"] = "no-cache"
    return response
