"""A request id per HTTP request: taken from a sane X-Request-ID or made up, echoed back, on every log record.

The id lives in a context variable, which asgiref carries into the thread that runs a sync view, so every log
line a request causes (Django's own "Internal Server Error" included) carries `request_id`.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
NO_REQUEST = "-"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def current_request_id() -> str:
    """The id of the request being served in this context, or "-" outside a request."""
    return _request_id.get()


class RequestIdMiddleware:
    """Outermost middleware: sets the id before anything can fail and adds it to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _ACCEPTED.fullmatch(offered) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request_id
        return response


def install_log_record_factory() -> None:
    """Give every log record a `request_id` attribute (JSON log lines show it as a field)."""
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return record

    logging.setLogRecordFactory(factory)
