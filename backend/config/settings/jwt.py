"""JWT (djangorestframework-simplejwt): short access tokens, rotating refresh tokens with a blacklist."""

from __future__ import annotations

from datetime import timedelta

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Every token carries a digest of the password hash it was issued under ("hash_password") and is refused once
    # the password changes (a change, a reset, or the rehash of an old hash at sign-in): the other sessions end at
    # once rather than when their access tokens expire. The password change answers new tokens for this session.
    "CHECK_REVOKE_TOKEN": True,
}
