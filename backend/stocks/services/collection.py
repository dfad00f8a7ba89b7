"""Starting the collection of a symbol's data: one status row and one queued task per step, queued again by a
periodic sweep when the broker could not take them."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.failsafe import broker
from core.symbols import normalize_symbol
from stocks.models import IngestionState, IngestionStatus, IngestionStep, Stock
from stocks.services.ingestion import stock_ensure
from stocks.tasks import ingest_step_enqueue

COLLECTION_STEPS: tuple[IngestionStep, ...] = (
    IngestionStep.OVERVIEW,
    IngestionStep.DAILY,
    IngestionStep.WEEKLY,
    IngestionStep.FINANCIALS,
    IngestionStep.CORPORATE_ACTIONS,
)
# Steps queued only when another succeeds: splits and dividends are checked against the stored daily prices.
QUEUED_AFTER: dict[IngestionStep, IngestionStep] = {IngestionStep.DAILY: IngestionStep.CORPORATE_ACTIONS}
_ACTIVE = (IngestionState.PENDING, IngestionState.RUNNING)
STALE_AFTER = dt.timedelta(hours=1)  # a step "running" longer than this lost its worker and may be started again
# A step still awaiting its queue this long after it was marked pending was not handed to the broker (the broker was
# down when the collection's transaction committed, or the process died in between): the sweep queues it.
REQUEUE_AFTER = dt.timedelta(minutes=2)

logger = logging.getLogger(__name__)


def collection_start(*, symbol: str) -> bool:
    """Queue the collection of overview, daily, weekly, financials and (after daily) splits and dividends.

    Returns False, queuing nothing, when a collection for the symbol is already pending or running.
    """
    symbol = normalize_symbol(symbol)
    with transaction.atomic():
        stock = stock_ensure(symbol=symbol, source=settings.MARKET_DATA_PROVIDER)
        # Lock the stock row so two requests for the same new symbol cannot both start a collection.
        Stock.objects.select_for_update().filter(pk=stock.pk).first()
        active = IngestionStatus.objects.filter(
            stock_id=symbol, step__in=COLLECTION_STEPS, state__in=_ACTIVE, updated_at__gte=timezone.now() - STALE_AFTER
        )
        if active.exists():
            return False
        for step in COLLECTION_STEPS:
            IngestionStatus.objects.update_or_create(
                stock_id=symbol,
                step=step,
                defaults={
                    "state": IngestionState.PENDING,
                    "reason": "",
                    "retry_at": None,
                    "started_at": None,
                    "finished_at": None,
                    "awaiting_queue": True,
                },
            )
        transaction.on_commit(lambda: _enqueue_all(symbol))
    return True


def _enqueue_all(symbol: str) -> bool:
    """Queue the symbol's collection tasks; with the broker down, log a warning and leave them to the sweep.

    Runs after the collection's transaction committed, so the request that started it answers as usual either way.
    """
    followers = set(QUEUED_AFTER.values())

    def send() -> bool:
        for step in COLLECTION_STEPS:
            if step not in followers:
                ingest_step_enqueue(symbol=symbol, step=step, then=QUEUED_AFTER.get(step))
        return True

    if not broker.call(f"queueing the collection of {symbol}", send, lambda: False):
        return False
    IngestionStatus.objects.filter(stock_id=symbol, step__in=COLLECTION_STEPS, awaiting_queue=True).update(
        awaiting_queue=False
    )
    return True


def collection_requeue_sweep(*, now: dt.datetime | None = None) -> list[str]:
    """Queue again every collection whose tasks never reached the broker; returns the symbols queued.

    A step is re-queued only while it is still pending and marked as awaiting its queue, so a task that was queued
    (and may be waiting behind others) is never sent twice. Run by the beat entry `stocks-collection-requeue`.
    """
    cutoff = (now or timezone.now()) - REQUEUE_AFTER
    symbols = sorted(
        set(
            IngestionStatus.objects.filter(
                step__in=COLLECTION_STEPS,
                state=IngestionState.PENDING,
                awaiting_queue=True,
                updated_at__lt=cutoff,
            ).values_list("stock_id", flat=True)
        )
    )
    queued = [symbol for symbol in symbols if _enqueue_all(symbol)]
    if symbols:
        logger.info("Collection sweep: re-queued %d of %d collections never queued", len(queued), len(symbols))
    return queued
