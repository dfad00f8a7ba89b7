"""Tokens never reach the server's log: uvicorn's access and WebSocket lines, as the production command writes
them, show `token=***` for a token in the URL (a reset link's, an old client's WebSocket URL)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets
from websockets.typing import Subprotocol

from tests.realtime.processes import BACKEND_DIR, free_port

SECRET = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl"


async def _websocket_attempts(port: int) -> None:
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/portfolio/?token={SECRET}") as socket:
        await socket.recv()  # the error frame: a token in the URL does not sign in
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/ws/portfolio/", subprotocols=[Subprotocol("stockvis.jwt"), Subprotocol(SECRET)]
    ) as socket:
        # A real handshake through uvicorn: the client (like a browser) requires one of its offers back.
        assert socket.subprotocol == "stockvis.jwt"
        await socket.recv()


def test_uvicorn_logs_show_no_token(tmp_path: Path) -> None:
    port = free_port()
    log_path = tmp_path / "uvicorn.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONUNBUFFERED": "1"}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
            cwd=BACKEND_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert server.poll() is None, log_path.read_text()
                    assert time.monotonic() < deadline, log_path.read_text()
                    time.sleep(0.3)
            assert httpx.get(f"http://127.0.0.1:{port}/healthz?token={SECRET}&x=1", timeout=5).status_code == 200
            asyncio.run(_websocket_attempts(port))
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(15)
    text = log_path.read_text()
    assert SECRET not in text
    assert '"GET /healthz?token=***&x=1 HTTP/1.1" 200' in text  # the access line itself is still written
    assert '"WebSocket /ws/portfolio/?token=***" [accepted]' in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "GET /reset-password/confirm?uid=MQ&token=abc-123 HTTP/1.1",
            "GET /reset-password/confirm?uid=MQ&token=*** HTTP/1.1",
        ),
        ("/ws/portfolio/?token=eyJ.a.b", "/ws/portfolio/?token=***"),
        ("/api/v1/stocks/?q=tokens", "/api/v1/stocks/?q=tokens"),
    ],
)
def test_redact_hides_token_parameters_only(line: str, expected: str) -> None:
    from core.logging import redact

    assert redact(line) == expected
