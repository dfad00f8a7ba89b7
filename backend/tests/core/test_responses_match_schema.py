"""What the API sends is what its schema says: a user's path through every endpoint, each body validated against
the OpenAPI document the web app's types are generated from.

The schema is drf-spectacular's (OpenAPI 3.0). jsonschema validates it after two translations: `$ref`s are
inlined and `nullable: true` becomes "or null" (JSON Schema has no `nullable`); Draft 4 reads OpenAPI 3.0's
boolean `exclusiveMinimum`/`exclusiveMaximum` the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft4Validator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SYMBOL = "AAPL"


def _json_schema(node: Any, components: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _json_schema(components[node["$ref"].rsplit("/", 1)[-1]], components)
    converted = {key: _json_schema(value, components) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


class SchemaCheckedClient:
    """Calls the API and fails when the answer's status is undocumented or its body does not match the schema."""

    def __init__(self, client: APIClient) -> None:
        self.client = client
        schema = SchemaGenerator().get_schema(request=None, public=True)
        self.paths = schema["paths"]
        self.components = schema["components"]["schemas"]
        self.checked: list[str] = []
        self.mismatches: list[str] = []

    def call(self, method: str, template: str, *, expect: int, **kwargs: Any) -> Any:
        path_params = kwargs.pop("path", {})
        response = getattr(self.client, method)(template.format(**path_params), **kwargs)
        assert response.status_code == expect, (template, response.status_code, response.content[:500])
        label = f"{method.upper()} {template} {expect}"
        self.checked.append(label)
        documented = self.paths[template][method]["responses"]
        if expect == 204:
            return None
        body = response.json()
        if str(expect) not in documented:
            self.mismatches.append(f"{label}: the schema does not document this status")
            return body
        schema = documented[str(expect)]["content"]["application/json"]["schema"]
        errors = sorted(
            Draft4Validator(_json_schema(schema, self.components)).iter_errors(body), key=lambda e: list(e.path)
        )
        self.mismatches.extend(
            f"{label}: {'/'.join(map(str, e.path)) or '(body)'}: {e.message[:200]}" for e in errors[:5]
        )
        return body


@pytest.fixture
def demo_market() -> None:
    call_command("load_demo_data", symbols=SYMBOL, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_users_path_through_the_api_matches_the_schema(demo_market: None) -> None:
    api = SchemaCheckedClient(APIClient())
    stock = {"path": {"symbol": SYMBOL}}

    api.call("get", "/healthz", expect=200)
    api.call("get", "/readyz", expect=200)
    api.call(
        "post",
        "/api/v1/users/register/",
        expect=201,
        format="json",
        data={"username": "contract", "email": "contract@example.com", "password": "a-Long-passw0rd!"},
    )
    api.call(
        "post",
        "/api/v1/users/register/",
        expect=409,
        format="json",
        data={"username": "contract", "email": "contract@example.com", "password": "a-Long-passw0rd!"},
    )
    tokens = api.call(
        "post",
        "/api/v1/users/token/",
        expect=200,
        format="json",
        data={"username": "contract", "password": "a-Long-passw0rd!"},
    )
    api.call(
        "post", "/api/v1/users/token/", expect=401, format="json", data={"username": "contract", "password": "wrong"}
    )

    for period in ("5d", "max"):
        api.call("get", "/api/v1/stocks/api/chart/{symbol}/", expect=200, data={"period": period}, **stock)
    api.call("get", "/api/v1/stocks/api/chart/{symbol}/", expect=200, data={"type": "weekly"}, **stock)
    api.call("get", "/api/v1/stocks/api/chart/{symbol}/", expect=400, data={"period": "7y"}, **stock)
    api.call("get", "/api/v1/stocks/api/chart/{symbol}/", expect=404, path={"symbol": "NOSUCH"})
    api.call("get", "/api/v1/stocks/api/overview/{symbol}/", expect=200, **stock)
    for statement in ("balance-sheet", "income-statement", "cashflow"):
        for period in ("annual", "quarterly"):
            api.call("get", f"/api/v1/stocks/api/{statement}/{{symbol}}/", expect=200, data={"period": period}, **stock)
    api.call(
        "get",
        "/api/v1/stocks/api/indicators/{symbol}/",
        expect=200,
        data={"use_rsi": "true", "use_macd": "true", "use_bbands": "true", "period": "6m"},
        **stock,
    )
    api.call("get", "/api/v1/stocks/api/search/popular/", expect=200)
    api.call("get", "/api/v1/stocks/api/search/symbols/", expect=200, data={"keywords": SYMBOL})
    api.call("get", "/api/v1/stocks/api/search/validate/{symbol}/", expect=200, **stock)
    api.call("get", "/api/v1/stocks/api/refresh-status/", expect=200)
    api.call("get", "/api/v1/stocks/api/market/overview/", expect=200)
    api.call("get", "/api/v1/stocks/api/market/economic/", expect=200)
    api.call("get", "/api/v1/stocks/api/market/economic/{name}/", expect=200, path={"name": "CPI"})
    api.call("get", "/api/v1/stocks/api/market/economic/{name}/", expect=400, path={"name": "GDP"})
    api.call(
        "get",
        "/api/v1/stocks/api/market/economic/{name}/",
        expect=400,
        path={"name": "CPI"},
        data={"interval": "daily"},
    )
    for model_type in ("price_prediction", "trend_analysis", "risk_assessment"):
        api.call("get", "/api/v1/analysis/predict/{symbol}/", expect=200, data={"model_type": model_type}, **stock)

    api.client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    api.call("get", "/api/v1/users/me/", expect=200)
    api.call("get", "/api/v1/users/portfolio/summary/", expect=200)
    holding = api.call(
        "post",
        "/api/v1/users/portfolio/",
        expect=201,
        format="json",
        data={
            "symbol": SYMBOL,
            "quantity": "10",
            "average_price": "100",
            "date": (dt.date.today() - dt.timedelta(days=90)).isoformat(),
        },
    )
    api.call(
        "post",
        "/api/v1/users/portfolio/",
        expect=409,
        format="json",
        data={"symbol": SYMBOL, "quantity": "1", "average_price": "1"},
    )
    api.call("get", "/api/v1/users/portfolio/", expect=200)
    api.call("get", "/api/v1/users/portfolio/{id}/", expect=200, path={"id": holding["id"]})
    api.call(
        "patch",
        "/api/v1/users/portfolio/{id}/",
        expect=200,
        path={"id": holding["id"]},
        format="json",
        data={"notes": "core position"},
    )
    sold = api.call(
        "post",
        "/api/v1/users/portfolio/transactions/",
        expect=201,
        format="json",
        data={
            "symbol": SYMBOL,
            "type": "sell",
            "quantity": "2",
            "price": "120",
            "date": (dt.date.today() - dt.timedelta(days=10)).isoformat(),
        },
    )
    api.call("get", "/api/v1/users/portfolio/transactions/", expect=200, data={"limit": 1})
    api.call("get", "/api/v1/users/portfolio/transactions/{id}/", expect=200, path={"id": sold["id"]})
    csv = f"date,symbol,type,quantity,price,fee\n{dt.date.today() - dt.timedelta(days=5)},{SYMBOL},buy,1,110,1\n"
    api.call(
        "post",
        "/api/v1/users/portfolio/transactions/import/",
        expect=201,
        format="multipart",
        data={"file": SimpleUploadedFile("ledger.csv", csv.encode(), content_type="text/csv")},
    )
    api.call(
        "post",
        "/api/v1/users/portfolio/transactions/import/",
        expect=400,
        format="multipart",
        data={"file": SimpleUploadedFile("bad.csv", b"date,symbol\nyesterday,AAPL\n", content_type="text/csv")},
    )
    api.call("get", "/api/v1/users/portfolio/summary/", expect=200)
    api.call("get", "/api/v1/users/portfolio/history/", expect=200)
    api.call("get", "/api/v1/users/portfolio/symbol/{symbol}/status/", expect=200, **stock)

    entry = api.call("post", "/api/v1/users/watchlist/", expect=201, format="json", data={"symbol": SYMBOL})
    api.call("get", "/api/v1/users/watchlist/", expect=200)
    api.call("get", "/api/v1/users/watchlist/{id}/", expect=200, path={"id": entry["id"]})
    alert = api.call(
        "post",
        "/api/v1/users/alerts/",
        expect=201,
        format="json",
        data={"symbol": SYMBOL, "kind": "price_above", "threshold": "1"},
    )
    api.call(
        "post",
        "/api/v1/users/alerts/",
        expect=400,
        format="json",
        data={"symbol": SYMBOL, "kind": "rsi_above", "threshold": "250"},
    )
    api.call("get", "/api/v1/users/alerts/", expect=200)
    api.call("get", "/api/v1/users/alerts/{id}/", expect=200, path={"id": alert["id"]})
    api.call("get", "/api/v1/users/alerts/notifications/", expect=200)
    api.call("post", "/api/v1/users/alerts/notifications/read-all/", expect=200)

    api.call("delete", "/api/v1/users/portfolio/transactions/{id}/", expect=204, path={"id": sold["id"]})
    api.call("post", "/api/v1/users/token/refresh/", expect=200, format="json", data={"refresh": tokens["refresh"]})

    assert api.mismatches == [], "\n".join(api.mismatches)
    assert len(api.checked) >= 40
