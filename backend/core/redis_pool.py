"""One Redis connection pool, and one client on it, per process for Django's cache, shared by every thread.

Django keeps a cache backend per thread (per request context under ASGI), and its Redis client builds a pool per
backend, so each request served on its own thread opened a new TCP connection to Redis (13 % of a cached chart
request in the py-spy profile of bench/api.py). redis-py pools are thread-safe and reset themselves in a forked
child, so one pool per URL and options serves the whole process.

Django's `RedisCacheClient.get_client()` also builds a new `redis.Redis` on every cache call (129 µs, more than
a PING to a local Redis). A `redis.Redis` holds no connection of its own (each command borrows one from the pool),
so one client per shared pool is as thread-safe as the pool and saves that cost on every call.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedConnectionPool(redis.ConnectionPool):
    _shared: ClassVar[dict[str, redis.ConnectionPool]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Any:
        key = f"{url} {sorted((name, repr(value)) for name, value in kwargs.items())}"
        with cls._shared_lock:
            pool = cls._shared.get(key)
            if pool is None:
                pool = cls._shared[key] = super().from_url(url, **kwargs)
        return pool

    def client(self) -> redis.Redis:
        """The process's one client on this pool (built on first use)."""
        shared = self.__dict__.get("_client")
        if shared is None:
            with self._shared_lock:
                shared = self.__dict__.get("_client")
                if shared is None:
                    shared = self.__dict__["_client"] = redis.Redis(connection_pool=self)
        return shared


class SharedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key: str | bytes | memoryview | None = None, *, write: bool = False) -> redis.Redis:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in django-stubs
        if isinstance(pool, SharedConnectionPool):
            return pool.client()
        return super().get_client(key, write=write)


class SharedRedisCache(RedisCache):
    """Django's Redis cache, reusing one client per shared pool (see the module docstring)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
