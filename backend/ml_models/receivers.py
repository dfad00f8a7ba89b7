"""Receivers of stocks' domain events: new daily bars (a first collection or a daily refresh) queue training.

The service is imported when an event arrives, not when the app loads: it pulls in LightGBM and TA-Lib, which
every process would otherwise pay at start-up.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_bars_stored(sender: Any, *, symbol: str, interval: str = "daily", **kwargs: Any) -> None:
    if interval != "daily":
        return
    from ml_models.models import TrainingTrigger
    from ml_models.selectors import model_inputs_get
    from ml_models.services.requests import predictions_refresh_request

    # Ingestion sends this after its commit; queuing the training must not fail the ingestion task that sent it.
    try:
        inputs = model_inputs_get(symbol=symbol)
        predictions_refresh_request(symbol=symbol, inputs=inputs, trigger=TrainingTrigger.NEW_BARS)
    except Exception:
        logger.exception("Queuing the training of %s failed", symbol)
