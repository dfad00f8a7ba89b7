"""The WebSocket fan-out benchmark's baseline server: a bare ASGI broadcast on the same Redis pub/sub channel layer.

No Django, no Channels consumers: each process subscribes once to one group and writes every group message, as it
came, to each of its open WebSockets (one task per socket, as core.websocket.GroupFanout does). What the
Stock-Vis path costs above this is its own. Served by `uvicorn --app-dir bench/servers ws_bare_app:app --workers 2`;
REDIS_URL names the layer's Redis; BENCH_WS_GROUP the group (the Stock-Vis group name, for the same key sizes).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import Any

from channels_redis.pubsub import RedisPubSubChannelLayer

Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]

GROUP = os.environ.get("BENCH_WS_GROUP", "stock_FANOUT")
layer = RedisPubSubChannelLayer(hosts=[{"address": os.environ["REDIS_URL"]}], prefix="stockvis")
members: set[Send] = set()
sending: set[asyncio.Task[None]] = set()
subscribed: asyncio.Future[None] | None = None
pump: asyncio.Task[None] | None = None


async def _pump(ready: asyncio.Future[None]) -> None:
    channel = await layer.new_channel("bare.")
    await layer.group_add(GROUP, channel)
    ready.set_result(None)
    while True:
        event = await layer.receive(channel)
        frame = {"type": "websocket.send", "text": event["text"]}
        for send in list(members):
            task = asyncio.create_task(send(frame))
            sending.add(task)
            task.add_done_callback(sending.discard)


async def _subscription() -> None:
    """Start the process's one subscription on first use; connections wait until it is in place."""
    global subscribed, pump
    if subscribed is None:
        subscribed = asyncio.get_running_loop().create_future()
        pump = asyncio.create_task(_pump(subscribed))
    await subscribed


async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] == "http":  # /healthz, for the harness's readiness check
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await receive()  # websocket.connect
    await _subscription()
    members.add(send)
    await send({"type": "websocket.accept"})
    try:
        while (await receive())["type"] != "websocket.disconnect":
            pass
    finally:
        members.discard(send)
