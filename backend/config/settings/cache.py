"""Cache: Redis when REDIS_URL is set, otherwise an in-process cache."""

from __future__ import annotations

from typing import Any

from config.settings.env import env

REDIS_URL: str | None = env.str("REDIS_URL", default=None) or None

CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "stockvis",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "stockvis",
        }
    }
