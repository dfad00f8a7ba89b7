"""The HTTP side of the ASGI application: Django's handler with its middleware chain run synchronously, in one hop,
on a reused thread.

Django's ASGIHandler runs sync views in a thread per request (asgiref's ThreadSensitiveContext), so requests do
not queue behind one thread. With the chain loaded for async, though, every middleware that has process_request /
process_response (sessions, CSRF, auth, messages, security...) hops between the event loop and that thread once per
hook: about twenty hand-offs per request. Loading the chain for sync and entering it once per request keeps the
per-request thread and drops the hand-offs (bench/api.py measures /healthz and the cached chart against a bare
ASGI app). Every view here is sync; an async view would still work, run by Django's adapter.

The per-request thread itself was the next cost: asgiref starts a one-thread executor when a request enters its
context and joins it when the request ends. Here a request borrows an idle one-thread executor (asgiref's
`ThreadSensitiveContext(executor=...)`, which leaves the executor running) and gives it back at the end, as a WSGI
server reuses its threads. A request still gets a thread of its own, so nothing queues; the number of threads is
the highest number of requests served at once. The request_started and request_finished receivers (Django's
database connection clean-up) run on that same thread, as before.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


class RequestThreads:
    """Idle one-thread executors, lent to one request at a time."""

    def __init__(self) -> None:
        self._idle: list[ThreadPoolExecutor] = []
        self._lock = threading.Lock()

    def borrow(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="request")

    def give_back(self, executor: ThreadPoolExecutor) -> None:
        with self._lock:
            self._idle.append(executor)

    @property
    def idle(self) -> int:
        return len(self._idle)


class OneHopASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self.threads = RequestThreads()

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = self.threads.borrow()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            self.threads.give_back(executor)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        # thread_sensitive: the request's own thread (and its database connection), as Django's sync views get.
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
