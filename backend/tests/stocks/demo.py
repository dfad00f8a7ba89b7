"""Demo data of a few symbols, stored the way load_demo_data stores it (the simulated provider, full history)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import LISTINGS
from stocks.services.ingestion import ingestion_run

AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)


def demo_store(*symbols: str) -> SimulatedProvider:
    """Daily and weekly bars, then splits and dividends, of `symbols` from the demo universe."""
    provider = SimulatedProvider(
        seed=settings.SIMULATED_SEED, universe=[LISTINGS[s] for s in symbols], clock=lambda: AFTER_CLOSE
    )
    for symbol in symbols:
        for step in ("daily", "weekly", "corporate_actions"):
            result = ingestion_run(symbol=symbol, step=step, provider=provider, full=True)
            assert result.state == "done", result.reason
    return provider
