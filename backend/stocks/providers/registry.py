"""Chooses the market-data provider from settings; the only place that knows which providers exist."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from stocks.providers.base import MarketDataProvider
from stocks.providers.errors import ProviderError

PROVIDER_NAMES = ("alphavantage", "simulated", "csv")


def get_provider(name: str | None = None) -> MarketDataProvider:
    """The provider called `name`, or the one settings.MARKET_DATA_PROVIDER names."""
    chosen = (name or settings.MARKET_DATA_PROVIDER).strip().lower()
    if chosen == "simulated":
        from stocks.providers.simulated.provider import SimulatedProvider

        return SimulatedProvider(seed=settings.SIMULATED_SEED)
    if chosen == "alphavantage":
        from stocks.providers.alphavantage.provider import AlphaVantageProvider

        return AlphaVantageProvider.from_settings()
    if chosen == "csv":
        from stocks.providers.csv.provider import CsvProvider

        return CsvProvider.from_settings()
    raise ProviderError(f"Unknown market data provider '{chosen}': choose one of {', '.join(PROVIDER_NAMES)}.")


def quota_remaining(name: str | None = None) -> dict[str, Any]:
    """What is left of the configured provider's call quota (for the refresh-status endpoint)."""
    chosen = (name or settings.MARKET_DATA_PROVIDER).strip().lower()
    if chosen == "alphavantage":
        from stocks.providers.alphavantage.client import quota_remaining as alphavantage_quota

        return alphavantage_quota()
    return {"provider": chosen, "unlimited": True}
