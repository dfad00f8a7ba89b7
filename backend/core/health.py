"""Liveness (`GET /healthz`) and readiness (`GET /readyz`: database, cache and task broker)."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)

_BROKER_CHECK_TTL_SECONDS = 5.0
# Broker URL -> (checked at, state): a probe every few seconds at most, so /readyz stays cheap under frequent polling.
_broker_states: dict[str, tuple[float, str]] = {}


@dataclass(frozen=True)
class ComponentState:
    name: str
    state: str  # "up" | "down"
    backend: str
    detail: str = ""


@dataclass(frozen=True)
class Readiness:
    components: dict[str, ComponentState]

    @property
    def failed(self) -> list[str]:
        return [name for name, component in self.components.items() if component.state != "up"]

    @property
    def status(self) -> str:
        return "not_ready" if self.failed else "ready"

    def failure_message(self) -> str:
        down = ", ".join(f"{name} ({self.components[name].backend})" for name in self.failed)
        return f"Not ready: {down} down."


def database_state() -> ComponentState:
    vendor = connection.vendor
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver or pool error means "down"; the detail names it
        logger.warning("Database readiness check failed: %s", exc)
        return ComponentState("database", "down", vendor, type(exc).__name__)
    return ComponentState("database", "up", vendor)


def cache_state() -> ComponentState:
    # "redis" or "locmem": our Redis cache (core.redis_pool.SharedRedisCache) is Django's, with a shared client.
    default = caches["default"]
    backend = "redis" if isinstance(default, RedisCache) else type(default).__name__.removesuffix("Cache").lower()
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # redis errors of every kind
        logger.warning("Cache readiness check failed: %s", exc)
        return ComponentState("cache", "down", backend, type(exc).__name__)
    return ComponentState("cache", "up" if ok else "down", backend, "" if ok else "value not read back")


def broker_state() -> ComponentState:
    """Broker reachability, probed at most every few seconds per broker URL."""
    url: str = settings.CELERY_BROKER_URL
    transport = url.split(":", 1)[0]
    checked_at, state = _broker_states.get(url, (float("-inf"), "unknown"))
    now = time.monotonic()
    if now - checked_at > _BROKER_CHECK_TTL_SECONDS:
        try:
            with Connection(url, connect_timeout=1) as conn:
                conn.ensure_connection(max_retries=1, timeout=1)
            state = "up"
        except Exception as exc:  # kombu raises transport-specific errors
            logger.warning("Broker readiness check failed: %s", type(exc).__name__)
            state = "down"
        _broker_states[url] = (now, state)
    return ComponentState("broker", state, transport)


def readiness_get() -> Readiness:
    states = (database_state(), cache_state(), broker_state())
    return Readiness(components={state.name: state for state in states})
