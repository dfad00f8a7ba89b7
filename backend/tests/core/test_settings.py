"""Settings come from the environment; production settings are deployable; logs never carry secrets."""

from __future__ import annotations

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.settings.database import database_from_url
from core.logging import RedactSecretsFilter, redact

BACKEND = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_with_a_real_key() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "stockvis.example.com",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_the_development_key() -> None:
    result = _manage(
        "check", env={"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_ALLOWED_HOSTS": "x.example"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_sqlite_default_lives_under_backend_var_with_wal() -> None:
    config = database_from_url(f"sqlite:///{BACKEND / 'var' / 'x.sqlite3'}")
    assert config["NAME"].endswith("backend/var/x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert database_from_url("postgres://u@h:5432/d")["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_time_is_stored_in_utc_and_the_market_zone_is_new_york() -> None:
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "UTC"
    assert settings.MARKET_TIME_ZONE == "America/New_York"
    assert connection.vendor in {"sqlite", "postgresql"}


def test_api_keys_tokens_and_passwords_are_redacted() -> None:
    line = redact("GET https://x/query?function=OVERVIEW&symbol=IBM&apikey=SECRET123KEY failed; Bearer abc.def.ghi")
    assert "SECRET123KEY" not in line
    assert "abc.def.ghi" not in line
    assert "apikey=***" in line
    echoed = redact("We have detected your API key as QWERTY987654 and our standard API rate limit is 25 requests")
    assert "QWERTY987654" not in echoed


def test_log_records_are_redacted_before_formatting(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("stockvis.test")
    logger.addFilter(RedactSecretsFilter())
    with caplog.at_level(logging.INFO, logger="stockvis.test"):
        logger.info("calling %s", "https://x/query?apikey=TOPSECRET99&function=GLOBAL_QUOTE")
    assert "TOPSECRET99" not in caplog.text
    assert "apikey=***" in caplog.text


def test_production_logs_are_json_lines() -> None:
    script = (
        "import logging, django; django.setup(); "
        "logging.getLogger('stocks.demo').warning('quota low apikey=LEAKME12345')"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "stockvis.example.com",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["logger"] == "stocks.demo"
    assert "LEAKME12345" not in record["message"]


def test_production_redis_broker_redelivers_a_killed_workers_task_within_ten_minutes() -> None:
    result = _manage(
        "shell",
        "-c",
        "from config.celery import app; print(app.conf.broker_transport_options['visibility_timeout'], "
        "app.conf.task_acks_late, app.conf.task_reject_on_worker_lost, app.conf.worker_prefetch_multiplier)",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "stockvis.example.com",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["600", "True", "True", "1"]
