"""Receivers of stocks' domain events: new daily bars (a first collection or a daily refresh) queue training.

The service is imported when an event arrives, not when the app loads: it pulls in LightGBM and TA-Lib, which
every process would otherwise pay at start-up.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_bars_stored(
    sender: Any, *, symbol: str, interval: str = "daily", last_date: dt.date | None = None, **kwargs: Any
) -> None:
    if interval != "daily":
        return
    from ml_models.models import TrainingTrigger
    from ml_models.services.requests import predictions_refresh_request

    # Ingestion sends this after its commit; queuing the training must not fail the ingestion task that sent it.
    try:
        predictions_refresh_request(symbol=symbol, last_date=last_date, trigger=TrainingTrigger.NEW_BARS)
    except Exception:
        logger.exception("Queuing the training of %s failed", symbol)
