"""Every error, from DRF, Django or our own code, has the one shape {"message", "code", "extra"}."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from rest_framework import serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.test import APIRequestFactory

from core.exceptions import ApplicationError, NotFoundError, RateLimitedError, api_exception_handler


def _handle(exc: Exception) -> Any:
    request = APIRequestFactory().get("/")
    return api_exception_handler(exc, {"request": request, "view": None})


def test_unknown_url_is_json_404_in_the_error_shape(db: Any) -> None:
    response = Client().get("/api/v1/does-not-exist/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "not_found"
    assert "/api/v1/does-not-exist/" in body["message"]
    assert body["extra"] == {}


def test_validation_error_names_the_field() -> None:
    class Input(serializers.Serializer):
        quantity = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)

    serializer = Input(data={"quantity": "abc"})
    with pytest.raises(ValidationError) as caught:
        serializer.is_valid(raise_exception=True)
    response = _handle(caught.value)
    assert response.status_code == 400
    assert response.data["code"] == "invalid_input"
    assert response.data["message"].startswith("quantity:")
    assert "quantity" in response.data["extra"]["fields"]


def test_django_404_and_application_errors_keep_status_and_code() -> None:
    assert _handle(Http404("No Stock matches.")).status_code == 404
    response = _handle(NotFoundError("Unknown symbol 'ZZZZ'.", extra={"symbol": "ZZZZ"}))
    assert (response.status_code, response.data["code"], response.data["extra"]) == (
        404,
        "not_found",
        {"symbol": "ZZZZ"},
    )
    assert _handle(ApplicationError("bad")).data == {"message": "bad", "code": "invalid_input", "extra": {}}


def test_rate_limits_carry_retry_after() -> None:
    response = _handle(RateLimitedError("Provider quota spent.", retry_after=41.2))
    assert response.status_code == 429
    assert response["Retry-After"] == "42"
    throttled = _handle(Throttled(wait=7))
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "7"
    assert throttled.data["code"] == "throttled"
    assert throttled.data["extra"] == {"retry_after": 7}


def test_unexpected_errors_become_a_500_in_the_same_shape() -> None:
    response = _handle(RuntimeError("boom"))
    assert response.status_code == 500
    assert response.data == {"message": "Internal server error.", "code": "server_error", "extra": {"request_id": "-"}}
