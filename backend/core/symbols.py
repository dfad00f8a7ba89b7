"""The one symbol normaliser used by every entry point (API, commands, tasks, providers)."""

from __future__ import annotations

import re

from core.exceptions import ApplicationError, ErrorCode

SYMBOL_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{0,11}$")
# What an API client may send (the schema's pattern): any case, surrounding spaces stripped before the check above.
SYMBOL_INPUT_PATTERN = r"^\s*[A-Za-z0-9][A-Za-z0-9.\-]{0,11}\s*$"


class InvalidSymbolError(ApplicationError):
    """A ticker that cannot be a US stock symbol."""

    status_code = 400
    code = ErrorCode.INVALID_SYMBOL


def normalize_symbol(raw: object) -> str:
    """Strip and upper-case `raw`; raise InvalidSymbolError naming the input if it is not a valid symbol."""
    if not isinstance(raw, str):
        raise InvalidSymbolError("Symbol must be a string.", extra={"symbol": repr(raw)})
    symbol = raw.strip().upper()
    if not SYMBOL_PATTERN.fullmatch(symbol):
        raise InvalidSymbolError(
            f"'{raw.strip()[:40]}' is not a valid symbol: use 1-12 letters, digits, '.' or '-'.",
            extra={"symbol": raw.strip()[:40], "pattern": SYMBOL_PATTERN.pattern},
        )
    return symbol
