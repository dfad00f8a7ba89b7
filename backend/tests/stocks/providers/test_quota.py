"""The shared call quota: per minute, per day and minimum interval, in the database and in Redis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from stocks.providers.errors import ProviderRateLimitedError
from stocks.providers.quota import DatabaseQuotaLimiter, QuotaLimits, RedisQuotaLimiter, acquire, wait_for

LIMITS = QuotaLimits(calls_per_minute=3, calls_per_day=5, min_interval_seconds=1.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_wait_for_each_limit() -> None:
    assert wait_for([], 100.0, LIMITS) == 0
    assert wait_for([99.5], 100.0, LIMITS) == pytest.approx(0.5)  # one call per second
    assert wait_for([50.0, 60.0, 70.0], 100.0, LIMITS) == pytest.approx(10.0)  # 3/min: the call at 50 must age out
    day = [100.0 - 80_000 + i * 100 for i in range(5)]
    assert wait_for(day, 100.0, LIMITS) == pytest.approx(86_400 - 80_000)  # 5/day


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_limiter(kind: str, clock: Clock) -> Any:
    if kind == "database":
        return DatabaseQuotaLimiter(name="test-quota", limits=LIMITS, clock=clock)
    return RedisQuotaLimiter(url=os.environ["REDIS_URL"], name="test-quota", limits=LIMITS, clock=clock)


@pytest.fixture(params=["database", pytest.param("redis", marks=pytest.mark.integration)])
def limiter(request: pytest.FixtureRequest, clock: Clock, db: Any) -> Iterator[Any]:
    if request.param == "redis" and not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (CI sets it): the Redis quota limiter is tested against a real Redis")
    shared = make_limiter(request.param, clock)
    shared.reset()
    yield shared
    shared.reset()


def test_limiter_enforces_interval_minute_and_day(limiter: Any, clock: Clock) -> None:
    assert limiter.reserve() == 0
    assert limiter.reserve() == pytest.approx(1.0)  # too soon after the first call; nothing recorded
    clock.now += 1
    assert limiter.reserve() == 0
    clock.now += 1
    assert limiter.reserve() == 0
    clock.now += 1
    assert limiter.reserve() == pytest.approx(57.0)  # three calls in the last minute
    assert limiter.usage().used_last_minute == 3
    clock.now += 58
    assert limiter.reserve() == 0
    clock.now += 61
    assert limiter.reserve() == 0
    clock.now += 61
    wait = limiter.reserve()
    assert wait > 80_000  # five calls today: wait until the first ages out of the 24 h window
    assert limiter.usage().used_last_day == 5
    clock.now += wait
    assert limiter.reserve() == 0


def test_acquire_sleeps_for_short_waits_and_raises_for_long_ones(
    limiter: Any, clock: Clock, transactional_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    closes: list[str] = []
    # Django keeps SQLite's in-memory test database open whatever close() is asked, so the close itself is watched.
    monkeypatch.setattr(connection, "close", lambda: closes.append("close"))

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        closes.append("sleep")
        clock.now += seconds

    acquire(limiter, max_wait=5, sleep=sleep)
    acquire(limiter, max_wait=5, sleep=sleep)
    assert slept == [pytest.approx(1.0)]
    acquire(limiter, max_wait=5, sleep=sleep)
    with pytest.raises(ProviderRateLimitedError, match="quota") as caught:
        acquire(limiter, max_wait=5, sleep=sleep)
    assert caught.value.retry_after > 5
    assert closes == ["close", "sleep"] * 2  # the pooled connection goes back before each wait


def test_acquire_never_waits_inside_a_transaction(limiter: Any, clock: Clock) -> None:
    """A wait inside a transaction would hold its locks and its connection: the caller is told to retry instead."""
    slept: list[float] = []
    with transaction.atomic():
        acquire(limiter, max_wait=5, sleep=slept.append)
        with pytest.raises(ProviderRateLimitedError) as caught:
            acquire(limiter, max_wait=5, sleep=slept.append)
    assert slept == []
    assert caught.value.retry_after == pytest.approx(1.0)


def test_two_limiters_on_the_same_store_share_the_quota(limiter: Any, clock: Clock) -> None:
    other = make_limiter("database" if isinstance(limiter, DatabaseQuotaLimiter) else "redis", clock)
    assert limiter.reserve() == 0
    assert other.reserve() > 0  # a second process sees the first one's call


def test_with_redis_down_the_quota_is_counted_in_the_database(clock: Clock, db: Any, caplog: Any) -> None:
    from stocks.models import ProviderCall

    down = RedisQuotaLimiter(url="redis://127.0.0.1:1/0", name="test-quota", limits=LIMITS, clock=clock)
    assert down.reserve() == 0
    assert ProviderCall.objects.filter(provider="test-quota").count() == 1
    assert down.reserve() == pytest.approx(1.0)  # the minimum interval still holds, counted in the database
    assert down.usage().used_last_minute == 1
    assert "the provider quota" in caplog.text
