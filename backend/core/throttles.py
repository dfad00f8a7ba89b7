"""DRF throttles that count in O(1) state with one cache round trip, and fail open when the cache is down.

DRF's SimpleRateThrottle keeps a list of request timestamps per client and reads and rewrites the whole list on
every request (21 % of a cached chart request in the py-spy profile of bench/api.py, and growing with the rate).
These keep DRF's interface (`allow_request`, `wait`, scopes and rates from DEFAULT_THROTTLE_RATES, 429 with
Retry-After through our exception handler) but count with a sliding-window counter: one integer per client per
window of `duration` seconds, and the estimate `previous window's count * share of it still inside the last
`duration` seconds + this window's count` must stay below the rate. Chosen over a fixed window because a fixed
window lets a client spend its budget at the end of one window and again at the start of the next (2x the rate in
a moment); the weighted estimate refills the budget smoothly instead. It is exact within a window and assumes the
previous window's requests were spread evenly: only a client that packed them at its very end gains, at most the
rate again over the window that follows. Refused requests are not counted, as in DRF.

With Redis the check and the increment are one Lua script (EVALSHA, one round trip, atomic: parallel requests
never pass the limit). Any other cache (the embedded in-process default) counts with `add`/`incr`, which are atomic
there, and takes back a refused request's increment with `decr`, so parallel requests do not pass it either.

Kept free of imports from DRF views or our exception module: DRF imports this while loading its settings.
"""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from core.client_ip import client_address
from core.failsafe import shared_state

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

# KEYS: this window's counter, the previous window's. ARGV: rate, weight of the previous window, counter lifetime.
# Returns [1 if allowed, this window's count before the request, previous window's count].
_CHECK_AND_COUNT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[2]) + current >= tonumber(ARGV[1]) then
  return {0, current, previous}
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return {1, current, previous}
"""
_CHECK_AND_COUNT_SHA = hashlib.sha1(_CHECK_AND_COUNT.encode(), usedforsecurity=False).hexdigest()


class FailOpenRateThrottle(SimpleRateThrottle):
    """A SimpleRateThrottle counting in a sliding window; with the cache down the request is let through (and a
    warning logged). Base for throttles with their own scope and cache key (the sign-in ones)."""

    cache_alias = "default"
    # Set by SimpleRateThrottle.__init__ from the rate (None without one: allow_request returns before using them).
    num_requests: int
    duration: int

    def get_ident(self, request: Request) -> str:
        """The client's address, X-Forwarded-For read only from TRUSTED_PROXIES (core.client_ip)."""
        return client_address(request.META)

    def allow_request(self, request: Request, view: APIView) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.key = key
        self.now = self.timer()
        return shared_state.call("throttle check", lambda: self._check_and_count(key), lambda: True)

    def _check_and_count(self, key: str) -> bool:
        window = math.floor(self.now / self.duration)
        self._elapsed = self.now - window * self.duration
        weight = 1.0 - self._elapsed / self.duration
        current_key, previous_key = f"{key}:{window}", f"{key}:{window - 1}"
        # The current counter must outlive its window: it is the previous one during the next.
        lifetime = 2 * self.duration
        cache = caches[self.cache_alias]
        if isinstance(cache, RedisCache):
            allowed, self._current, self._previous = self._redis_check(
                cache, current_key, previous_key, weight, lifetime
            )
            return allowed
        return self._cache_check(cache, current_key, previous_key, weight, lifetime)

    def _redis_check(
        self, cache: RedisCache, current_key: str, previous_key: str, weight: float, lifetime: int
    ) -> tuple[bool, int, int]:
        keys = [cache.make_and_validate_key(current_key), cache.make_and_validate_key(previous_key)]
        # Django's Redis cache has no public handle on its client; this one uses the cache's (shared) pool.
        client = cache._cache.get_client(keys[0], write=True)  # type: ignore[attr-defined]
        args = (*keys, self.num_requests, repr(weight), lifetime)
        try:
            allowed, current, previous = client.evalsha(_CHECK_AND_COUNT_SHA, 2, *args)
        except NoScriptError:  # a new or flushed server: EVAL runs the script and caches it for the next EVALSHA
            allowed, current, previous = client.eval(_CHECK_AND_COUNT, 2, *args)
        return bool(allowed), int(current), int(previous)

    def _cache_check(self, cache: BaseCache, current_key: str, previous_key: str, weight: float, lifetime: int) -> bool:
        if cache.add(current_key, 1, lifetime):
            counted = 1
        else:
            try:
                counted = cache.incr(current_key)
            except ValueError:  # expired between add and incr
                cache.add(current_key, 1, lifetime)
                counted = 1
        self._current = counted - 1
        self._previous = int(cache.get(previous_key, 0))
        if self._previous * weight + self._current < self.num_requests:
            return True
        cache.decr(current_key)
        return False

    def wait(self) -> float | None:
        """Seconds until the estimate falls below the rate (read from the refused check: no round trip)."""
        limit, duration = self.num_requests, self.duration
        current, previous, elapsed = self._current, self._previous, self._elapsed
        if current < limit:
            # The previous window's share decays in this one: previous * (1 - t / duration) + current < limit.
            return max(0.0, duration * (1 - (limit - current) / previous) - elapsed)
        # This window is full: it becomes the previous one and must decay below the rate.
        return duration - elapsed + duration * (1 - limit / current)


class FailOpenAnonRateThrottle(FailOpenRateThrottle, AnonRateThrottle):
    pass


class FailOpenUserRateThrottle(FailOpenRateThrottle, UserRateThrottle):
    pass
