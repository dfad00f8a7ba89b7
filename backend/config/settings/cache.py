"""Cache: Redis when REDIS_URL is set, otherwise an in-process cache."""

from __future__ import annotations

from typing import Any

from config.settings.env import env

REDIS_URL: str | None = env.str("REDIS_URL", default=None) or None

CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_pool.SharedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stockvis",
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                "pool_class": "core.redis_pool.SharedConnectionPool",
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "stockvis",
        }
    }

# Seconds a stock's cached data version lives. The ingestion that changes it rewrites the entry after its commit
# (stocks.cache.stock_version_publish), so with Redis every process sees new data at once and the lifetime only
# bounds memory. The in-process cache is not shared with the worker that ingests, so there an entry lives briefly.
STOCK_VERSION_TTL: int = env.int("STOCK_VERSION_TTL", default=600 if REDIS_URL else 2)
