"""A request id per HTTP request: taken from a sane X-Request-ID or made up, echoed back, on every log record.

The id lives in a context variable, which asgiref carries into the thread that runs a sync view, so every log
line a request causes (Django's own "Internal Server Error" included) carries `request_id`.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import sync_and_async_middleware

HEADER = "X-Request-ID"
NO_REQUEST = "-"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def current_request_id() -> str:
    """The id of the request being served in this context, or "-" outside a request."""
    return _request_id.get()


def _accepted(request: HttpRequest) -> str:
    offered = request.headers.get(HEADER, "")
    return offered if _ACCEPTED.fullmatch(offered) else uuid.uuid4().hex


@sync_and_async_middleware
def request_id_middleware(get_response: Any) -> Any:
    """Outermost middleware: sets the id before anything can fail and adds it to every response (sync or async,
    so under ASGI it adds no thread switch of its own)."""
    if iscoroutinefunction(get_response):

        async def async_middleware(request: HttpRequest) -> HttpResponse:
            request_id = _accepted(request)
            token = _request_id.set(request_id)
            try:
                response: HttpResponse = await get_response(request)
            finally:
                _request_id.reset(token)
            response[HEADER] = request_id
            return response

        return async_middleware

    def middleware(request: HttpRequest) -> HttpResponse:
        request_id = _accepted(request)
        token = _request_id.set(request_id)
        try:
            response: HttpResponse = get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request_id
        return response

    return middleware


def install_log_record_factory() -> None:
    """Give every log record a `request_id` attribute (JSON log lines show it as a field)."""
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return record

    logging.setLogRecordFactory(factory)
