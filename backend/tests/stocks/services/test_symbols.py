"""Symbol lookup: one translation of provider errors and one exact-listing rule, for search and registration alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.exceptions import ApplicationError, ProviderUnavailableError, RateLimitedError
from stocks.korean_names import KOREAN_NAMES
from stocks.models import Stock, SymbolListing
from stocks.providers.alphavantage.processor import listed_symbols_from_csv
from stocks.providers.base import SymbolMatch
from stocks.providers.errors import ProviderNotFound, ProviderRateLimitedError, ProviderTemporaryError
from stocks.providers.simulated.universe import UNIVERSE
from stocks.services import symbols
from tests.factories import StockFactory
from tests.stocks.providers.alphavantage.conftest import recording_text

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


def test_an_unavailable_provider_is_503_for_registration(provider: _Provider) -> None:
    provider.outcome = ProviderTemporaryError("timeout")
    with pytest.raises(ProviderUnavailableError):
        symbols.stock_get_or_register(symbol="ZZZQ")


def test_registration_needs_the_exact_listing_not_a_prefix(provider: _Provider) -> None:
    provider.outcome = [_listing("IBMX", "Not IBM"), _listing(" ibm ", "International Business Machines")]
    registration = symbols.stock_get_or_register(symbol="IBM")
    assert registration.created
    assert registration.stock.name == "International Business Machines"

    provider.outcome = [_listing("ZZZQX", "Prefix only")]
    with pytest.raises(ApplicationError) as raised:
        symbols.stock_get_or_register(symbol="ZZZQ")
    assert raised.value.code == "unknown_symbol"


def test_registration_of_a_catalogued_symbol_asks_no_provider(provider: _Provider) -> None:
    provider.outcome = ProviderTemporaryError("would have been called")
    registration = symbols.stock_get_or_register(symbol="nke")
    assert (registration.created, registration.stock.name) == (True, "Nike Inc")


def test_a_provider_that_knows_nothing_is_no_match_not_an_error(provider: _Provider) -> None:
    provider.outcome = ProviderNotFound("none")
    assert symbols.provider_matches(keywords="QQQQ") == []
    symbols.SymbolLookup.objects.create(key="qqqq", keywords="QQQQ", requested_at=timezone.now())
    assert symbols.symbol_lookup_run(key="qqqq").state == "done"
    assert symbols.symbol_validate(raw_symbol="QQQQ").status == "invalid"


# Korean names, accents and spaces (issue 16) -------------------------------------------------------------------------


def _found(keywords: str) -> list[str]:
    return [c.symbol for c in symbols.catalogue_matches(keywords=keywords)]


@pytest.mark.parametrize(
    ("keywords", "symbol"),
    [
        ("애플", "AAPL"),
        ("마이크로소프트", "MSFT"),
        ("마이크로 소프트", "MSFT"),
        ("엔비디아", "NVDA"),
        ("테슬라", "TSLA"),
        ("구글", "GOOGL"),
        ("알파벳", "GOOGL"),
        ("아마존", "AMZN"),
        ("메타", "META"),
        ("버크셔", "BRK.B"),
        ("brk b", "BRK.B"),
    ],
)
def test_korean_names_and_spacing_find_the_symbol_first(keywords: str, symbol: str) -> None:
    assert _found(keywords)[0] == symbol


def test_every_demo_symbol_has_a_korean_name_that_finds_it() -> None:
    for listing in UNIVERSE:
        names = KOREAN_NAMES[listing.symbol]
        assert all(listing.symbol in _found(name) for name in names), listing.symbol


def test_accents_and_spaces_do_not_matter_for_stored_names() -> None:
    StockFactory(symbol="NSRGY", name="Nestlé S.A.")
    StockFactory(symbol="SCGLY", name="Société Générale")
    assert _found("Nestle") == ["NSRGY"]
    assert _found("nestlé") == ["NSRGY"]
    assert _found("societe generale") == ["SCGLY"]
    assert _found("SOCIÉTÉGÉNÉRALE") == ["SCGLY"]
    assert symbols.catalogue_matches(keywords="Nestle")[0].in_database is True


def test_a_korean_result_carries_its_korean_name() -> None:
    best = symbols.catalogue_matches(keywords="애플")[0]
    assert (best.symbol, best.name, best.korean_name, best.in_database) == ("AAPL", "Apple Inc", "애플", False)


def test_the_recorded_listing_loads_into_the_catalogue() -> None:
    """Alpha Vantage's LISTING_STATUS as recorded by a public client: active, holdable rows become searchable."""
    listings = listed_symbols_from_csv(recording_text("LISTING_STATUS/portfoliotree-alphavantage__listing_status.csv"))
    assert [listing.symbol for listing in listings][:3] == ["A", "AA", "AAA"]
    assert symbols.symbol_catalogue_load(listings=listings) == 8
    assert _found("agilent") == ["A"]
    assert _found("alcoa") == ["AA"]
    assert symbols.symbol_validate(raw_symbol="AAAU").status == "provider"
    assert symbols.symbol_validate(raw_symbol="AAAU").name == "Goldman Sachs Physical Gold ETF"
    # A later listing without AACG drops it; the lookups' entries are left alone.
    SymbolListing.objects.create(symbol="ZBRA", name="Zebra", name_key="zebra", source="lookup")
    symbols.symbol_catalogue_load(listings=[entry for entry in listings if entry.symbol != "AACG"])
    assert not SymbolListing.objects.filter(pk="AACG").exists()
    assert SymbolListing.objects.filter(pk="ZBRA").exists()


def test_the_listing_command_refuses_a_file_that_is_not_a_listing(tmp_path: Any) -> None:
    bad = tmp_path / "prices.csv"
    bad.write_text("timestamp,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,100\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Not a LISTING_STATUS CSV"):
        call_command("symbol_catalogue_load", file=bad)
    assert not SymbolListing.objects.exists()
