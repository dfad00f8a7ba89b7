"""The HTTP side of the ASGI application: Django's handler with its middleware chain run synchronously, in one hop.

Django's ASGIHandler runs sync views in a thread per request (asgiref's ThreadSensitiveContext), so requests do
not queue behind one thread. With the chain loaded for async, though, every middleware that has process_request /
process_response (sessions, CSRF, auth, messages, security...) hops between the event loop and that thread once per
hook: about twenty hand-offs per request. Loading the chain for sync and entering it once per request keeps the
per-request thread and drops the hand-offs (bench/api.py measures /healthz and the cached chart against a bare
ASGI app). Every view here is sync; an async view would still work, run by Django's adapter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


class OneHopASGIHandler(ASGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        # thread_sensitive: the request's own thread (and its database connection), as Django's sync views get.
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
