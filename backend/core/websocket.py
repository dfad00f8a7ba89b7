"""WebSocket authentication from a JWT access token (`?token=` query parameter)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken


@database_sync_to_async
def _user_for_token(raw: str) -> tuple[Any, str | None]:
    try:
        token = AccessToken(raw)  # type: ignore[arg-type]
    except TokenError as exc:
        return AnonymousUser(), str(exc)
    user_model = get_user_model()
    try:
        return user_model.objects.get(pk=token["user_id"], is_active=True), None
    except user_model.DoesNotExist:
        return AnonymousUser(), "user not found"


class JWTAuthMiddleware(BaseMiddleware):
    """Sets scope["user"] (AnonymousUser when absent or invalid) and scope["auth_error"]."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        params = parse_qs(scope.get("query_string", b"").decode())
        token = (params.get("token") or [""])[0]
        scope["auth_error"] = None
        if token:
            scope["user"], scope["auth_error"] = await _user_for_token(token)
        else:
            scope["user"] = AnonymousUser()
        return await super().__call__(scope, receive, send)
