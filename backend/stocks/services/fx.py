"""Exchange rates: ingestion through the configured provider, CSV import, and the planner's share of the quota.

Every stored pair is one currency against the US dollar (CHF/USD: 1 CHF in dollars), fetched once per trading day
after the daily closes settle (the boundary daily bars use), for the currencies users need only (the trading
currencies of stocks in a ledger and those users' base currencies; `stocks.interest.currency_interest`). One
provider call per pair, taken from the calls the stock and economic refreshes of the same planner tick leave over.
A first fetch asks for the full history (a free key gets the last 100 days and the rest stays missing, said so).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.currencies import USD
from stocks.interest import currency_interest
from stocks.models import FxPair, FxRate
from stocks.providers.base import FxSeries, MarketDataProvider
from stocks.providers.errors import ProviderError
from stocks.providers.registry import get_provider
from stocks.schedule import Dataset, fresh_since
from stocks.services.planner import FAILURE_BACKOFF, IN_FLIGHT_TIMEOUT, Budget

logger = logging.getLogger(__name__)

REFRESH_BOUNDARY = Dataset.DAILY


@dataclass(frozen=True, slots=True)
class FxIngestResult:
    base: str
    quote: str
    rows_written: int
    rows_rejected: int


def fx_pair_ingest(*, base: str, quote: str, provider: MarketDataProvider | None = None) -> FxIngestResult:
    """Fetch one pair's daily rates and upsert them (each with its source and fetch time); atomic and idempotent.

    A provider error is recorded on the pair (`error`) and raised again; rates stored before are kept.
    """
    provider = provider or get_provider()
    has_rates = FxRate.objects.filter(base=base, quote=quote).exists()
    try:
        series = provider.fx_daily(base, quote, "compact" if has_rates else "full")
    except ProviderError as error:
        FxPair.objects.update_or_create(base=base, quote=quote, defaults={"error": str(error)})
        raise
    with transaction.atomic():
        return fx_series_store(series=series, source=provider.name)


def fx_series_store(*, series: FxSeries, source: str) -> FxIngestResult:
    """Upsert `series` (rates of 1 base in quote) with `source`; the pair's row records the fetch."""
    pair, _ = FxPair.objects.select_for_update().get_or_create(base=series.base, quote=series.quote)
    now = timezone.now()
    rows = [
        FxRate(base=series.base, quote=series.quote, date=o.date, rate=o.rate, source=source, fetched_at=now)
        for o in series.observations
    ]
    FxRate.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["base", "quote", "date"],
        update_fields=["rate", "source", "fetched_at"],
    )
    pair.source, pair.fetched_at, pair.requested_at, pair.error = source, now, None, ""
    pair.save(update_fields=["source", "fetched_at", "requested_at", "error"])
    for row in series.rejected:
        logger.warning("%s/%s row %s refused: %s", series.base, series.quote, row.where, row.reason)
    return FxIngestResult(series.base, series.quote, len(rows), len(series.rejected))


def fx_pairs_needed() -> list[tuple[str, str]]:
    """(currency, USD) for every non-dollar currency users need, sorted."""
    return [(code, USD) for code in sorted(currency_interest().currencies_needed()) if code != USD]


def fx_refresh_due(*, now: dt.datetime) -> list[tuple[str, str]]:
    """Needed pairs not fetched since the last daily boundary, not queued in the last minutes, not failed lately."""
    boundary = fresh_since(REFRESH_BOUNDARY, now)
    skip = set(
        FxPair.objects.filter(
            Q(fetched_at__gte=boundary)
            | Q(requested_at__gt=now - IN_FLIGHT_TIMEOUT)
            | (~Q(error="") & Q(requested_at__gt=now - FAILURE_BACKOFF))
        ).values_list("base", "quote")
    )
    return [pair for pair in fx_pairs_needed() if pair not in skip]


def fx_refresh_plan_run(*, budget: Budget, calls_used: int, now: dt.datetime | None = None) -> list[str]:
    """Queue the due pairs' refreshes with what the tick's other refreshes (`calls_used`) left of the budget.

    Returns the pairs queued as "CHF/USD". One call per pair; none when the day's or the minute's calls are spent.
    """
    now = now or timezone.now()
    due = fx_refresh_due(now=now)
    left = budget.calls_left(calls_used)
    if left is not None:
        due = due[:left]
    if not due:
        return []
    with transaction.atomic():
        for base, quote in due:
            FxPair.objects.update_or_create(base=base, quote=quote, defaults={"requested_at": now})
        transaction.on_commit(lambda: _enqueue(due))
    return [f"{base}/{quote}" for base, quote in due]


def _enqueue(due: Sequence[tuple[str, str]]) -> None:
    from stocks.tasks import fx_rates_refresh

    for base, quote in due:
        fx_rates_refresh.apply_async(args=(base, quote), queue="low")
