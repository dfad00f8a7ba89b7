"""Starting the collection of a symbol's data: one status row and one queued task per step."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

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
                },
            )
        transaction.on_commit(lambda: _enqueue_all(symbol))
    return True


def _enqueue_all(symbol: str) -> None:
    followers = set(QUEUED_AFTER.values())
    for step in COLLECTION_STEPS:
        if step not in followers:
            ingest_step_enqueue(symbol=symbol, step=step, then=QUEUED_AFTER.get(step))
