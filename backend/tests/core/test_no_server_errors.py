"""Cheap bad input never gets a 500: parser limits, invalid Unicode, ids out of range, dates and sizes out of bounds.

Each case is a probe from issue 18 that answered 500 before; the answer must be a 4xx in the one error shape.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import AsyncClient, override_settings
from rest_framework.test import APIClient

from portfolios.models import Holding, Transaction
from portfolios.services.holdings import holding_open
from tests.portfolios.factories import new_stock, new_user
from users.models import User

pytestmark = pytest.mark.django_db

SHAPE = {"message", "code", "extra"}
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def client() -> APIClient:
    # A 500 comes back as a response, as a real client would see it, instead of being raised into the test.
    return APIClient(raise_request_exception=False)


@pytest.fixture
def probe_user(db: Any) -> User:
    return new_user(username="probe")


@pytest.fixture
def signed_in(client: APIClient, probe_user: User) -> APIClient:
    client.force_authenticate(probe_user)
    return client


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == SHAPE
    return body


def _post_json(client: APIClient, path: str, payload: dict[str, str]) -> Any:
    # json.dumps writes a lone surrogate as the escape \ud800, which is what such a client sends.
    return client.post(path, json.dumps(payload), content_type="application/json")


def test_json_nested_a_thousand_levels_is_a_400(client: APIClient) -> None:
    body = b'{"username": ' + b"[" * 1000 + b"]" * 1000 + b', "password": "x"}'
    response = client.post("/api/v1/users/token/", body, content_type="application/json")
    error = _error(response, 400)
    assert error["code"] == "invalid_input"
    assert "nested" in error["message"]


def test_json_body_over_the_upload_limit_is_a_413(client: APIClient) -> None:
    body = b'{"username": "' + b"a" * (3 * 1024 * 1024) + b'", "password": "x"}'
    response = client.post("/api/v1/users/token/", body, content_type="application/json")
    error = _error(response, 413)
    assert error["code"] == "request_too_large"
    assert error["extra"]["limit_bytes"] == 2_621_440


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_the_body_limit_is_the_setting(signed_in: APIClient) -> None:
    response = signed_in.post("/api/v1/users/watchlist/", {"symbol": "A" * 2000, "notes": "n" * 1000})
    assert _error(response, 413)["extra"]["limit_bytes"] == 1000


def test_more_query_parameters_than_allowed_is_a_400(client: APIClient, signed_in: APIClient) -> None:
    query = "&".join(f"p{i}=1" for i in range(1001))
    for path in ("/api/v1/stocks/api/search/symbols/", "/healthz"):
        error = _error(client.get(f"{path}?keywords=ab&{query}"), 400)
        assert error["code"] == "too_many_fields"
    _error(signed_in.get(f"/api/v1/users/portfolio/transactions/?{query}"), 400)


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/v1/users/token/", {"username": "\ud800", "password": "x"}),
        ("/api/v1/users/register/", {"username": "ab\ud800", "email": "a@example.com", "password": PASSWORD}),
    ],
)
def test_a_lone_surrogate_in_a_json_body_is_a_400(client: APIClient, path: str, payload: dict[str, str]) -> None:
    error = _error(_post_json(client, path, payload), 400)
    assert error["code"] == "invalid_input"
    assert "surrogate" in error["message"]


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/v1/users/portfolio/", {"symbol": "\ud800", "quantity": "1", "average_price": "1"}),
        ("/api/v1/users/watchlist/", {"symbol": "A\udfff"}),
    ],
)
def test_a_lone_surrogate_as_a_symbol_is_a_400(signed_in: APIClient, path: str, payload: dict[str, str]) -> None:
    assert "surrogate" in _error(_post_json(signed_in, path, payload), 400)["message"]


@pytest.mark.parametrize("pk", [2**63, 2**64, 10**30])
@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("portfolio/{pk}/", ("get", "patch", "delete")),
        ("portfolio/transactions/{pk}/", ("get", "patch", "delete")),
        ("watchlist/{pk}/", ("get", "patch", "delete")),
        ("alerts/{pk}/", ("get", "patch", "delete")),
        ("alerts/notifications/{pk}/", ("patch",)),
        ("portfolio/cash/transactions/{pk}/", ("get", "patch", "delete")),
        ("portfolio/transactions/import/{pk}/", ("get", "delete")),
        # The model card route took a plain <int:> once: schemathesis found the 500 (an overflowing SQL parameter).
        ("/api/v1/analysis/models/{pk}/", ("get",)),
    ],
)
def test_an_id_outside_the_column_range_is_a_404(
    signed_in: APIClient, path: str, methods: tuple[str, ...], pk: int
) -> None:
    url = path.format(pk=pk) if path.startswith("/") else "/api/v1/users/" + path.format(pk=pk)
    for method in methods:
        assert _error(getattr(signed_in, method)(url, {}, format="json"), 404)["code"] == "not_found"


def test_the_largest_id_the_column_holds_is_an_ordinary_404(signed_in: APIClient) -> None:
    response = signed_in.get(f"/api/v1/users/portfolio/{2**63 - 1}/")
    assert _error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31"])
def test_a_transaction_dated_before_1900_is_refused_naming_the_date(signed_in: APIClient, date: str) -> None:
    new_stock(symbol="ACME")
    for path, payload in (
        ("/api/v1/users/portfolio/", {"symbol": "ACME", "quantity": "1", "average_price": "10", "date": date}),
        (
            "/api/v1/users/portfolio/transactions/",
            {"symbol": "ACME", "type": "buy", "date": date, "quantity": "1", "price": "10"},
        ),
    ):
        error = _error(signed_in.post(path, payload, format="json"), 400)
        assert error["message"].startswith("date:")
        assert "1900-01-01" in error["message"]
    assert not Transaction.objects.exists()
    assert signed_in.get("/api/v1/users/portfolio/history/").status_code == 200


def test_a_csv_row_dated_before_1900_is_refused_naming_the_line(signed_in: APIClient) -> None:
    new_stock(symbol="ACME")
    content = b"date,symbol,type,quantity,price,fee\n0001-01-01,ACME,buy,1,10,0\n"
    upload = SimpleUploadedFile("t.csv", content, content_type="text/csv")
    response = signed_in.post("/api/v1/users/portfolio/transactions/import/", {"file": upload}, format="multipart")
    error = _error(response, 400)
    assert error["extra"]["errors"][0]["line"] == 2
    assert error["extra"]["errors"][0]["field"] == "date"
    assert not Transaction.objects.exists()


def test_a_split_that_would_overflow_the_holding_is_refused_naming_the_quantity(
    signed_in: APIClient, probe_user: User
) -> None:
    holding = holding_open(
        user=probe_user,
        stock=new_stock(symbol="ACME"),
        quantity=Decimal("999999999"),
        price=Decimal(1),
        date=dt.date(2024, 1, 2),
    )
    response = signed_in.post(
        "/api/v1/users/portfolio/transactions/",
        {"symbol": "ACME", "type": "split", "date": "2024-01-03", "ratio": "1000:1", "price": "0"},
        format="json",
    )
    error = _error(response, 400)
    assert error["message"].startswith("quantity:")
    absurd = signed_in.post(
        "/api/v1/users/portfolio/transactions/",
        {"symbol": "ACME", "type": "split", "date": "2024-01-03", "quantity": "999999999", "price": "0"},
        format="json",
    )
    assert _error(absurd, 400)["message"] == ("ratio: the split ratio 999999999 is outside 1:1,000,000 to 1,000,000:1.")
    assert Holding.objects.get(pk=holding.pk).quantity == Decimal("999999999")
    assert Transaction.objects.filter(holding=holding).count() == 1
    assert signed_in.get("/api/v1/users/portfolio/summary/").status_code == 200


def test_buys_that_would_hold_more_than_the_limit_are_refused(signed_in: APIClient) -> None:
    new_stock(symbol="ACME")
    buy = {"symbol": "ACME", "type": "buy", "date": "2024-01-02", "quantity": "999999999", "price": "1"}
    assert signed_in.post("/api/v1/users/portfolio/transactions/", buy, format="json").status_code == 201
    error = _error(signed_in.post("/api/v1/users/portfolio/transactions/", buy, format="json"), 400)
    assert error["message"].startswith("quantity:")


def test_an_unexpected_error_is_logged_with_a_request_id_and_answered_in_the_shape(
    client: APIClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("stocks.services.symbols.symbol_search", broken)
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/stocks/api/search/symbols/", {"keywords": "ab"})
    error = _error(response, 500)
    request_id = error["extra"]["request_id"]
    assert response["X-Request-ID"] == request_id
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
    assert logged
    assert logged[0].exc_info is not None


def test_an_error_outside_drf_is_answered_in_the_shape_with_its_request_id(
    client: APIClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: Any, request: Any) -> Any:
        raise RuntimeError("broken view")

    monkeypatch.setattr("core.apis.HealthApi.dispatch", broken)
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="probe-123")
    error = _error(response, 500)
    assert error["extra"]["request_id"] == "probe-123"
    assert response["X-Request-ID"] == "probe-123"
    assert any(getattr(r, "request_id", None) == "probe-123" for r in caplog.records)


async def test_every_response_carries_a_request_id_under_asgi_too() -> None:
    client = AsyncClient()
    kept = await client.get("/api/v1/does-not-exist/", headers={"X-Request-ID": "edge-42"})
    assert kept["X-Request-ID"] == "edge-42"
    made_up = await client.get("/api/v1/does-not-exist/", headers={"X-Request-ID": "not ok\\n" * 20})
    assert len(made_up["X-Request-ID"]) == 32
