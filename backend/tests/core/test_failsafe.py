"""The shared fail-safe wrapper: outages answer the fallback and are skipped for a while; bugs are not hidden."""

from __future__ import annotations

import pytest
import redis
from django.test import override_settings

from core.failsafe import FailSafe
from stocks.providers.resilience import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_outage_answers_the_fallback_and_is_skipped_until_the_pause_ends(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    guard = FailSafe("Redis", bypass_seconds=5.0, clock=clock)
    calls: list[int] = []

    def down() -> str:
        calls.append(1)
        raise redis.ConnectionError("Connection refused")

    assert guard.call("a read", down, lambda: "fallback") == "fallback"
    assert guard.call("a read", down, lambda: "fallback") == "fallback"
    assert len(calls) == 1  # skipped while bypassed: no second connect timeout
    assert "Redis unavailable for a read (ConnectionError: Connection refused)" in caplog.text
    clock.now += 5.1
    assert guard.call("a read", lambda: "live", lambda: "fallback") == "live"


def test_a_programming_error_is_raised_not_swallowed() -> None:
    guard = FailSafe("Redis")

    def buggy() -> int:
        raise ValueError("Key 'x' not found")

    with pytest.raises(ValueError, match="not found"):
        guard.call("incr", buggy, lambda: 0)
    assert not guard.bypassed


DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_the_circuit_breaker_stays_closed_and_counts_nothing_with_the_cache_down() -> None:
    breaker = CircuitBreaker("test-outage", threshold=1)
    with override_settings(CACHES=DEAD_CACHE):
        breaker.before_call()
        breaker.record_failure()
        breaker.before_call()  # a threshold of 1 would have opened it with a working cache
        breaker.record_success()
        assert not breaker.is_open
