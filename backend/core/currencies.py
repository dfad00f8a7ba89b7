"""The one currency-code normaliser: ISO 4217 codes of real money, from the `iso4217` package's table.

Funds, precious metals and the test and "no currency" codes (XAU, XDR, XTS, XXX: no minor unit in the table) are
not money a stock trades in or a user counts in, so they are refused like an unknown code.
"""

from __future__ import annotations

import functools

from core.exceptions import ApplicationError, ErrorCode

USD = "USD"


class UnknownCurrencyError(ApplicationError):
    """A currency code that is not an ISO 4217 currency; `extra.currency` is what was given."""

    status_code = 400
    code = ErrorCode.UNKNOWN_CURRENCY


@functools.cache
def currency_codes() -> frozenset[str]:
    from iso4217 import Currency

    return frozenset(c.code for c in Currency if c.exponent is not None)


def currency_normalize(raw: object) -> str:
    """Strip and upper-case `raw`; raise UnknownCurrencyError naming it when it is not an ISO 4217 currency."""
    text = raw.strip().upper() if isinstance(raw, str) else ""
    if text not in currency_codes():
        shown = raw.strip()[:12] if isinstance(raw, str) else repr(raw)[:12]
        raise UnknownCurrencyError(
            f"'{shown}' is not an ISO 4217 currency code (such as USD, EUR, KRW).", extra={"currency": shown}
        )
    return text
