"""Health of the database, cache and task broker, as reported by `GET /healthz`."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)

_BROKER_CHECK_TTL_SECONDS = 5.0
_broker_state: tuple[float, str] = (0.0, "unknown")


@dataclass(frozen=True)
class ComponentState:
    name: str
    state: str  # "up" | "down"
    backend: str
    detail: str = ""


def database_state() -> ComponentState:
    vendor = connection.vendor
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the detail names it
        logger.warning("Database health check failed: %s", exc)
        return ComponentState("database", "down", vendor, type(exc).__name__)
    return ComponentState("database", "up", vendor)


def cache_state() -> ComponentState:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # redis errors of every kind
        logger.warning("Cache health check failed: %s", exc)
        return ComponentState("cache", "down", backend, type(exc).__name__)
    return ComponentState("cache", "up" if ok else "down", backend)


def broker_state() -> ComponentState:
    """Broker reachability, checked at most every few seconds so /healthz stays cheap."""
    global _broker_state
    url: str = settings.CELERY_BROKER_URL
    transport = url.split(":", 1)[0]
    checked_at, state = _broker_state
    now = time.monotonic()
    if now - checked_at > _BROKER_CHECK_TTL_SECONDS:
        try:
            with Connection(url, connect_timeout=1) as conn:
                conn.ensure_connection(max_retries=1, timeout=1)
            state = "up"
        except Exception as exc:  # kombu raises transport-specific errors
            logger.warning("Broker health check failed: %s", type(exc).__name__)
            state = "down"
        _broker_state = (now, state)
    return ComponentState("broker", state, transport)
