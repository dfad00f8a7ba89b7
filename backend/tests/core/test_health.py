"""GET /healthz reports the database, cache and broker."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from core import health


def test_healthz_reports_every_component(api_client: Any, db: Any) -> None:
    response = api_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert set(body["components"]) == {"database", "cache", "broker"}
    assert body["components"]["database"]["state"] == "up"
    assert body["components"]["cache"]["state"] == "up"
    assert body["components"]["broker"]["state"] == "up"
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_a_dead_cache_or_broker_degrades_but_does_not_fail(api_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "_broker_state", (0.0, "unknown"))
    dead_redis = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES=dead_redis, CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = api_client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["components"]["cache"]["state"] == "down"
    assert body["components"]["broker"]["state"] == "down"
    assert body["components"]["database"]["state"] == "up"
