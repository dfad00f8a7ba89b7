"""Starting a collection (one pending status and one queued task per step) and the tasks that run the steps."""

from __future__ import annotations

from typing import Any

import pytest

from stocks import tasks
from stocks.models import IngestionState, IngestionStatus, Stock
from stocks.providers.errors import ProviderNotFound, ProviderRateLimitedError, ProviderTemporaryError
from stocks.services.collection import collection_start
from stocks.services.ingestion import IngestionResult
from tests.stocks.services.conftest import ScriptedProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(tasks.ingest_step, "apply_async", lambda **kw: sent.append(kw))
    return sent


def test_collection_queues_one_task_per_step_on_its_queue(
    enqueued: list[dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert collection_start(symbol="nvda") is True
    statuses = dict(IngestionStatus.objects.filter(stock_id="NVDA").values_list("step", "state"))
    assert statuses == {
        "overview": "pending",
        "daily": "pending",
        "weekly": "pending",
        "financials": "pending",
        "corporate_actions": "pending",
    }
    assert [(kw["args"], kw["queue"]) for kw in enqueued] == [
        (("NVDA", "overview"), "default"),
        (("NVDA", "daily"), "default"),
        (("NVDA", "weekly"), "default"),
        (("NVDA", "financials"), "low"),
    ]
    # Splits and dividends are checked against the daily prices, so they are queued once the daily step has run.
    follower = enqueued[1]["link"]
    assert (tuple(follower.args), follower.options["queue"]) == (("NVDA", "corporate_actions"), "low")
    assert all("link" not in kw for i, kw in enumerate(enqueued) if i != 1)
    assert Stock.objects.filter(pk="NVDA").exists()


def test_a_second_start_while_pending_queues_nothing(
    enqueued: list[dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert collection_start(symbol="NVDA") is True
        assert collection_start(symbol="NVDA") is False
    assert len(enqueued) == 4
    IngestionStatus.objects.filter(stock_id="NVDA").update(state=IngestionState.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert collection_start(symbol="NVDA") is True  # finished collections can be started again
    assert len(enqueued) == 8


def test_quote_goes_to_the_high_queue() -> None:
    assert tasks.STEP_QUEUES["quote"] == "high"
    assert tasks.STEP_QUEUES["financials"] == "low"


def test_task_runs_the_step_and_returns_its_summary(
    monkeypatch: pytest.MonkeyPatch, provider: ScriptedProvider
) -> None:
    monkeypatch.setattr("stocks.services.ingestion.get_provider", lambda: provider)
    outcome = tasks.ingest_step.apply(args=("KO", "weekly")).get()
    assert outcome["state"] == "done"
    assert outcome["rows_written"] > 1_000
    assert IngestionStatus.objects.get(stock_id="KO", step="weekly").state == "done"


def _result_with(error: Exception, state: str = "failed") -> IngestionResult:
    return IngestionResult("KO", "daily", state, error=error)  # type: ignore[arg-type]


def test_rate_limited_task_is_retried_at_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    error = ProviderRateLimitedError("daily limit", retry_after=3600)
    monkeypatch.setattr(tasks, "ingestion_run", lambda **kw: _result_with(error, "waiting_for_quota"))
    retries: list[dict[str, Any]] = []

    def fake_retry(**kw: Any) -> Exception:
        retries.append(kw)
        return RuntimeError("retry scheduled")

    monkeypatch.setattr(tasks.ingest_step, "retry", fake_retry)
    with pytest.raises(RuntimeError, match="retry scheduled"):
        tasks.ingest_step.run("KO", "daily")
    assert retries[0]["countdown"] == 3600
    assert retries[0]["exc"] is error


def test_temporary_errors_are_raised_for_autoretry_and_permanent_ones_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ProviderTemporaryError in getattr(tasks.ingest_step, "autoretry_for", ())
    monkeypatch.setattr(tasks, "ingestion_run", lambda **kw: _result_with(ProviderTemporaryError("HTTP 503")))
    with pytest.raises(ProviderTemporaryError):
        tasks.ingest_step.run("KO", "daily")
    monkeypatch.setattr(tasks, "ingestion_run", lambda **kw: _result_with(ProviderNotFound("unknown symbol")))
    assert tasks.ingest_step.run("KO", "daily")["state"] == "failed"  # recorded, not retried
