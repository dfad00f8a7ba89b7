"""Search, validate and popular: local ranking, bad keywords and curation (lookups: test_symbol_lookups.py)."""

from __future__ import annotations

from typing import Any

import pytest

from stocks.models import Stock
from stocks.selectors.popular import CURATED_POPULAR
from tests.factories import StockFactory, UserFactory
from tests.stocks.api.conftest import FakeProvider

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


@pytest.mark.parametrize(
    ("query", "fragment"),
    [({}, "required"), ({"keywords": ""}, "empty"), ({"keywords": "x" * 51}, "50"), ({"keywords": "a;drop"}, "only")],
)
def test_bad_keywords_are_400(api_client: Any, db: Any, query: dict[str, str], fragment: str) -> None:
    response = api_client.get(f"{BASE}/symbols/", query)
    assert response.status_code == 400
    assert response.json()["message"].startswith("keywords: ")
    assert fragment in response.json()["message"]


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
