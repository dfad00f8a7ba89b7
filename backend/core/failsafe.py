"""The one fail-safe wrapper for shared services that may be down (Redis: cache, throttles, circuit breaker, quota,
channel layer; the Celery broker).

Every such use goes through `shared_state.call(what, fn, fallback)`: when `fn` fails with a connection-level
error the wrapper logs one warning naming `what`, answers `fallback()` instead, and skips the service for a few
seconds, so a dead Redis costs each request nothing, not a connect timeout per use. Programming errors (a
ValueError from `incr` on a missing key, a bad argument) are not caught: they are not outages.
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Callable
from typing import TypeVar

import redis
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What a server that is down, restarting, full or slow raises: redis-py's errors, sockets' OSErrors (refused,
# reset, timed out) and, from a cache, a value that does not unpickle.
SERVICE_ERRORS: tuple[type[Exception], ...] = (redis.RedisError, OSError, pickle.UnpicklingError, EOFError)
# What publishing a task raises when the broker cannot be reached (kombu wraps the transport's connection errors).
BROKER_ERRORS: tuple[type[Exception], ...] = (*SERVICE_ERRORS, BrokerOperationalError)


class FailSafe:
    """Calls into one shared service; after a failure, answers the fallbacks for `bypass_seconds`."""

    def __init__(
        self,
        name: str,
        *,
        bypass_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        errors: tuple[type[Exception], ...] = SERVICE_ERRORS,
    ):
        self.name = name
        self.errors = errors
        self.bypass_seconds = bypass_seconds
        self._clock = clock
        self._bypassed_until = 0.0

    @property
    def bypassed(self) -> bool:
        return self._clock() < self._bypassed_until

    def call(self, what: str, fn: Callable[[], T], fallback: Callable[[], T]) -> T:
        """`fn()`, or `fallback()` when the service fails now or failed within the last `bypass_seconds`."""
        if self.bypassed:
            return fallback()
        try:
            return fn()
        except self.errors as exc:
            self._bypassed_until = self._clock() + self.bypass_seconds
            logger.warning(
                "%s unavailable for %s (%s: %s); carrying on without it for %.0f s",
                self.name,
                what,
                type(exc).__name__,
                exc,
                self.bypass_seconds,
            )
            return fallback()

    def reset(self) -> None:
        """Use the service again at once (tests, or an operator who knows it is back)."""
        self._bypassed_until = 0.0


# The cache (Redis when REDIS_URL is set) and the Redis quota: one server, so one state. When it is down, every
# use degrades at once: throttles let requests through, the circuit breaker stays closed, the provider quota is
# counted in the database, and cached reads are rebuilt from the database.
shared_state = FailSafe("Shared state (cache/Redis)")
# The Celery broker (Redis, or the embedded SQLite transport): a task that could not be queued is logged and left
# to the sweep that re-queues it (stocks.services.collection.collection_requeue_sweep).
broker = FailSafe("Celery broker", errors=BROKER_ERRORS)
