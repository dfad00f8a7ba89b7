"""DRF throttles that fail open: their counters live in the cache, and a cache outage must not fail requests.

Kept free of imports from DRF views or our exception module: DRF imports this while loading its settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from core.failsafe import shared_state

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class FailOpenThrottleMixin:
    """Put before a SimpleRateThrottle: with the cache down the request is let through (and a warning logged)."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        check = super().allow_request  # type: ignore[misc]
        return shared_state.call("throttle check", lambda: bool(check(request, view)), lambda: True)


class FailOpenAnonRateThrottle(FailOpenThrottleMixin, AnonRateThrottle):
    pass


class FailOpenUserRateThrottle(FailOpenThrottleMixin, UserRateThrottle):
    pass


class FailOpenRateThrottle(FailOpenThrottleMixin, SimpleRateThrottle):
    """Base for throttles with their own scope and cache key (the sign-in ones)."""
