"""WebSocket routes; each app contributes its own `websocket_urlpatterns`."""

from __future__ import annotations

from typing import Any

websocket_urlpatterns: list[Any] = []
