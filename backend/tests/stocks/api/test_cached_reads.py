"""Cached stock reads: one cache read and no query on a hit, the version shared through the cache, gzip bodies."""

from __future__ import annotations

import datetime as dt
import gzip
from typing import Any

import orjson
import pytest
from django.core.cache import cache

from stocks import cache as stock_cache
from stocks.selectors.prices import StockVersion
from tests.stocks.api.conftest import add_bars, bump_version

URL = "/api/v1/stocks/api/chart/ACME/"
pytestmark = pytest.mark.django_db


def test_a_cached_chart_is_one_cache_read_and_no_query(
    api_client: Any, stock: Any, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_bars(stock, 40)
    first = api_client.get(URL, {"period": "max"})
    reads: list[list[str]] = []  # each call that reaches the cache server (LocMem's get_many calls get itself)
    get, get_many = cache.get, cache.get_many
    inside_many = False

    def counted_get(key: str, *args: Any, **kwargs: Any) -> Any:
        if not inside_many:
            reads.append([key])
        return get(key, *args, **kwargs)

    def counted_get_many(keys: list[str], *args: Any, **kwargs: Any) -> Any:
        nonlocal inside_many
        reads.append(list(keys))
        inside_many = True
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside_many = False

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    with django_assert_num_queries(0):
        again = api_client.get(URL, {"period": "max"})
    assert again.content == first.content
    assert again.json()["count"] == 40
    stock_reads = [keys for keys in reads if any(key.startswith("stocks:") for key in keys)]
    # One round trip for the stock's version and the body keyed on it (the throttle keeps its own entries).
    assert len(stock_reads) == 1
    assert [key.split(":")[2] for key in stock_reads[0]] == ["version", "chart"]


def test_a_version_published_by_another_process_is_read_from_the_cache(
    api_client: Any, stock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_bars(stock, 30)
    assert api_client.get(URL, {"period": "max"}).json()["count"] == 30
    add_bars(stock, 5, seed=2, dates=[dt.date(2024, 6, 17 + i) for i in range(5)])
    bump_version("ACME")  # the worker's commit writes the new version into the shared cache...
    seen = stock_cache._seen_versions["ACME"]
    # ...while this web process still remembers the old one.
    monkeypatch.setitem(stock_cache._seen_versions, "ACME", StockVersion("ACME", seen.data_version - 1, seen.source))
    assert api_client.get(URL, {"period": "max"}).json()["count"] == 35


def test_an_evicted_version_is_read_from_the_database_once(
    api_client: Any, stock: Any, django_assert_num_queries: Any
) -> None:
    add_bars(stock, 30)
    api_client.get(URL, {"period": "max"})
    cache.clear()
    api_client.get(URL, {"period": "max"})  # rebuilds the body and the version entry
    with django_assert_num_queries(0):
        assert api_client.get(URL, {"period": "max"}).json()["count"] == 30


def test_an_unknown_symbol_is_still_a_404(api_client: Any, db: Any) -> None:
    response = api_client.get("/api/v1/stocks/api/chart/NOPE/")
    assert response.status_code == 404
    assert response.json()["code"] == "stock_not_found"


def test_large_bodies_are_sent_gzipped_to_clients_that_accept_it(api_client: Any, stock: Any) -> None:
    add_bars(stock, 300)
    plain = api_client.get(URL, {"period": "max"})
    zipped = api_client.get(URL, {"period": "max"}, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert orjson.loads(plain.content)["count"] == 300
    assert len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    revalidated = api_client.get(URL, {"period": "max"}, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert revalidated.status_code == 304


@pytest.mark.parametrize("header", ["identity", "gzip;q=0", "br", ""])
def test_clients_that_refuse_gzip_get_plain_json(api_client: Any, stock: Any, header: str) -> None:
    add_bars(stock, 300)
    response = api_client.get(URL, {"period": "max"}, HTTP_ACCEPT_ENCODING=header)
    assert "Content-Encoding" not in response
    assert response.json()["count"] == 300
