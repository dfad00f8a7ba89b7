"""US economic indicators: ingestion through the configured provider, and the planner's share of the quota.

Each collected series (ECONOMIC_INDICATORS' first interval per name: REAL_GDP quarterly, CPI monthly, INFLATION
annual, FEDERAL_FUNDS_RATE, TREASURY_YIELD (10-year) and UNEMPLOYMENT monthly) is refreshed once a week, after the
Saturday 06:00 New York boundary the weekly bars use: six calls a week, taken only from calls the stock refreshes
of the same planner tick leave over.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stocks.models import EconomicIndicator, EconomicObservation
from stocks.providers.base import ECONOMIC_INDICATORS, EconomicSeries, MarketDataProvider
from stocks.providers.errors import ProviderError
from stocks.providers.registry import get_provider
from stocks.schedule import Dataset, fresh_since
from stocks.services.planner import IN_FLIGHT_TIMEOUT, Budget

logger = logging.getLogger(__name__)

COLLECTED: tuple[tuple[str, str], ...] = tuple((name, intervals[0]) for name, intervals in ECONOMIC_INDICATORS.items())
REFRESH_BOUNDARY = Dataset.WEEKLY  # the series change monthly at most; a weekly look is plenty and cheap


@dataclass(frozen=True, slots=True)
class EconomicIngestResult:
    name: str
    interval: str
    rows_written: int
    rows_rejected: int


def economic_indicator_ingest(
    *, name: str, interval: str, provider: MarketDataProvider | None = None
) -> EconomicIngestResult:
    """Fetch one indicator series and upsert it (every row with its source and fetch time); atomic and idempotent.

    A provider error is recorded on the series (`error`) and raised again, so the task can retry or dead-letter it;
    nothing stored before is lost.
    """
    provider = provider or get_provider()
    try:
        series = provider.economic_indicator(name, interval)
    except ProviderError as error:
        EconomicIndicator.objects.update_or_create(name=name, interval=interval, defaults={"error": str(error)})
        raise
    with transaction.atomic():
        return _series_store(name=name, interval=interval, series=series, source=provider.name)


def _series_store(*, name: str, interval: str, series: EconomicSeries, source: str) -> EconomicIngestResult:
    indicator, _ = EconomicIndicator.objects.select_for_update().get_or_create(name=name, interval=interval)
    now = timezone.now()
    rows = [
        EconomicObservation(indicator=indicator, date=o.date, value=o.value, source=source, fetched_at=now)
        for o in series.observations
    ]
    EconomicObservation.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["indicator", "date"],
        update_fields=["value", "source", "fetched_at"],
    )
    indicator.unit, indicator.source, indicator.fetched_at = series.unit, source, now
    indicator.requested_at, indicator.error = None, ""
    indicator.save(update_fields=["unit", "source", "fetched_at", "requested_at", "error"])
    for row in series.rejected:
        logger.warning("%s (%s) row %s refused: %s", name, interval, row.where, row.reason)
    return EconomicIngestResult(name, interval, len(rows), len(series.rejected))


def economic_refresh_due(*, now: dt.datetime) -> list[tuple[str, str]]:
    """Collected series never fetched or fetched before this week's boundary, and not queued in the last minutes."""
    boundary = fresh_since(REFRESH_BOUNDARY, now)
    fresh = EconomicIndicator.objects.filter(
        Q(fetched_at__gte=boundary) | Q(requested_at__gt=now - IN_FLIGHT_TIMEOUT)
    ).values_list("name", "interval")
    skip = set(fresh)
    return [key for key in COLLECTED if key not in skip]


def economic_refresh_plan_run(*, budget: Budget, calls_used: int, now: dt.datetime | None = None) -> list[str]:
    """Queue the due series' refreshes with what the tick's stock refreshes (`calls_used`) left of the budget.

    Returns the names queued. One call per series; none when the day's or the minute's calls are spent.
    """
    now = now or timezone.now()
    due = economic_refresh_due(now=now)
    left = budget.calls_left(calls_used)
    if left is not None:
        due = due[:left]
    if not due:
        return []
    with transaction.atomic():
        for name, interval in due:
            EconomicIndicator.objects.update_or_create(name=name, interval=interval, defaults={"requested_at": now})
        transaction.on_commit(lambda: _enqueue(due))
    return [name for name, _ in due]


def _enqueue(due: Sequence[tuple[str, str]]) -> None:
    from stocks.tasks import economic_indicator_refresh

    for name, interval in due:
        economic_indicator_refresh.apply_async(args=(name, interval), queue="low")
