"""A call quota shared by every process: calls per minute, calls per day and a minimum interval between calls.

Redis (one atomic Lua script over a sorted set of call times) when settings.REDIS_URL is set; otherwise the
database (ProviderCall rows, serialised by an advisory lock on PostgreSQL or SQLite's IMMEDIATE transactions).
While Redis is down (core.failsafe) the Redis limiter counts in the database instead, so calls stay shared and
counted and nothing fails with Redis. The two counts are not added up: an outage can allow at most one extra
window's worth of calls, which the provider itself then refuses as rate-limited (a typed, retried error).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import redis
from django.conf import settings
from django.db import connection, transaction

from core.failsafe import shared_state
from stocks.providers.errors import ProviderRateLimitedError

MINUTE = 60.0
DAY = 86_400.0


@dataclass(frozen=True, slots=True)
class QuotaLimits:
    calls_per_minute: int
    calls_per_day: int
    min_interval_seconds: float


@dataclass(frozen=True, slots=True)
class QuotaUsage:
    used_last_minute: int
    used_last_day: int
    wait_seconds: float  # 0 when a call may be made now


def wait_for(times: list[float], now: float, limits: QuotaLimits) -> float:
    """Seconds until one more call fits, given the sorted call times of the last day."""
    wait = 0.0
    if times:
        wait = max(wait, times[-1] + limits.min_interval_seconds - now)
    minute = [t for t in times if t > now - MINUTE]
    if len(minute) >= limits.calls_per_minute:
        wait = max(wait, minute[len(minute) - limits.calls_per_minute] + MINUTE - now)
    day = [t for t in times if t > now - DAY]
    if len(day) >= limits.calls_per_day:
        wait = max(wait, day[len(day) - limits.calls_per_day] + DAY - now)
    return max(0.0, wait)


class QuotaLimiter(Protocol):
    limits: QuotaLimits

    def reserve(self) -> float:
        """Record a call and return 0 if it fits now; otherwise record nothing and return the seconds to wait."""
        ...

    def usage(self) -> QuotaUsage: ...


_REDIS_RESERVE = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local per_minute = tonumber(ARGV[2])
local per_day = tonumber(ARGV[3])
local min_interval = tonumber(ARGV[4])
local reserve = ARGV[6] == '1'
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 86400)
local wait = 0
local last = redis.call('ZREVRANGE', key, 0, 0, 'WITHSCORES')
if #last > 0 then wait = math.max(wait, tonumber(last[2]) + min_interval - now) end
local minute = redis.call('ZRANGEBYSCORE', key, '(' .. (now - 60), '+inf', 'WITHSCORES')
local minute_count = #minute / 2
if minute_count >= per_minute then
  wait = math.max(wait, tonumber(minute[2 * (minute_count - per_minute) + 2]) + 60 - now)
end
local day_count = redis.call('ZCARD', key)
if day_count >= per_day then
  local oldest = redis.call('ZRANGE', key, day_count - per_day, day_count - per_day, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + 86400 - now)
end
if wait <= 0 and reserve then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('EXPIRE', key, 86460)
end
return {tostring(math.max(wait, 0)), minute_count, day_count}
"""


class RedisQuotaLimiter:
    def __init__(self, *, url: str, name: str, limits: QuotaLimits, clock: Callable[[], float] = time.time) -> None:
        self.limits = limits
        self._key = f"stockvis:quota:{name}"
        self._clock = clock
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._script = self._redis.register_script(_REDIS_RESERVE)
        self._fallback = DatabaseQuotaLimiter(name=name, limits=limits, clock=clock)

    def _run(self, reserve: bool) -> QuotaUsage:
        result: Any = self._script(
            keys=[self._key],
            args=[
                repr(self._clock()),
                self.limits.calls_per_minute,
                self.limits.calls_per_day,
                self.limits.min_interval_seconds,
                uuid.uuid4().hex,
                "1" if reserve else "0",
            ],
        )
        return QuotaUsage(int(result[1]), int(result[2]), float(result[0]))

    def reserve(self) -> float:
        return shared_state.call(
            "the provider quota", lambda: self._run(reserve=True).wait_seconds, self._fallback.reserve
        )

    def usage(self) -> QuotaUsage:
        return shared_state.call("the provider quota", lambda: self._run(reserve=False), self._fallback.usage)

    def reset(self) -> None:
        self._redis.delete(self._key)
        self._fallback.reset()


_ADVISORY_LOCK_ID = 0x5354_4B51  # "STKQ": serialises quota checks across processes on PostgreSQL


class DatabaseQuotaLimiter:
    def __init__(self, *, name: str, limits: QuotaLimits, clock: Callable[[], float] = time.time) -> None:
        self.limits = limits
        self.name = name
        self._clock = clock

    def _times(self, now: float) -> list[float]:
        from stocks.models import ProviderCall

        since = dt.datetime.fromtimestamp(now - DAY, tz=dt.UTC)
        calls = ProviderCall.objects.filter(provider=self.name)
        calls.filter(called_at__lte=since).delete()
        return [c.timestamp() for c in calls.order_by("called_at").values_list("called_at", flat=True)]

    def reserve(self) -> float:
        from stocks.models import ProviderCall

        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_ID])
            now = self._clock()
            wait = wait_for(self._times(now), now, self.limits)
            if wait <= 0:
                ProviderCall.objects.create(provider=self.name, called_at=dt.datetime.fromtimestamp(now, tz=dt.UTC))
        return wait

    def usage(self) -> QuotaUsage:
        now = self._clock()
        times = self._times(now)
        return QuotaUsage(
            used_last_minute=sum(1 for t in times if t > now - MINUTE),
            used_last_day=len(times),
            wait_seconds=wait_for(times, now, self.limits),
        )

    def reset(self) -> None:
        from stocks.models import ProviderCall

        ProviderCall.objects.filter(provider=self.name).delete()


def limiter_for(name: str, limits: QuotaLimits) -> RedisQuotaLimiter | DatabaseQuotaLimiter:
    """The shared limiter for provider `name`: Redis when settings.REDIS_URL is set, the database otherwise."""
    redis_url = getattr(settings, "REDIS_URL", None)
    if redis_url:
        return RedisQuotaLimiter(url=redis_url, name=name, limits=limits)
    return DatabaseQuotaLimiter(name=name, limits=limits)


def release_database_connection() -> None:
    """Give this thread's database connection back (to the pool) before a wait, unless a transaction is open.

    Django opens a new one on the next query; a connection held idle across a quota wait or a slow provider read
    is one fewer for every request of the process.
    """
    if not connection.in_atomic_block:
        connection.close()


def acquire(limiter: QuotaLimiter, *, max_wait: float, sleep: Callable[[float], None] = time.sleep) -> None:
    """Block until the quota allows one call, or raise ProviderRateLimitedError when that would exceed `max_wait`.

    Inside a transaction it never waits (the transaction would hold its locks and connection meanwhile): the
    error is raised at once for the caller to retry later. Before each wait the connection is released.
    """
    waited = 0.0
    while True:
        wait = limiter.reserve()
        if wait <= 0:
            return
        if waited + wait > max_wait or connection.in_atomic_block:
            raise ProviderRateLimitedError(
                f"Call quota used up ({limiter.limits.calls_per_minute}/min, {limiter.limits.calls_per_day}/day); "
                f"next call possible in {wait:.0f} s.",
                retry_after=wait,
            )
        release_database_connection()
        sleep(wait)
        waited += wait


def lookup_budget_reserve(*, user_id: int | None) -> float:
    """Count one symbol lookup against its caller's budget: 0 when it fits, else the seconds until one does.

    Anonymous callers share one budget (per-IP budgets are bought with rotating addresses); each signed-in user has
    a larger one of their own. Counted like provider calls (Redis, or the database), and never waits.
    """
    if user_id is None:
        name = "lookup:anonymous"
        limits = QuotaLimits(
            calls_per_minute=settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_MINUTE,
            calls_per_day=settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY,
            min_interval_seconds=0.0,
        )
    else:
        name = f"lookup:user:{user_id}"
        limits = QuotaLimits(
            calls_per_minute=settings.SYMBOL_LOOKUPS_USER_PER_MINUTE,
            calls_per_day=settings.SYMBOL_LOOKUPS_USER_PER_DAY,
            min_interval_seconds=0.0,
        )
    return limiter_for(name, limits).reserve()
