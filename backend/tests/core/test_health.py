"""GET /healthz is liveness only; GET /readyz reports database, cache and broker and answers 503 naming what is down."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

BACKEND = Path(__file__).resolve().parents[2]
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"
DEAD_REDIS_CACHE = {
    "default": {
        # The deployed cache backend (config/settings/cache.py): it reports as "redis", as Django's does.
        "BACKEND": "core.redis_pool.SharedRedisCache",
        "LOCATION": CLOSED_PORT_REDIS,
        "OPTIONS": {
            "socket_connect_timeout": 1,
            "socket_timeout": 1,
            "pool_class": "core.redis_pool.SharedConnectionPool",
        },
    }
}


@pytest.mark.django_db
def test_readyz_reports_every_component_up(api_client: Any) -> None:
    response = api_client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["failed"] == []
    assert set(body["components"]) == {"database", "cache", "broker"}
    assert all(component["state"] == "up" for component in body["components"].values())


@pytest.mark.django_db
def test_readyz_with_redis_on_a_closed_port_answers_503_naming_redis(api_client: Any) -> None:
    with override_settings(CACHES=DEAD_REDIS_CACHE, CELERY_BROKER_URL=CLOSED_PORT_REDIS):
        response = api_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "not_ready"
    assert body["message"] == "Not ready: cache (redis), broker (redis) down."
    assert body["extra"]["failed"] == ["cache", "broker"]
    assert body["extra"]["components"]["cache"] == {"state": "down", "backend": "redis", "detail": "ConnectionError"}
    assert body["extra"]["components"]["database"]["state"] == "up"


@pytest.mark.django_db
def test_readyz_names_a_dead_broker_alone_when_the_cache_is_fine(api_client: Any) -> None:
    with override_settings(CELERY_BROKER_URL=CLOSED_PORT_REDIS):
        response = api_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["extra"]["failed"] == ["broker"]


def test_healthz_is_liveness_and_stays_up_when_every_dependency_is_down(api_client: Any) -> None:
    # No database access allowed here (no django_db mark): liveness must not touch it.
    with override_settings(CACHES=DEAD_REDIS_CACHE, CELERY_BROKER_URL=CLOSED_PORT_REDIS):
        response = api_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


PROBE_OVER_PLAIN_HTTP = """
from django.test import Client
client = Client()
for path in ("/healthz", "/readyz", "/api/v1/stocks/api/search/popular/"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", "-"))
"""


def test_production_answers_probes_on_plain_http_and_redirects_the_api_to_https(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PROBE_OVER_PLAIN_HTTP],
        cwd=BACKEND,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
            "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "/healthz 200 -"
    assert lines[1] == "/readyz 200 -"
    assert lines[2] == "/api/v1/stocks/api/search/popular/ 301 https://testserver/api/v1/stocks/api/search/popular/"
