"""The fuzzing campaign kept: schemathesis generates requests from the live OpenAPI schema for every operation,
anonymous and signed in, and every answer must be a non-5xx whose status and body the schema documents.

Bounded for CI (`SCHEMATHESIS_MAX_EXAMPLES` examples per operation, default 8): the app is called in-process
through WSGI, on this run's database (one stored stock with bars, one user holding and watching it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.portfolios.factories import new_stock, new_user
from tests.stocks.api.conftest import add_bars

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
CHECKS = (not_a_server_error, status_code_conformance, response_schema_conformance)


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does: the WSGI handler would
    otherwise close it when each request finishes, inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def stored_stock() -> None:
    """A stored stock with a chart's worth of bars, so symbol endpoints have something to compute on."""
    add_bars(new_stock(symbol="AAPL"), 300)


@pytest.fixture
def bearer(stored_stock: None) -> dict[str, str]:
    user = new_user(username="fuzz")
    return {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}


# Every case the schema defines at its boundaries (the coverage phase: empty, huge, malformed values), then
# random ones; no requests with methods an operation does not declare (each only a 405).
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"unexpected-methods": []}}})
# Loaded when the module is collected: pytest-django has configured Django by then, and the schema view reads no data.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)
# The in-process client does not decode compressed bodies; a browser or httpx would.
PLAIN = {"Accept-Encoding": "identity"}


CAMPAIGN = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@CAMPAIGN
def test_anonymous_requests_get_no_server_error_and_answers_the_schema_documents(case: Any, stored_stock: None) -> None:
    case.validate_response(case.call(headers=PLAIN), checks=CHECKS)


@schema.parametrize()
@CAMPAIGN
def test_signed_in_requests_get_no_server_error_and_answers_the_schema_documents(
    case: Any, bearer: dict[str, str]
) -> None:
    case.validate_response(case.call(headers={**PLAIN, **bearer}), checks=CHECKS)
