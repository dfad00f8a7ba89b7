"""The OpenAPI schema documents every account and portfolio endpoint and stays valid."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_is_valid_and_lists_the_endpoints() -> None:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--format", "openapi", stdout=out)
    paths = yaml.safe_load(out.getvalue())["paths"]
    for path, method in [
        ("/api/v1/users/register/", "post"),
        ("/api/v1/users/token/", "post"),
        ("/api/v1/users/logout/", "post"),
        ("/api/v1/users/me/", "patch"),
        ("/api/v1/users/portfolio/", "post"),
        ("/api/v1/users/portfolio/{id}/", "delete"),
        ("/api/v1/users/portfolio/summary/", "get"),
        ("/api/v1/users/portfolio/history/", "get"),
        ("/api/v1/users/portfolio/symbol/{symbol}/status/", "get"),
        ("/api/v1/users/portfolio/transactions/import/", "post"),
        ("/api/v1/users/watchlist/{id}/", "delete"),
        ("/api/v1/users/alerts/{id}/", "patch"),
        ("/api/v1/users/alerts/notifications/", "get"),
    ]:
        assert method in paths[path], path
