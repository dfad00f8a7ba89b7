"""Shared fixtures: API clients, and the knowledge of which real services this run has."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.failsafe import broker, shared_state
from tests.factories import UserFactory

# Tests of behaviour that only real servers have (row locks, several processes sharing Redis and PostgreSQL)
# run when these are configured, as `.ci/run` does; on the embedded default they skip and say so.
POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
REAL_SERVICES = bool(os.environ.get("REDIS_URL")) and POSTGRES


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    cache.clear()
    shared_state.reset()
    broker.reset()
    yield
    cache.clear()
    shared_state.reset()
    broker.reset()


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
