"""Celery tasks: thin wrappers around the ingestion service, one task per symbol and dataset."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from celery import Task, shared_task

from stocks.models import IngestionStep
from stocks.providers.errors import ProviderCircuitOpenError, ProviderRateLimitedError, ProviderTemporaryError
from stocks.services.economic import economic_indicator_ingest
from stocks.services.fx import fx_pair_ingest
from stocks.services.ingestion import ingestion_run

STEP_QUEUES: dict[str, str] = {
    IngestionStep.QUOTE: "high",
    IngestionStep.OVERVIEW: "default",
    IngestionStep.DAILY: "default",
    IngestionStep.WEEKLY: "default",
    IngestionStep.FINANCIALS: "low",
    IngestionStep.CORPORATE_ACTIONS: "low",
    IngestionStep.INTRADAY: "default",
}
QUOTA_RETRIES = 48  # a spent daily quota waits for the next day; beyond this the status stays waiting_for_quota


@shared_task(
    bind=True,
    name="stocks.tasks.ingest_step",
    acks_late=True,
    autoretry_for=(ProviderTemporaryError,),
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=5,
)
def ingest_step(self: Task, symbol: str, step: str, full: bool = False) -> dict[str, Any]:
    """Ingest one dataset (`step`, an IngestionStep value) for one symbol."""
    result = ingestion_run(symbol=symbol, step=step, full=full)
    if isinstance(result.error, ProviderRateLimitedError | ProviderCircuitOpenError):
        raise self.retry(countdown=result.error.retry_after, max_retries=QUOTA_RETRIES, exc=result.error)
    if isinstance(result.error, ProviderTemporaryError):
        raise result.error
    return result.as_dict()


def ingest_step_enqueue(*, symbol: str, step: str, full: bool = False, then: str | None = None) -> None:
    """Queue `ingest_step` on the step's queue: "high" for quotes, "default" for prices, "low" for financials.

    `then` is a step queued (on its own queue) once this one has run without raising.
    """
    options: dict[str, Any] = {}
    if then is not None:
        options["link"] = ingest_step.si(symbol, IngestionStep(then).value).set(queue=STEP_QUEUES[then])
    ingest_step.apply_async(
        args=(symbol, IngestionStep(step).value), kwargs={"full": full}, queue=STEP_QUEUES[step], **options
    )


@shared_task(
    name="stocks.tasks.economic_indicator_refresh",
    acks_late=True,
    autoretry_for=(ProviderTemporaryError, ProviderRateLimitedError),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=5,
)
def economic_indicator_refresh(name: str, interval: str) -> dict[str, Any]:
    """Fetch and store one US economic indicator series (queued by the planner tick on the low queue)."""
    return asdict(economic_indicator_ingest(name=name, interval=interval))


@shared_task(name="stocks.tasks.symbol_lookup", acks_late=True)
def symbol_lookup(key: str) -> dict[str, Any]:
    """Run the queued provider search for a symbol lookup; its outcome is stored on the lookup, never raised."""
    from stocks.services.symbols import symbol_lookup_run

    result = symbol_lookup_run(key=key)
    return {"key": key, "state": result.state, "symbols": list(result.symbols)}


@shared_task(
    name="stocks.tasks.fx_rates_refresh",
    acks_late=True,
    autoretry_for=(ProviderTemporaryError, ProviderRateLimitedError),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=5,
)
def fx_rates_refresh(base: str, quote: str) -> dict[str, Any]:
    """Fetch and store one currency pair's daily rates (queued by the planner tick on the low queue)."""
    return asdict(fx_pair_ingest(base=base, quote=quote))
