"""Symbol lookup: one translation of provider errors and one exact-listing rule, for search and registration alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.exceptions import ApplicationError, ProviderUnavailableError, RateLimitedError
from stocks.models import Stock
from stocks.providers.base import SymbolMatch
from stocks.providers.errors import ProviderNotFound, ProviderRateLimitedError, ProviderTemporaryError
from stocks.services import symbols

pytestmark = pytest.mark.django_db


class _Provider:
    name = "alphavantage"

    def __init__(self, outcome: list[SymbolMatch] | Exception) -> None:
        self.outcome = outcome

    def search(self, keywords: str) -> list[SymbolMatch]:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def _listing(symbol: str, name: str) -> SymbolMatch:
    return SymbolMatch(
        symbol=symbol, name=name, type="Equity", region="United States", currency="USD", match_score=Decimal("1")
    )


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> _Provider:
    fake = _Provider([])
    monkeypatch.setattr(symbols, "provider_get", lambda: fake)
    return fake


def test_a_spent_quota_is_429_with_retry_after_naming_the_symbol(provider: _Provider) -> None:
    provider.outcome = ProviderRateLimitedError("limit", retry_after=41.6)
    with pytest.raises(RateLimitedError) as raised:
        symbols.stock_get_or_register(symbol="newco")
    assert raised.value.retry_after == 41.6
    assert raised.value.extra == {"retry_after": 42, "symbol": "NEWCO"}
    assert not Stock.objects.filter(pk="NEWCO").exists()


def test_an_unavailable_provider_is_503_for_search_and_registration(provider: _Provider) -> None:
    provider.outcome = ProviderTemporaryError("timeout")
    with pytest.raises(ProviderUnavailableError):
        symbols.symbol_search(keywords="zzzq")
    with pytest.raises(ProviderUnavailableError):
        symbols.stock_get_or_register(symbol="ZZZQ")


def test_registration_needs_the_exact_listing_not_a_prefix(provider: _Provider) -> None:
    provider.outcome = [_listing("IBMX", "Not IBM"), _listing(" ibm ", "International Business Machines")]
    registration = symbols.stock_get_or_register(symbol="IBM")
    assert registration.created
    assert registration.stock.name == "International Business Machines"

    provider.outcome = [_listing("AAPLX", "Prefix only")]
    with pytest.raises(ApplicationError) as raised:
        symbols.stock_get_or_register(symbol="AAPL")
    assert raised.value.code == "unknown_symbol"


def test_a_provider_that_knows_nothing_is_no_match_not_an_error(provider: _Provider) -> None:
    provider.outcome = ProviderNotFound("none")
    assert symbols.provider_matches(keywords="QQQQ") == []
    assert symbols.symbol_validate(raw_symbol="QQQQ").status == "invalid"
