"""A Redis outage costs nothing: with REDIS_URL on a closed port, sign-in, registration, symbol search and its queued
lookup (through the provider's circuit breaker and quota), a chart and a prediction answer as usual, each with a
logged warning."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from pytest_httpserver import HTTPServer
from rest_framework.test import APIClient

from stocks.models import ProviderCall
from tests.ml_models.conftest import store_history
from tests.portfolios.factories import new_stock, new_user
from tests.stocks.api.conftest import add_bars
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.providers.alphavantage.fake_server import FakeAlphaVantage
from users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(caplog: pytest.LogCaptureFixture) -> Iterator[str]:
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "stockvis",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caplog.set_level(logging.WARNING)
    with override_settings(REDIS_URL=url, CACHES=caches):
        yield url


@pytest.fixture
def client() -> APIClient:
    return APIClient(raise_request_exception=False)


def _warned(caplog: pytest.LogCaptureFixture) -> bool:
    return any(r.levelno == logging.WARNING and "unavailable" in r.getMessage() for r in caplog.records)


def test_sign_in_answers_with_tokens(redis_down: str, client: APIClient, caplog: pytest.LogCaptureFixture) -> None:
    new_user(username="alice", password=PASSWORD)
    response = client.post("/api/v1/users/token/", {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content[:200]
    assert set(response.json()) == {"access", "refresh"}
    assert _warned(caplog)


def test_registration_creates_the_account(redis_down: str, client: APIClient, caplog: pytest.LogCaptureFixture) -> None:
    payload = {"username": "bob", "email": "bob@example.com", "password": PASSWORD}
    response = client.post("/api/v1/users/register/", payload, format="json")
    assert response.status_code == 201, response.content[:200]
    assert User.objects.filter(username="bob").exists()
    assert _warned(caplog)


def test_a_chart_answers_from_the_database(
    redis_down: str, client: APIClient, caplog: pytest.LogCaptureFixture
) -> None:
    add_bars(new_stock(symbol="ACME"), 30)
    response = client.get("/api/v1/stocks/api/chart/ACME/", {"period": "max"})
    assert response.status_code == 200
    assert response.json()["count"] == 30
    assert _warned(caplog)


def test_a_symbol_search_of_stored_stocks_answers(redis_down: str, client: APIClient) -> None:
    new_stock(symbol="ACME")
    response = client.get("/api/v1/stocks/api/search/symbols/", {"keywords": "ACM"})
    assert response.status_code == 200
    assert [r["symbol"] for r in response.json()["results"]] == ["ACME"]


def test_a_symbol_lookup_through_alpha_vantage_is_queued_and_counts_the_call(
    redis_down: str,
    client: APIClient,
    httpserver: HTTPServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from stocks.services import symbols

    fake = FakeAlphaVantage(httpserver)
    fake.script("SYMBOL_SEARCH", recording_text("SYMBOL_SEARCH/zackurben-alphavantage__search.json"))
    queued: list[str] = []
    monkeypatch.setattr(symbols, "lookup_enqueue", lambda *, key: queued.append(key))
    with override_settings(
        MARKET_DATA_PROVIDER="alphavantage",
        ALPHA_VANTAGE_API_KEY="TESTKEY",
        ALPHA_VANTAGE_BASE_URL=httpserver.url_for("/"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get("/api/v1/stocks/api/search/symbols/", {"keywords": "Devices Micro"})
        assert response.status_code == 200, response.content[:300]
        assert response.json()["lookup"]["state"] == "pending"  # the budget was counted in the database
        assert fake.calls_to("SYMBOL_SEARCH") == 0
        symbols.symbol_lookup_run(key=queued.pop())  # the worker's part
        assert fake.calls_to("SYMBOL_SEARCH") == 1
        answered = client.get("/api/v1/stocks/api/search/symbols/", {"keywords": "Devices Micro"})
    assert [r["symbol"] for r in answered.json()["results"]] == ["AMD"]
    # The call was still counted in a shared quota: the database's, while Redis is down.
    assert ProviderCall.objects.filter(provider="alphavantage").count() == 1
    assert _warned(caplog)


def test_a_prediction_answers_being_prepared(
    redis_down: str, client: APIClient, caplog: pytest.LogCaptureFixture
) -> None:
    store_history("AAPL", 800)
    response = client.get("/api/v1/analysis/predict/AAPL/", {"model_type": "trend_analysis"})
    assert response.status_code == 200, response.content[:200]
    # Nothing is queued without the once-only marker; the first request after the outage queues the training.
    assert (response.json()["status"], response.json()["queued"]) == ("preparing", False)
    assert _warned(caplog)
