"""Retries with exponential backoff and jitter (temporary and rate-limit errors only) and a circuit breaker."""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from django.core.cache import cache

from core.failsafe import shared_state
from stocks.providers.errors import (
    ProviderCircuitOpenError,
    ProviderRateLimitedError,
    ProviderTemporaryError,
)

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def pause(seconds: float) -> None:
    """Wait between attempts; the one place tests replace to run retries instantly."""
    time.sleep(seconds)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry. `sleep` is injectable so tests run instantly."""

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_rate_limit_wait: float = 65.0  # longer waits (a spent daily quota) are raised for the caller to schedule
    sleep: Callable[[float], None] = field(default_factory=lambda: pause)

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (1-based): exponential, capped, with +-50% jitter."""
        return min(self.max_delay, self.base_delay * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)


class HasRetryPolicy(Protocol):
    retry_policy: RetryPolicy


S = TypeVar("S", bound=HasRetryPolicy)


def retrying(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Retry a provider call on ProviderTemporaryError and short ProviderRateLimitedError waits; never on others."""

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        policy = self.retry_policy
        for attempt in range(1, policy.attempts + 1):
            try:
                return method(self, *args, **kwargs)
            except ProviderRateLimitedError as exc:
                if attempt == policy.attempts or exc.retry_after > policy.max_rate_limit_wait:
                    raise
                delay = exc.retry_after + random.uniform(0, 0.5)
            except ProviderCircuitOpenError:
                raise
            except ProviderTemporaryError:
                if attempt == policy.attempts:
                    raise
                delay = policy.backoff(attempt)
            logger.warning(
                "%s failed (attempt %d of %d); retrying in %.1f s", method.__name__, attempt, policy.attempts, delay
            )
            policy.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    return wrapper


class CircuitBreaker:
    """Opens after `threshold` consecutive temporary failures; after `cooldown` seconds one probe call is let through.

    State lives in the Django cache, so it is shared by every process when the cache is Redis. With the cache
    down (core.failsafe) the breaker stays closed and counts nothing: calls go on, each with its own timeout and
    the quota still counted, instead of every provider call failing with the cache.
    """

    def __init__(
        self, name: str, *, threshold: int = 5, cooldown: float = 60.0, clock: Callable[[], float] = time.time
    ) -> None:
        self._failures_key = f"circuit:{name}:failures"
        self._open_until_key = f"circuit:{name}:open_until"
        self.name = name
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock

    def _open_until(self) -> float | None:
        value: Any = shared_state.call(
            f"circuit breaker {self.name}", lambda: cache.get(self._open_until_key), lambda: None
        )
        return None if value is None else float(value)

    def before_call(self) -> None:
        open_until = self._open_until()
        if open_until is not None and open_until > self._clock():
            wait = open_until - self._clock()
            raise ProviderCircuitOpenError(
                f"{self.name} is failing repeatedly; calls are paused for {wait:.0f} s.", retry_after=wait
            )

    def record_success(self) -> None:
        shared_state.call(
            f"circuit breaker {self.name}",
            lambda: cache.delete_many([self._failures_key, self._open_until_key]),
            lambda: None,
        )

    def _count_failure(self) -> int:
        cache.add(self._failures_key, 0, timeout=None)
        try:
            return int(cache.incr(self._failures_key))
        except ValueError:  # the key expired or was evicted between add and incr
            cache.set(self._failures_key, 1, timeout=None)
            return 1

    def record_failure(self) -> None:
        failures = shared_state.call(f"circuit breaker {self.name}", self._count_failure, lambda: 0)
        if failures >= self.threshold:
            shared_state.call(
                f"circuit breaker {self.name}",
                lambda: cache.set(self._open_until_key, self._clock() + self.cooldown, timeout=int(self.cooldown) + 60),
                lambda: None,
            )
            logger.warning("Circuit for %s opened after %d consecutive failures", self.name, failures)

    @property
    def is_open(self) -> bool:
        open_until = self._open_until()
        return open_until is not None and open_until > self._clock()
