"""The JSON request parser: DRF's, plus limits on body size and nesting depth and a check for invalid Unicode.

Python's json module accepts lone surrogates (`"\\ud800"`), which no UTF-8 encoder (orjson, PostgreSQL, the
password hasher) can take later, and raises RecursionError, not a parse error, on deep nesting; DRF's parser
passes both through as 500s and reads any body size. Refusing them here covers every endpoint at once.

Kept free of imports from DRF views or our exception module: DRF imports this while loading its settings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework import exceptions, parsers

MAX_DEPTH = 32  # our bodies nest two or three levels; DRF's own error bodies a few more
_SURROGATE = re.compile("[\ud800-\udfff]")


class RequestTooLargeError(exceptions.APIException):
    """413: the body is larger than settings.DATA_UPLOAD_MAX_MEMORY_SIZE."""

    status_code = 413
    default_code = "request_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(f"The request body is larger than the {limit:,} bytes allowed.")
        self.extra = {"limit_bytes": limit}


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number.")


def read_limited(stream: IO[bytes], limit: int | None) -> bytes:
    """The whole body, or RequestTooLargeError as soon as it grows past `limit` bytes (None: no limit)."""
    if limit is None:
        return stream.read()
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise RequestTooLargeError(limit)
    return body


def check_structure(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """ParseError when `value` nests deeper than `max_depth` or holds a string with a lone surrogate."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                raise exceptions.ParseError(
                    "JSON parse error - a string holds a lone surrogate (\\ud800-\\udfff), which is not valid Unicode."
                )
            continue
        if not isinstance(item, Mapping | list):
            continue
        if depth > max_depth:
            raise exceptions.ParseError(f"JSON parse error - nested more than {max_depth} levels deep.")
        children = [*item.keys(), *item.values()] if isinstance(item, Mapping) else item
        pending.extend((child, depth + 1) for child in children)


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        if stream is None:
            return None
        raw = read_limited(stream, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except RecursionError:
            raise exceptions.ParseError(f"JSON parse error - nested more than {MAX_DEPTH} levels deep.") from None
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None
        check_structure(data)
        return data
