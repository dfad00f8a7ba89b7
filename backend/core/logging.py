"""Logging filter that redacts API keys and tokens from every record before it is written."""

from __future__ import annotations

import logging
import re

_SECRET_PATTERNS = [
    re.compile(r"(apikey=)[^&\s\"']+", re.IGNORECASE),
    # Alpha Vantage echoes keys back in several wordings, e.g. "... API key as DEMO1234 ..." (see ALPHAVANTAGE.md).
    re.compile(r"(api[_ ]?key(?:\s+as)?[\"':= ]+)[A-Za-z0-9]{6,}", re.IGNORECASE),
    re.compile(r"(Bearer\s+)[A-Za-z0-9\-_.]+"),
    re.compile(r"(password[\"':= ]+)[^\s,\"'&]+", re.IGNORECASE),
    # Tokens as URL parameters: an old client's `/ws/portfolio/?token=<JWT>`, a reset link's `&token=`.
    re.compile(r"([?&](?:access_|refresh_)?token=)[^&\s\"']+", re.IGNORECASE),
]


def redact(text: str) -> str:
    """Replace every secret value in `text` with `***`."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(r"\1***", text)
    return text


class RedactSecretsFilter(logging.Filter):
    """On a handler (ours) or a logger (uvicorn's access and error loggers, whose formatters read `record.args`:
    uvicorn's AccessFormatter unpacks them into client, method, path...). String arguments are redacted in place,
    keeping the arguments; only a secret that appears in the formatted message alone flattens it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


# uvicorn's loggers: its access lines (the path with its query string) and its WebSocket handshake lines
# ('"WebSocket /ws/...?..." [accepted]', on uvicorn.error). uvicorn configures them before it imports the app; naming
# them in LOGGING would make dictConfig drop their handlers, so the filter is added to them as they are.
SERVER_LOGGERS = ("uvicorn.access", "uvicorn.error")


def redact_server_logs() -> None:
    """Add the redacting filter to the ASGI server's own loggers (once per process, from CoreConfig.ready)."""
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactSecretsFilter) for existing in logger.filters):
            logger.addFilter(RedactSecretsFilter())
