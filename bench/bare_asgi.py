"""The limit for bench/api.py: a bare ASGI app that answers from memory the bytes the API answered.

`uvicorn bare_asgi:app` with BARE_BODIES naming a folder of `<name>.json` (and `<name>.json.gz`) files: GET /<name>
answers that body, gzipped when the client accepts gzip and a compressed copy exists. No framework, no I/O.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

_FOLDER = Path(os.environ["BARE_BODIES"])
BODIES = {f"/{path.stem}": path.read_bytes() for path in _FOLDER.glob("*.json")}
GZIPPED = {f"/{path.name.removesuffix('.json.gz')}": path.read_bytes() for path in _FOLDER.glob("*.json.gz")}

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    accepts = b"gzip" in dict(scope["headers"]).get(b"accept-encoding", b"")
    headers = [(b"content-type", b"application/json")]
    if accepts and path in GZIPPED:
        body = GZIPPED[path]
        headers.append((b"content-encoding", b"gzip"))
    elif path in BODIES:
        body = BODIES[path]
    else:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
