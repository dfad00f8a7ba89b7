"""WebSocket authentication from a JWT access token sent as a subprotocol, and the live consumer base.

The browser's WebSocket API cannot set an Authorization header, and a token in the URL ends up in access logs and
proxies' logs. So the client offers two subprotocols, `stockvis.jwt` and the token itself
(`new WebSocket(url, ["stockvis.jwt", token])`, as Kubernetes' API server does with `base64url.bearer...`), and
the server accepts with `stockvis.jwt` alone, so the token is not echoed back. The URL's query string is not read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from enum import IntEnum
from typing import Any

import orjson
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.middleware import BaseMiddleware
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from core.renderers import dumps

logger = logging.getLogger(__name__)


JWT_SUBPROTOCOL = "stockvis.jwt"


@database_sync_to_async
def _user_for_token(raw: str) -> tuple[Any, str | None]:
    """The HTTP API's checks exactly (simplejwt's JWTAuthentication: signature, expiry, token type, an active user,
    and a password unchanged since the token was issued)."""
    authentication = JWTAuthentication()
    try:
        user = authentication.get_user(authentication.get_validated_token(raw.encode()))
    except (InvalidToken, TokenError, AuthenticationFailed) as exc:
        return AnonymousUser(), _refusal(exc)
    return user, None


def _refusal(exc: Exception) -> str:
    """simplejwt's reason in words: InvalidToken's detail holds each token class's message ("Token is expired")."""
    detail = getattr(exc, "detail", None)
    if isinstance(detail, dict):
        messages = detail.get("messages") or []
        if messages and isinstance(messages[0], dict) and "message" in messages[0]:
            return str(messages[0]["message"])
        return str(detail.get("detail", exc))
    return str(detail if detail is not None else exc)


def _offered_token(subprotocols: list[str]) -> str:
    """The token offered after `stockvis.jwt` in Sec-WebSocket-Protocol, or empty."""
    if JWT_SUBPROTOCOL in subprotocols:
        index = subprotocols.index(JWT_SUBPROTOCOL)
        if index + 1 < len(subprotocols):
            return subprotocols[index + 1]
    return ""


class JWTAuthMiddleware(BaseMiddleware):
    """Sets scope["user"] (AnonymousUser when absent or invalid), scope["auth_error"] and, when the client offered
    `stockvis.jwt`, scope["accept_subprotocol"] (a browser fails a handshake that does not pick one it offered)."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        subprotocols = list(scope.get("subprotocols") or [])
        token = _offered_token(subprotocols)
        scope["auth_error"] = None
        scope["accept_subprotocol"] = JWT_SUBPROTOCOL if JWT_SUBPROTOCOL in subprotocols else None
        if token:
            scope["user"], scope["auth_error"] = await _user_for_token(token)
        else:
            scope["user"] = AnonymousUser()
        return await super().__call__(scope, receive, send)


class CloseCode(IntEnum):
    """Application close codes (4000-4999 are free for applications, RFC 6455 section 7.4.2)."""

    INVALID_INPUT = 4400
    NOT_AUTHENTICATED = 4401


class GroupFanout:
    """This process's members of each live group, fed by one channel-layer subscription per group.

    Channels would give every consumer its own copy of a group message (a queue, a task switch and a decode
    each); here a group_send reaches the process once and the already-serialised frame goes straight to each
    local member, one task per member so a slow client never holds up the others.
    """

    def __init__(self) -> None:
        self.members: dict[str, set[LiveJsonConsumer]] = {}
        self._channel = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscribed: asyncio.Future[None]
        self._pump_task: asyncio.Task[None]
        self._sending: set[asyncio.Task[None]] = set()

    async def join(self, group: str, consumer: LiveJsonConsumer) -> None:
        await self._ensure_subscription()
        if group not in self.members:
            self.members[group] = set()
            await get_channel_layer().group_add(group, self._channel)
        self.members[group].add(consumer)

    async def leave(self, group: str, consumer: LiveJsonConsumer) -> None:
        members = self.members.get(group)
        if members is None:
            return
        members.discard(consumer)
        if not members:
            del self.members[group]
            await get_channel_layer().group_discard(group, self._channel)

    async def _ensure_subscription(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            # First use in this event loop (one per ASGI process; a new one per test). Consumers connecting
            # meanwhile wait on `_subscribed` rather than join a channel that does not exist yet.
            self._loop = loop
            self.members = {}
            self._subscribed = loop.create_future()
            self._channel = await get_channel_layer().new_channel("fanout.")
            self._pump_task = loop.create_task(self._pump(self._channel))
            self._subscribed.set_result(None)
        await self._subscribed

    async def _pump(self, channel: str) -> None:
        layer = get_channel_layer()
        while True:
            try:
                event = await layer.receive(channel)
            except Exception:  # a Redis hiccup must not end live updates for the life of the process
                logger.exception("Live fan-out could not receive; retrying")
                await asyncio.sleep(1)
                continue
            # One ASGI event for every member, handed straight to each connection's ASGI send: the consumer's
            # own send() would only wrap the same text in a new event per member, two coroutine layers deep.
            frame = {"type": "websocket.send", "text": event["text"]}
            for member in list(self.members.get(event["group"], ())):
                task = asyncio.create_task(member.base_send(frame))
                self._sending.add(task)
                task.add_done_callback(self._sent)

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.debug("Live frame not delivered: %s", task.exception())  # the client went away meanwhile


fanout = GroupFanout()


class LiveJsonConsumer(AsyncWebsocketConsumer):
    """Base of the live consumers: ping/pong, a periodic server heartbeat, error frames, and group frames
    delivered by `fanout`, serialised once per message by the sender (see `live_event`)."""

    # Group frames reach a consumer through `fanout`'s one channel per process, so a consumer needs no channel of
    # its own: Channels gives none when the alias names no configured layer (it would otherwise SUBSCRIBE a new
    # Redis channel for every connection and wait on it for the life of the connection).
    channel_layer_alias = "live-consumers-use-fanout"
    groups_joined: list[str]

    async def accept_live(self, groups: list[str]) -> None:
        """Join `groups`, then accept: a client that sees the connection open gets every later group frame."""
        self.groups_joined = groups
        for group in groups:
            await fanout.join(group, self)
        await self.accept(subprotocol=self.scope.get("accept_subprotocol"))
        self._heartbeat = asyncio.create_task(self._beat(settings.WEBSOCKET_HEARTBEAT_SECONDS))

    async def refuse(self, code: CloseCode, error: str, message: str) -> None:
        """Accept, say why in an error frame, then close with `code`: closing before accepting would hide both."""
        self.groups_joined = []
        await self.accept(subprotocol=self.scope.get("accept_subprotocol"))
        await self.send_error(error, message)
        await self.close(code=code, reason=message[:120])

    async def send_error(self, code: str, message: str) -> None:
        await self.send(text_data=orjson.dumps({"type": "error", "code": code, "message": message}).decode())

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        if raw.strip() == "ping":
            await self.send(text_data=_PONG)
            return
        try:
            message = orjson.loads(raw)
        except orjson.JSONDecodeError:
            await self.send_error("invalid_message", 'Send "ping" or a JSON object such as {"type": "ping"}.')
            return
        if isinstance(message, dict) and message.get("type") == "ping":
            await self.send(text_data=_PONG)
            return
        await self.send_error("invalid_message", 'Unknown message: only {"type": "ping"} is accepted.')

    async def disconnect(self, code: int) -> None:
        heartbeat = getattr(self, "_heartbeat", None)
        if heartbeat is not None:
            heartbeat.cancel()
        for group in getattr(self, "groups_joined", []):
            await fanout.leave(group, self)

    async def _beat(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.send(text_data=orjson.dumps({"type": "heartbeat", "timestamp": time.time()}).decode())


_PONG = '{"type":"pong"}'


def live_event(group: str, message: dict[str, Any]) -> dict[str, Any]:
    """The channel-layer event that makes `fanout` send `message`, as JSON, to every local member of `group`."""
    return {"type": "live.frame", "group": group, "text": dumps(message).decode()}
