"""One Redis connection pool per process for Django's cache, shared by every thread.

Django keeps a cache backend per thread (per request context under ASGI), and its Redis client builds a pool per
backend, so each request served on its own thread opened a new TCP connection to Redis (13 % of a cached chart
request in the py-spy profile of bench/api.py). redis-py pools are thread-safe and reset themselves in a forked
child, so one pool per URL and options serves the whole process.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import redis


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
