"""Dead letters: a task that fails for good leaves a record without secrets, shown in the refresh status and the
admin, and re-queued by the admin action or `requeue_dead_letters`."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from celery import current_app, shared_task
from django.core.management import CommandError, call_command
from django.urls import reverse

from stocks import tasks
from stocks.models import DailyPrice, DeadLetter, IngestionStatus
from stocks.providers.errors import ProviderTemporaryError
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db

REFRESH_STATUS = "/api/v1/stocks/api/refresh-status/"


@shared_task(name="tests.notify_with_token", max_retries=0)
def notify_with_token(user_id: int, *, token: str, options: dict[str, Any]) -> None:
    raise ValueError(f"upstream refused https://example.test/hook?token={token}")


@pytest.fixture
def eager() -> Any:
    """Run what the re-queue sends in this process, as a worker would."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _eager_retries() -> Any:
    """Run retries in this process as apply() does when errors are not propagated (the worker's behaviour)."""
    previous = current_app.conf.task_eager_propagates
    current_app.conf.task_eager_propagates = False
    yield
    current_app.conf.task_eager_propagates = previous


@pytest.fixture
def failing_daily(monkeypatch: pytest.MonkeyPatch, provider: ScriptedProvider, settings: Any) -> ScriptedProvider:
    settings.ALPHA_VANTAGE_API_KEY = "SECRETKEY42"
    monkeypatch.setattr("stocks.services.ingestion.get_provider", lambda: provider)
    provider.raise_on("price_series", ProviderTemporaryError("HTTP 503 from /query?function=X&apikey=SECRETKEY42"))
    return provider


def test_a_task_that_spends_its_retries_leaves_a_dead_letter_shown_in_the_refresh_status(
    failing_daily: ScriptedProvider, api_client: Any
) -> None:
    with pytest.raises(ProviderTemporaryError):
        tasks.ingest_step.apply(args=("KO", "daily"), kwargs={"full": False}).get()
    calls = [name for name, _ in failing_daily.calls if name == "price_series"]
    assert len(calls) == 6  # the first try and its 5 retries
    letter = DeadLetter.objects.get()
    assert (letter.task_name, letter.args, letter.kwargs, letter.retries) == (
        "stocks.tasks.ingest_step",
        ["KO", "daily"],
        {"full": False},
        5,
    )
    assert letter.exception_type == "stocks.providers.errors.ProviderTemporaryError"
    assert "HTTP 503" in letter.reason
    assert "SECRETKEY42" not in letter.reason + letter.traceback
    assert letter.redacted is False

    body = api_client.get(REFRESH_STATUS).json()
    assert body["dead_letters"]["open"] == 1
    shown = body["dead_letters"]["latest"][0]
    assert (shown["id"], shown["task_name"], shown["args"], shown["retries"]) == (
        letter.pk,
        "stocks.tasks.ingest_step",
        ["KO", "daily"],
        5,
    )
    assert "SECRETKEY42" not in str(body)
    assert {"provider", "quota", "market", "quote_period_seconds", "symbols"} <= set(body)  # the fields it always had


def test_a_retried_task_that_then_succeeds_leaves_no_dead_letter(failing_daily: ScriptedProvider) -> None:
    inner = failing_daily.inner
    attempts: list[int] = []

    def flaky(*args: Any) -> Any:
        attempts.append(1)
        if len(attempts) < 3:
            raise ProviderTemporaryError("HTTP 502")
        return inner.price_series(*args)

    failing_daily.scripted["price_series"] = flaky
    assert tasks.ingest_step.apply(args=("KO", "daily")).get()["state"] == "done"
    assert len(attempts) == 3
    assert not DeadLetter.objects.exists()


def test_secrets_in_arguments_and_messages_are_removed_and_such_a_letter_is_not_requeued() -> None:
    with pytest.raises(ValueError, match="upstream refused"):
        notify_with_token.apply(
            args=(7,), kwargs={"token": "tok-123456", "options": {"api_key": "AVKEY99", "limit": 3}}
        ).get()
    letter = DeadLetter.objects.get(task_name="tests.notify_with_token")
    assert letter.args == [7]
    assert letter.kwargs == {"token": "***", "options": {"api_key": "***", "limit": 3}}
    assert letter.reason == "upstream refused https://example.test/hook?token=***"
    assert "tok-123456" not in letter.traceback
    assert letter.redacted is True

    out = StringIO()
    call_command("requeue_dead_letters", "--id", str(letter.pk), stdout=out)
    assert "not re-queued, its arguments had secrets removed" in out.getvalue()
    assert "0 of 1 re-queued." in out.getvalue()
    letter.refresh_from_db()
    assert letter.requeued_at is None


def test_requeue_command_runs_the_task_again_with_its_arguments_once(
    failing_daily: ScriptedProvider, eager: Any, api_client: Any
) -> None:
    with pytest.raises(ProviderTemporaryError):
        tasks.ingest_step.apply(args=("KO", "daily")).get()
    letter = DeadLetter.objects.get()
    failing_daily.scripted.pop("price_series")  # the provider is back

    out = StringIO()
    call_command("requeue_dead_letters", stdout=out)
    letter.refresh_from_db()
    assert letter.requeued_at is not None
    assert f"#{letter.pk} stocks.tasks.ingest_step: re-queued as task {letter.requeued_task_id}" in out.getvalue()
    assert DailyPrice.objects.filter(stock_id="KO").count() > 4_900
    assert IngestionStatus.objects.get(stock_id="KO", step="daily").state == "done"
    assert api_client.get(REFRESH_STATUS).json()["dead_letters"]["open"] == 0

    out = StringIO()
    call_command("requeue_dead_letters", "--id", str(letter.pk), stdout=out)
    assert "not re-queued, already re-queued" in out.getvalue()
    with pytest.raises(CommandError, match="--id: no dead letter 999"):
        call_command("requeue_dead_letters", "--id", "999", stdout=StringIO())


def test_admin_lists_dead_letters_and_its_action_requeues(
    failing_daily: ScriptedProvider, eager: Any, admin_client: Any
) -> None:
    with pytest.raises(ProviderTemporaryError):
        tasks.ingest_step.apply(args=("KO", "weekly")).get()
    letter = DeadLetter.objects.get()
    page = admin_client.get(reverse("admin:stocks_deadletter_changelist"))
    assert page.status_code == 200
    assert "stocks.tasks.ingest_step" in page.content.decode()
    failing_daily.scripted.pop("price_series")
    response = admin_client.post(
        reverse("admin:stocks_deadletter_changelist"),
        {"action": "requeue", "_selected_action": [letter.pk]},
        follow=True,
    )
    assert "re-queued as" in response.content.decode()
    letter.refresh_from_db()
    assert letter.requeued_at is not None
    assert IngestionStatus.objects.get(stock_id="KO", step="weekly").state == "done"
