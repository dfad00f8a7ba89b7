"""HTTP through the ASGI application (core.asgi.OneHopASGIHandler): the whole middleware chain, one thread hop."""

from __future__ import annotations

import asyncio
import gzip
import threading
from typing import Any

import orjson
import pytest
from asgiref.testing import ApplicationCommunicator
from django.core.signals import request_finished

from config.asgi import application
from core.asgi import OneHopASGIHandler
from tests.stocks.api.conftest import add_bars

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(60)]


async def call(method: str, path: str, body: dict[str, Any] | None = None, **headers: str) -> dict[str, Any]:
    """One HTTP request through `config.asgi.application`: status, headers (lower-case names) and body."""
    raw_headers = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    payload = orjson.dumps(body) if body is not None else b""
    if body is not None:
        raw_headers += [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    route, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"127.0.0.1"), *raw_headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": payload, "more_body": False})
    start = await communicator.receive_output(30)
    content = b""
    while True:
        message = await communicator.receive_output(30)
        content += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(5)
    names = {name.decode().lower(): value.decode() for name, value in start["headers"]}
    return {"status": start["status"], "headers": names, "body": content}


async def test_sign_in_and_an_authenticated_read_go_through_every_middleware() -> None:
    password = "a-long-enough-passphrase-42"
    registered = await call(
        "POST", "/api/v1/users/register/", {"username": "asgi", "email": "asgi@example.com", "password": password}
    )
    assert registered["status"] == 201, registered["body"]
    assert "x-request-id" in registered["headers"]
    tokens = orjson.loads(
        (await call("POST", "/api/v1/users/token/", {"username": "asgi", "password": password}))["body"]
    )
    me = await call("GET", "/api/v1/users/me/", authorization=f"Bearer {tokens['access']}")
    assert me["status"] == 200
    assert orjson.loads(me["body"])["username"] == "asgi"
    assert (await call("GET", "/api/v1/users/me/"))["status"] == 401


async def test_views_run_off_the_event_loop_thread_one_thread_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    get_response = OneHopASGIHandler.get_response

    def recording(self: OneHopASGIHandler, request: Any) -> Any:
        threads.append(threading.get_ident())
        return get_response(self, request)

    monkeypatch.setattr(OneHopASGIHandler, "get_response", recording)
    for _ in range(3):
        assert (await call("GET", "/healthz"))["status"] == 200
    assert threading.get_ident() not in threads
    assert len(threads) == 3


def _record_threads(
    monkeypatch: pytest.MonkeyPatch, barrier: threading.Barrier | None = None
) -> list[threading.Thread]:
    threads: list[threading.Thread] = []
    get_response = OneHopASGIHandler.get_response

    def recording(self: OneHopASGIHandler, request: Any) -> Any:
        threads.append(threading.current_thread())
        if barrier is not None:
            barrier.wait()
        return get_response(self, request)

    monkeypatch.setattr(OneHopASGIHandler, "get_response", recording)
    return threads


async def test_one_request_after_another_reuses_the_same_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threads = _record_threads(monkeypatch)
    finished: list[threading.Thread] = []

    def on_finished(**kwargs: Any) -> None:
        finished.append(threading.current_thread())

    request_finished.connect(on_finished)
    try:
        for _ in range(3):
            assert (await call("GET", "/healthz"))["status"] == 200
    finally:
        request_finished.disconnect(on_finished)
    assert threads[0] is threads[1] is threads[2]
    assert threads[0].is_alive()
    # Django's connection clean-up (request_finished) runs on the thread that served the request.
    assert finished == threads


async def test_requests_served_at_once_each_get_a_thread_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each view waits until the other has started: if the second queued behind the first, both would time out.
    threads = _record_threads(monkeypatch, threading.Barrier(2, timeout=20))
    answers = await asyncio.gather(call("GET", "/healthz"), call("GET", "/healthz"))
    assert [answer["status"] for answer in answers] == [200, 200]
    assert threads[0] is not threads[1]


async def test_a_large_cached_chart_is_gzipped_over_asgi(db: Any) -> None:
    from asgiref.sync import sync_to_async

    from tests.factories import StockFactory

    stock = await sync_to_async(StockFactory)(symbol="ACME", source="simulated")
    await sync_to_async(add_bars)(stock, 300)
    plain = await call("GET", "/api/v1/stocks/api/chart/ACME/?period=max")
    zipped = await call("GET", "/api/v1/stocks/api/chart/ACME/?period=max", accept_encoding="gzip")
    assert zipped["headers"]["content-encoding"] == "gzip"
    assert gzip.decompress(zipped["body"]) == plain["body"]
    assert orjson.loads(plain["body"])["count"] == 300
