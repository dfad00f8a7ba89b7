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
]


def redact(text: str) -> str:
    """Replace every secret value in `text` with `***`."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(r"\1***", text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
