"""WebSocket consumer for a user's portfolio values and fired alerts: `/ws/portfolio/`, the JWT access token
offered as the subprotocols `["stockvis.jwt", <access>]` (core.websocket)."""

from __future__ import annotations

from core.realtime import relay
from core.websocket import CloseCode, LiveJsonConsumer
from portfolios.realtime import user_events, user_group


class PortfolioConsumer(LiveJsonConsumer):
    """Joins `user_<id>`; anonymous or expired-token clients get an error frame and close code 4401."""

    user_id: int | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            error = self.scope.get("auth_error")
            if error:
                await self.refuse(CloseCode.NOT_AUTHENTICATED, "token_invalid", f"Access token refused: {error}")
            else:
                await self.refuse(
                    CloseCode.NOT_AUTHENTICATED,
                    "not_authenticated",
                    "Offer the subprotocols stockvis.jwt and <access>.",
                )
            return
        self.user_id = user.pk
        await relay.subscribe(user_events, user.pk)
        await self.accept_live([user_group(user.pk)])

    async def disconnect(self, code: int) -> None:
        if self.user_id is not None:
            relay.unsubscribe(user_events, self.user_id)
        await super().disconnect(code)
