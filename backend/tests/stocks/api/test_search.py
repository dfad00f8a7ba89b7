"""Search, validate and popular: local ranking, provider fallback with caching, rate limits and curation."""

from __future__ import annotations

from typing import Any

import pytest

from stocks.models import Stock
from stocks.providers.errors import ProviderRateLimitedError, ProviderTemporaryError
from stocks.selectors.popular import CURATED_POPULAR
from tests.factories import StockFactory, UserFactory
from tests.stocks.api.conftest import FakeProvider, match

pytestmark = pytest.mark.django_db
BASE = "/api/v1/stocks/api/search"


@pytest.fixture
def universe(db: Any) -> None:
    StockFactory(symbol="AAPL", name="Apple Inc.")
    StockFactory(symbol="AAP", name="Advance Auto Parts")
    StockFactory(symbol="PNAP", name="Pineapple Holdings")
    StockFactory(symbol="MSFT", name="Microsoft Corporation")


def symbols(response: Any) -> list[str]:
    return [r["symbol"] for r in response.json()["results"]]


def test_local_ranking_exact_then_prefix_then_name(
    api_client: Any, universe: None, fake_provider: FakeProvider
) -> None:
    assert symbols(api_client.get(f"{BASE}/symbols/", {"keywords": "aap"})) == ["AAP", "AAPL"]
    response = api_client.get(f"{BASE}/symbols/", {"keywords": "apple"})
    assert symbols(response) == ["AAPL", "PNAP"]
    assert response.json()["source"] == "local"
    assert response.json()["results"][0]["in_database"] is True
    assert fake_provider.searches == []


def test_provider_fallback_is_cached(api_client: Any, universe: None, fake_provider: FakeProvider) -> None:
    fake_provider.matches = [match("TSLA", "Tesla Inc"), match("TL0.DEX", "Tesla Inc (Germany)")]
    first = api_client.get(f"{BASE}/symbols/", {"keywords": "Tesla"})
    assert first.status_code == 200
    assert first.json()["source"] == "provider"
    assert symbols(first) == ["TSLA", "TL0.DEX"]
    assert first.json()["results"][0]["in_database"] is False
    second = api_client.get(f"{BASE}/symbols/", {"keywords": "tesla"})
    assert symbols(second) == ["TSLA", "TL0.DEX"]
    assert fake_provider.searches == ["Tesla"]


def test_provider_rate_limit_is_429_with_retry_after(
    api_client: Any, universe: None, fake_provider: FakeProvider
) -> None:
    fake_provider.error = ProviderRateLimitedError("limit", retry_after=42.5)
    response = api_client.get(f"{BASE}/symbols/", {"keywords": "Tesla"})
    assert response.status_code == 429
    assert response["Retry-After"] == "43"
    assert response.json()["code"] == "provider_rate_limited"
    fake_provider.error = None
    fake_provider.matches = [match("TSLA", "Tesla Inc")]
    assert symbols(api_client.get(f"{BASE}/symbols/", {"keywords": "Tesla"})) == ["TSLA"]  # errors are not cached


def test_provider_outage_is_503(api_client: Any, universe: None, fake_provider: FakeProvider) -> None:
    fake_provider.error = ProviderTemporaryError("timeout")
    response = api_client.get(f"{BASE}/symbols/", {"keywords": "Tesla"})
    assert response.status_code == 503
    assert response.json()["code"] == "provider_unavailable"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [({}, "required"), ({"keywords": ""}, "empty"), ({"keywords": "x" * 51}, "50"), ({"keywords": "a;drop"}, "only")],
)
def test_bad_keywords_are_400(api_client: Any, db: Any, query: dict[str, str], fragment: str) -> None:
    response = api_client.get(f"{BASE}/symbols/", query)
    assert response.status_code == 400
    assert response.json()["message"].startswith("keywords: ")
    assert fragment in response.json()["message"]


def test_validate_local_provider_and_invalid(api_client: Any, universe: None, fake_provider: FakeProvider) -> None:
    local = api_client.get(f"{BASE}/validate/aapl/").json()
    assert local == {"symbol": "AAPL", "valid": True, "status": "local", "name": "Apple Inc.", "reason": ""}
    fake_provider.matches = [match("IBM", "International Business Machines")]
    known = api_client.get(f"{BASE}/validate/IBM/").json()
    assert known["status"] == "provider"
    assert known["valid"] is True
    fake_provider.matches = [match("IBMX", "Something else")]
    unknown = api_client.get(f"{BASE}/validate/QQQQ/").json()
    assert unknown["status"] == "invalid"
    assert "QQQQ" in unknown["reason"]
    malformed = api_client.get(f"{BASE}/validate/%24%24/").json()
    assert malformed["valid"] is False
    assert "not a valid symbol" in malformed["reason"]
    api_client.get(f"{BASE}/validate/IBM/")
    assert fake_provider.searches == ["IBM", "QQQQ"]  # IBM's answer came from the cache the second time


def test_validate_rate_limited_is_429(api_client: Any, db: Any, fake_provider: FakeProvider) -> None:
    fake_provider.error = ProviderRateLimitedError("limit", retry_after=60)
    response = api_client.get(f"{BASE}/validate/IBM/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_popular_falls_back_to_the_curated_list(api_client: Any, db: Any) -> None:
    body = api_client.get(f"{BASE}/popular/").json()
    assert [r["symbol"] for r in body["results"]] == [s for s, _ in CURATED_POPULAR[:10]]
    assert {r["reason"] for r in body["results"]} == {"curated"}


def test_popular_ranks_held_and_watched_first(api_client: Any, db: Any) -> None:
    from portfolios.models import Holding, WatchlistEntry

    acme, beta = StockFactory.create(symbol="ACME"), StockFactory.create(symbol="BETA")
    users = [UserFactory.create() for _ in range(3)]
    for user in users:
        WatchlistEntry.objects.create(user=user, stock=beta)
    Holding.objects.create(user=users[0], stock=acme, quantity=5, average_price=10)
    Holding.objects.create(user=users[1], stock=acme, quantity=1, average_price=10)
    body = api_client.get(f"{BASE}/popular/", {"limit": "4"}).json()
    assert [r["symbol"] for r in body["results"]][:2] == ["ACME", "BETA"]
    assert body["results"][0] == {
        "symbol": "ACME",
        "name": Stock.objects.get(pk="ACME").name,
        "holders": 2,
        "watchers": 0,
        "reason": "users",
        "in_database": True,
    }
    assert body["count"] == 4
    assert body["results"][2]["reason"] == "curated"


def test_popular_limit_is_validated(api_client: Any, db: Any) -> None:
    response = api_client.get(f"{BASE}/popular/", {"limit": "500"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("limit: ")
