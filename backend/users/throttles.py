"""Sign-in throttles: one budget per client IP and one per attempted username (the "login" rate), and one per email
asking for a password reset (the "password_reset" rate); all fail open."""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings

from core.throttles import FailOpenRateThrottle


class _LoginThrottle(FailOpenRateThrottle):
    """Fails open like every throttle: with the cache down, sign-in and registration still answer."""

    scope = "login"

    def get_rate(self) -> str | None:
        # Read at call time (not at import like SimpleRateThrottle.THROTTLE_RATES) so settings overrides apply.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None else str(rate)


class LoginIpThrottle(_LoginThrottle):
    """Limits sign-in attempts from one client address, whatever usernames it tries."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return f"throttle_login_ip_{self.get_ident(request)}"


class LoginUsernameThrottle(_LoginThrottle):
    """Limits sign-in attempts against one account, from however many addresses (password guessing)."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username.strip():
            return None
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        return f"throttle_login_user_{digest}"


class PasswordResetEmailThrottle(_LoginThrottle):
    """Limits reset mails to one address, from however many client addresses (mail bombing a user): the
    "password_reset" rate."""

    scope = "password_reset"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return f"throttle_reset_email_{digest}"
