"""Throttling answers 429 with Retry-After; the OpenAPI schema is valid and documents every stocks endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from rest_framework.throttling import SimpleRateThrottle

from analysis.indicators import INDICATORS

pytestmark = pytest.mark.django_db


def test_anonymous_throttle_gives_429_with_retry_after(
    api_client: Any, stock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "100/min"})
    url = "/api/v1/stocks/api/overview/ACME/"
    assert [api_client.get(url).status_code for _ in range(2)] == [200, 200]
    response = api_client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "throttled"


def test_signed_in_users_have_their_own_rate(auth_client: Any, stock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/min", "user": "3/min"})
    url = "/api/v1/stocks/api/overview/ACME/"
    assert [auth_client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


ENDPOINTS = {
    "/api/v1/stocks/api/chart/{symbol}/": {"type", "period", "days", "adjustment"},
    "/api/v1/stocks/api/overview/{symbol}/": set(),
    "/api/v1/stocks/api/balance-sheet/{symbol}/": {"period", "limit"},
    "/api/v1/stocks/api/income-statement/{symbol}/": {"period", "limit"},
    "/api/v1/stocks/api/cashflow/{symbol}/": {"period", "limit"},
    "/api/v1/stocks/api/indicators/{symbol}/": {
        "type",
        "period",
        "days",
        "indicators",
        *(f"{spec.name}_{param.name}" for spec in INDICATORS.values() for param in spec.params),
    },
    "/api/v1/stocks/api/search/symbols/": {"keywords"},
    "/api/v1/stocks/api/search/validate/{symbol}/": set(),
    "/api/v1/stocks/api/search/popular/": {"limit"},
}


def test_schema_validates_and_documents_every_stocks_endpoint(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    for path, query in ENDPOINTS.items():
        operation = schema["paths"][path]["get"]
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert names == query, path
        if path.endswith("indicators/{symbol}/"):
            rsi = next(p for p in operation["parameters"] if p["name"] == "rsi_timeperiod")
            assert rsi["schema"]["type"] == "integer"
            assert "default 14, from 2 to 200" in rsi["description"]
        assert "200" in operation["responses"]
        errors = {code for code in operation["responses"] if code.startswith(("4", "5"))}
        assert errors, f"{path} documents no error responses"
        if "{symbol}" in path and "validate" not in path:
            assert {"400", "404"} <= errors


def test_schema_and_docs_are_served(api_client: Any) -> None:
    schema = api_client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/stocks/api/chart/{symbol}/" in schema.content
    docs = api_client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
