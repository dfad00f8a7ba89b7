"""A Redis outage after the provider answered costs nothing: the step's rows and final status are stored, the live
push is a logged warning, and no error of any kind leaves a step "running" for ever."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from stocks.models import DailyPrice, IngestionState, IngestionStatus, Stock
from stocks.services.ingestion import ingestion_run
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(caplog: pytest.LogCaptureFixture) -> Iterator[str]:
    """Cache and channel layer on a Redis nobody answers (the real clients, a refused connection)."""
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    layers = {"default": {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer", "CONFIG": {"hosts": [url]}}}
    caplog.set_level(logging.WARNING)
    with override_settings(REDIS_URL=url, CACHES=caches, CHANNEL_LAYERS=layers):
        yield url


def _warnings(caplog: pytest.LogCaptureFixture, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and what in r.getMessage()]


def test_a_quote_fetched_while_redis_is_down_is_stored_done_and_its_push_only_warns(
    redis_down: str,
    provider: ScriptedProvider,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = ingestion_run(symbol="AAPL", step="quote", provider=provider)
    assert result.state == IngestionState.DONE
    assert result.error is None
    assert Stock.objects.get(pk="AAPL").real_time_price == provider.inner.quote("AAPL").price
    assert IngestionStatus.objects.get(stock_id="AAPL", step="quote").state == IngestionState.DONE
    assert _warnings(caplog, "unavailable")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_price_push_with_only_the_channel_layer_down_is_a_warning_naming_the_push(
    redis_down: str,
    provider: ScriptedProvider,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    in_process = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=in_process), django_capture_on_commit_callbacks(execute=True):
        result = ingestion_run(symbol="AAPL", step="quote", provider=provider)
    assert result.state == IngestionState.DONE
    assert _warnings(caplog, "unavailable for live push of price_update to stock_AAPL")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_daily_bars_fetched_while_redis_is_down_are_stored_and_the_step_is_done(
    redis_down: str, provider: ScriptedProvider, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = ingestion_run(symbol="KO", step="daily", provider=provider)
    assert result.state == IngestionState.DONE
    assert DailyPrice.objects.filter(stock_id="KO").count() == result.rows_written > 0
    assert IngestionStatus.objects.get(stock_id="KO", step="daily").state == IngestionState.DONE


def test_a_receiver_failing_after_the_commit_leaves_the_stored_step_done(
    provider: ScriptedProvider, django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from stocks import signals

    def broken(**_kwargs: Any) -> None:
        raise ConnectionError("the broker went away")

    signals.quote_stored.connect(broken, weak=False, dispatch_uid="test-broken-receiver")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = ingestion_run(symbol="AAPL", step="quote", provider=provider)
    finally:
        signals.quote_stored.disconnect(dispatch_uid="test-broken-receiver")
    assert result.state == IngestionState.DONE
    assert IngestionStatus.objects.get(stock_id="AAPL", step="quote").state == IngestionState.DONE
    assert Stock.objects.get(pk="AAPL").real_time_price is not None


@pytest.mark.parametrize("method", ["quote", "price_series"])
def test_an_unforeseen_error_is_recorded_as_failed_not_left_running(provider: ScriptedProvider, method: str) -> None:
    provider.raise_on(method, RuntimeError("a bug in the answer's parsing"))
    step = "quote" if method == "quote" else "daily"
    with pytest.raises(RuntimeError):
        ingestion_run(symbol="KO", step=step, provider=provider)
    status = IngestionStatus.objects.get(stock_id="KO", step=step)
    assert status.state == IngestionState.FAILED
    assert "a bug in the answer's parsing" in status.reason
    assert status.finished_at is not None


def test_a_step_running_longer_than_the_visibility_timeout_is_shown_stalled(
    auth_client: Any, settings: Any, provider: ScriptedProvider
) -> None:
    ingestion_run(symbol="KO", step="daily", provider=provider)
    now = timezone.now()
    long_ago = now - dt.timedelta(seconds=settings.TASK_VISIBILITY_TIMEOUT_SECONDS + 60)
    IngestionStatus.objects.filter(stock_id="KO", step="daily").update(state="running", started_at=long_ago)
    IngestionStatus.objects.update_or_create(
        stock_id="KO", step="weekly", defaults={"state": "running", "started_at": now - dt.timedelta(seconds=30)}
    )
    steps = auth_client.get("/api/v1/users/portfolio/symbol/KO/status/").json()["steps"]
    assert steps["daily"]["stalled"] is True
    assert steps["weekly"]["stalled"] is False
    refresh = auth_client.get("/api/v1/stocks/api/refresh-status/?symbols=KO").json()
    (ko,) = refresh["symbols"]
    assert ko["datasets"]["daily"]["stalled"] is True
    assert ko["datasets"]["weekly"]["stalled"] is False
