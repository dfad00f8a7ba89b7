"""Shared fixtures: API clients, and the knowledge of which real services this run has."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.throttles import throttle_reset_bypass
from tests.factories import UserFactory

REAL_SERVICES = bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    cache.clear()
    throttle_reset_bypass()
    yield
    cache.clear()
    throttle_reset_bypass()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db: Any) -> Any:
    return UserFactory.create()


@pytest.fixture
def auth_client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user)
    return client
