"""docs/error-codes.json lists every code the API can send, and the code uses only listed codes."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from core.error_codes import error_codes_document
from core.management.commands.error_codes import DEFAULT_FILE, error_codes_json

BACKEND = Path(__file__).resolve().parents[2]


def _sources() -> list[Path]:
    return [p for p in BACKEND.rglob("*.py") if "tests" not in p.parts and ".venv" not in p.parts]


def test_committed_list_is_current() -> None:
    assert DEFAULT_FILE.read_text(encoding="utf-8") == error_codes_json(), (
        "docs/error-codes.json is stale: run `bash scripts/schema.sh` (or manage.py error_codes) and commit it."
    )


def test_the_list_holds_our_codes_and_drfs_field_codes() -> None:
    document = error_codes_document()
    assert {"unknown_symbol", "already_held", "insufficient_quantity", "future_date"} <= set(document["codes"])
    assert {"required", "invalid", "max_value", "min_value", "password_too_short"} <= set(document["field_codes"])
    assert not set(document["codes"]) & set(document["field_codes"])


def test_no_code_is_spelled_as_a_bare_string() -> None:
    """`code="..."` anywhere would bypass ErrorCode (and so the list): every code keyword names a member."""
    listed = set(error_codes_document()["codes"]) | set(error_codes_document()["field_codes"])
    offenders: list[str] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                offenders += [
                    f"{path.relative_to(BACKEND)}:{node.lineno}"
                    for kw in node.keywords
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant)
                ]
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "field_codes":
                        offenders += [
                            f"{path.relative_to(BACKEND)}:{c.lineno} {c.value!r}"
                            for codes in (value.values if isinstance(value, ast.Dict) else [value])
                            for c in ast.walk(codes)
                            if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value not in listed
                        ]
    assert offenders == []


@pytest.mark.django_db
def test_bad_input_names_a_code_per_field(auth_client: APIClient) -> None:
    response = auth_client.post("/api/v1/users/portfolio/", {"quantity": "abc", "average_price": "-1"}, format="json")
    assert response.status_code == 400
    body: dict[str, Any] = response.json()
    assert body["code"] == "invalid_input"
    assert body["extra"]["field_codes"] == {
        "symbol": ["required"],
        "quantity": ["invalid"],
        "average_price": ["not_positive"],
    }
    assert set(body["extra"]["fields"]) == set(body["extra"]["field_codes"])
    document = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    listed = set(document["codes"]) | set(document["field_codes"])
    assert {code for codes in body["extra"]["field_codes"].values() for code in codes} <= listed


@pytest.mark.django_db
def test_a_future_trade_date_is_coded_with_the_date(auth_client: APIClient) -> None:
    response = auth_client.post(
        "/api/v1/users/portfolio/transactions/",
        {"symbol": "AAPL", "type": "buy", "date": "2999-01-01", "quantity": "1", "price": "10"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["field_codes"] == {"date": ["future_date"]}
