"""The Redis cache reuses one pool and one client per process (no Redis server is needed to build them)."""

from __future__ import annotations

import threading

import pytest

from core.redis_pool import SharedConnectionPool, SharedRedisCache

OPTIONS = {"socket_connect_timeout": 1, "pool_class": "core.redis_pool.SharedConnectionPool"}


def _client_in_new_thread(url: str) -> object:
    """What a request served on another thread gets: Django builds a cache backend per thread."""
    found: list[object] = []

    def serve() -> None:
        found.append(SharedRedisCache(url, {"OPTIONS": OPTIONS})._cache.get_client())  # type: ignore[attr-defined]

    thread = threading.Thread(target=serve)
    thread.start()
    thread.join()
    return found[0]


def test_every_thread_gets_the_same_client_on_the_same_pool() -> None:
    url = "redis://127.0.0.1:6379/11"
    first, second = _client_in_new_thread(url), _client_in_new_thread(url)
    assert first is second
    assert isinstance(first.connection_pool, SharedConnectionPool)  # type: ignore[attr-defined]


def test_another_server_gets_its_own_client() -> None:
    assert _client_in_new_thread("redis://127.0.0.1:6379/11") is not _client_in_new_thread("redis://127.0.0.1:6379/10")


@pytest.mark.parametrize("write", [True, False])
def test_reads_and_writes_share_the_client_with_one_server(write: bool) -> None:
    cache = SharedRedisCache("redis://127.0.0.1:6379/11", {"OPTIONS": OPTIONS})
    client = cache._cache  # type: ignore[attr-defined]  # Django's client, not in django-stubs
    assert client.get_client(write=write) is client.get_client(write=not write)
