"""DRF throttles that fail open: their counters live in the cache, and a cache outage must not fail requests.

Kept free of imports from DRF views or our exception module: DRF imports this while loading its settings.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)

_BYPASS_SECONDS = 5.0
_bypassed_until = 0.0


class _FailOpenThrottleMixin:
    def allow_request(self, request: Request, view: APIView) -> bool:
        global _bypassed_until
        if time.monotonic() < _bypassed_until:
            return True
        try:
            return super().allow_request(request, view)  # type: ignore[misc]
        except Exception as exc:  # any cache backend error: let the request through, retry the cache later
            logger.warning("Throttle check skipped, cache unavailable: %s", type(exc).__name__)
            _bypassed_until = time.monotonic() + _BYPASS_SECONDS
            return True


class FailOpenAnonRateThrottle(_FailOpenThrottleMixin, AnonRateThrottle):
    pass


class FailOpenUserRateThrottle(_FailOpenThrottleMixin, UserRateThrottle):
    pass


def throttle_reset_bypass() -> None:
    """Check throttles again immediately (after a cache error they are skipped for a few seconds)."""
    global _bypassed_until
    _bypassed_until = 0.0
