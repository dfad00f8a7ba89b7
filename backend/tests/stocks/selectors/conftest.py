"""The API tests' stock fixture, shared here (one definition)."""

from tests.stocks.api.conftest import stock

__all__ = ["stock"]
