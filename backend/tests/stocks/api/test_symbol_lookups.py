"""Search and validate answer at once from the local catalogue; what it lacks is one queued, budgeted provider lookup.

Issue 18: 14 anonymous validate requests held the database pool for 60-122 s each and 16 of them spent the daily
quota. Here no request calls the provider (the fake counts calls), lookups are deduplicated, anonymous callers share
a small budget and the planner's share of the quota is never spent on lookups.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.utils import timezone
from rest_framework.test import APIClient

from stocks.models import SymbolListing, SymbolLookup
from stocks.providers.alphavantage.client import NAME, limits_from_settings
from stocks.providers.errors import ProviderRateLimitedError, ProviderTemporaryError
from stocks.providers.quota import DatabaseQuotaLimiter, RedisQuotaLimiter, limiter_for
from stocks.services import symbols
from tests.factories import StockFactory, UserFactory
from tests.stocks.api.conftest import FakeProvider, match

pytestmark = pytest.mark.django_db
BASE = "/api/v1/stocks/api/search"


@pytest.fixture(autouse=True)
def _fresh_lookup_budgets(settings: Any) -> Iterator[None]:
    """Generous budgets unless a test measures one; they live in Redis when REDIS_URL is set, outside the test's
    rolled-back transaction, so they are cleared around each test."""
    settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_MINUTE = settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY = 100

    def clear() -> None:
        if django_settings.REDIS_URL:
            client = redis.Redis.from_url(django_settings.REDIS_URL)
            keys = list(client.scan_iter("stockvis:quota:lookup:*"))
            if keys:
                client.delete(*keys)

    clear()
    yield
    clear()


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lookups queued on commit (the broker stands here); `run_lookups` runs them like a worker."""
    keys: list[str] = []
    monkeypatch.setattr(symbols, "lookup_enqueue", lambda *, key: keys.append(key))
    return keys


@pytest.fixture
def run_lookups(queued: list[str]) -> Callable[[], None]:
    def run() -> None:
        while queued:
            symbols.symbol_lookup_run(key=queued.pop(0))

    return run


@pytest.fixture
def ask(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """One GET whose on-commit callbacks (the queueing) run, as they would after a real request."""

    def get(client: APIClient, path: str, data: dict[str, str] | None = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(path, data or {})
        assert response.status_code == 200, response.content
        return response.json()

    return get


def test_an_unknown_query_is_answered_at_once_and_looked_up_once(
    api_client: APIClient, fake_provider: FakeProvider, queued: list[str], run_lookups: Any, ask: Any
) -> None:
    fake_provider.matches = [match("ZBRA", "Zebra Technologies Corp"), match("ZB RA!", "Malformed listing")]
    query = {"keywords": "Zebra Technologies Corporation"}
    first = ask(api_client, f"{BASE}/symbols/", query)
    assert first["results"] == []
    assert first["lookup"] == {"state": "pending", "code": "symbol_lookup_pending", "retry_after_seconds": 2}
    assert fake_provider.searches == []  # nothing asked of the provider inside the request
    again = ask(api_client, f"{BASE}/symbols/", {"keywords": "zebra technologies  corporation"})  # folded alike
    assert again["lookup"]["state"] == "pending"
    assert len(queued) == 1  # deduplicated

    run_lookups()
    assert fake_provider.searches == ["Zebra Technologies Corporation"]
    done = ask(api_client, f"{BASE}/symbols/", query)
    assert done["source"] == "provider"
    assert done["lookup"]["state"] == "done"
    assert [r["symbol"] for r in done["results"]] == ["ZBRA"]  # a malformed listing is dropped
    assert done["results"][0]["match"] == "provider"
    # The lookup's answer joined the catalogue: a part of its name now finds it locally, without a provider call.
    local = ask(api_client, f"{BASE}/symbols/", {"keywords": "zebra"})
    assert [(r["symbol"], r["match"]) for r in local["results"]] == [("ZBRA", "provider")]
    assert local["lookup"]["state"] == "none"
    assert fake_provider.searches == ["Zebra Technologies Corporation"]


def test_a_failed_lookup_says_when_it_is_tried_again(
    api_client: APIClient, fake_provider: FakeProvider, run_lookups: Any, ask: Any
) -> None:
    fake_provider.error = ProviderRateLimitedError("limit", retry_after=42.0)
    ask(api_client, f"{BASE}/validate/QZXW/")
    run_lookups()
    failed = ask(api_client, f"{BASE}/validate/QZXW/")
    assert failed["status"] == "unverified"
    assert failed["code"] == "provider_unavailable"
    assert 40 <= failed["retry_after_seconds"] <= 42
    assert fake_provider.searches == ["QZXW"]  # not asked again before retry_after

    SymbolLookup.objects.filter(pk="qzxw").update(retry_at=timezone.now())
    fake_provider.error = ProviderTemporaryError("down")
    assert ask(api_client, f"{BASE}/validate/QZXW/")["status"] == "looking_up"
    run_lookups()
    assert fake_provider.searches == ["QZXW", "QZXW"]


def test_validate_answers_from_stored_catalogue_lookup_or_says_invalid(
    api_client: APIClient, fake_provider: FakeProvider, run_lookups: Any, ask: Any
) -> None:
    StockFactory(symbol="AAPL", name="Apple Inc.")
    SymbolListing.objects.create(symbol="AGCO", name="AGCO Corp", name_key="agcocorp", source="listing")
    stored = ask(api_client, f"{BASE}/validate/aapl/")
    assert stored == {
        "symbol": "AAPL",
        "valid": True,
        "status": "local",
        "name": "Apple Inc.",
        "reason": "",
        "code": "",
        "retry_after_seconds": None,
    }
    assert ask(api_client, f"{BASE}/validate/AGCO/")["name"] == "AGCO Corp"  # the provider's listing, loaded
    assert ask(api_client, f"{BASE}/validate/NKE/")["status"] == "provider"  # the bundled universe
    malformed = ask(api_client, f"{BASE}/validate/%24%24/")
    assert (malformed["valid"], malformed["code"]) == (False, "invalid_symbol")
    assert fake_provider.searches == []

    fake_provider.matches = [match("IBM", "International Business Machines"), match("IBMX", "Something else")]
    looking = ask(api_client, f"{BASE}/validate/IBM/")
    assert (looking["status"], looking["valid"], looking["code"]) == ("looking_up", False, "symbol_lookup_pending")
    run_lookups()
    known = ask(api_client, f"{BASE}/validate/IBM/")
    assert (known["status"], known["valid"], known["name"]) == ("provider", True, "International Business Machines")

    fake_provider.matches = [match("QQQQX", "A prefix, not the symbol")]
    ask(api_client, f"{BASE}/validate/QQQQ/")
    run_lookups()
    unknown = ask(api_client, f"{BASE}/validate/QQQQ/")
    assert (unknown["status"], unknown["code"]) == ("invalid", "unknown_symbol")
    assert "QQQQ" in unknown["reason"]


def test_anonymous_callers_spend_at_most_the_anonymous_budget(
    api_client: APIClient, fake_provider: FakeProvider, run_lookups: Any, ask: Any, settings: Any
) -> None:
    """The figure for issue 18: 20 anonymous validates of random symbols cost at most the anonymous budget."""
    settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY = 3  # the default; a per-minute budget of 100 lets the day's show
    answers = []
    for i in range(20):
        answers.append(ask(api_client, f"{BASE}/validate/ZQ{i:02d}X/"))
        run_lookups()
    assert len(fake_provider.searches) == settings.SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY == 3
    refused = answers[3:]
    assert {(a["status"], a["code"]) for a in refused} == {("unverified", "lookup_limit_anonymous")}
    assert all(a["retry_after_seconds"] > 0 for a in refused)

    signed_in = APIClient()
    signed_in.force_authenticate(UserFactory.create())
    assert ask(signed_in, f"{BASE}/validate/ZQ99X/")["status"] == "looking_up"  # a budget of one's own
    run_lookups()
    assert len(fake_provider.searches) == 4


@pytest.fixture
def alpha_vantage_quota(settings: Any) -> Iterator[Callable[[int], None]]:
    """Alpha Vantage configured (no call is made) and a way to mark n of its daily calls as spent an hour ago."""
    settings.MARKET_DATA_PROVIDER = "alphavantage"
    settings.ALPHA_VANTAGE_API_KEY = "TESTKEY"
    limits = limits_from_settings()
    shared = limiter_for(NAME, limits)
    shared.reset()

    def spend(calls: int) -> None:
        for i in range(calls):
            clock = functools.partial(float, time.time() - 3600 + i * 61.0)
            if isinstance(shared, RedisQuotaLimiter) and django_settings.REDIS_URL:
                RedisQuotaLimiter(url=django_settings.REDIS_URL, name=NAME, limits=limits, clock=clock).reserve()
            else:
                DatabaseQuotaLimiter(name=NAME, limits=limits, clock=clock).reserve()

    yield spend
    shared.reset()


def test_the_planners_share_of_the_quota_is_never_spent_on_lookups(
    api_client: APIClient, fake_provider: FakeProvider, queued: list[str], ask: Any, alpha_vantage_quota: Any
) -> None:
    # 25 calls a day, 60% (15) kept for refreshes: lookups may use the first 10.
    alpha_vantage_quota(10)
    kept = ask(api_client, f"{BASE}/symbols/", {"keywords": "Zebra"})
    assert kept["lookup"] == {"state": "limited", "code": "lookup_quota_reserved", "retry_after_seconds": 3600}
    assert queued == []
    limiter_for(NAME, limits_from_settings()).reset()
    alpha_vantage_quota(9)
    assert ask(api_client, f"{BASE}/symbols/", {"keywords": "Zebra"})["lookup"]["state"] == "pending"
    assert queued == ["zebra"]
    assert fake_provider.searches == []
