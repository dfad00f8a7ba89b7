"""Celery app for the retry test: the project's tasks, with a provider whose first quote calls time out."""

from __future__ import annotations

import os
from typing import Any

from celery import signals

from config.celery import app

__all__ = ["app"]


@signals.worker_init.connect
def _fail_first_quotes(**kwargs: Any) -> None:
    from stocks.providers.errors import ProviderTemporaryError
    from stocks.providers.simulated.provider import SimulatedProvider

    quote = SimulatedProvider.quote
    failures = {"left": int(os.environ.get("QUOTE_FAILURES", "2"))}

    def flaky_quote(self: SimulatedProvider, symbol: str) -> Any:
        print(f"quote call for {symbol}", flush=True)  # the retry test counts these lines
        if failures["left"] > 0:
            failures["left"] -= 1
            raise ProviderTemporaryError("simulated timeout")
        return quote(self, symbol)

    SimulatedProvider.quote = flaky_quote  # type: ignore[method-assign]
