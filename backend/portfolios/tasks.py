"""Portfolio Celery tasks woken by beat: one value snapshot per holder every 5 minutes in market hours, and the
daily booking of dividends from stored dividend events."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from portfolios.models import Holding
from portfolios.services.snapshots import portfolio_value_snapshot_take
from stocks.schedule import is_market_open

PORTFOLIO_SLOT = dt.timedelta(minutes=5)


@shared_task(name="portfolios.tasks.portfolio_values_tick", queue="default")
def portfolio_values_tick() -> int:
    """Every 5 minutes in market hours (always with DEMO_CLOCK): one snapshot task per user holding something."""
    now = timezone.now()
    if not (settings.DEMO_CLOCK or is_market_open(now)):
        return 0
    step = PORTFOLIO_SLOT.total_seconds()
    slot = dt.datetime.fromtimestamp(now.timestamp() // step * step, tz=dt.UTC)
    user_ids = Holding.objects.filter(quantity__gt=0).values_list("user_id", flat=True).distinct()
    for user_id in user_ids:
        portfolio_value_snapshot.delay(user_id, slot.isoformat())
    return len(user_ids)


@shared_task(name="portfolios.tasks.portfolio_value_snapshot", queue="default")
def portfolio_value_snapshot(user_id: int, slot: str) -> bool:
    """Record and push one user's portfolio value for a 5-minute slot; a redelivery of the same slot is a no-op."""
    return portfolio_value_snapshot_take(user_id=user_id, slot=dt.datetime.fromisoformat(slot)) is not None


@shared_task(name="portfolios.tasks.dividends_book_tick", queue="low")
def dividends_book_tick() -> int:
    """Daily: book dividends of stored dividend events for every holding (idempotent; see services/dividends.py)."""
    from portfolios.services.dividends import all_dividends_book

    return all_dividends_book()
