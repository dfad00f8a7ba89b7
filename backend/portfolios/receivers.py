"""Receivers of stocks' domain events: alert evaluation on new prices, dividends booked when a stock's data is
stored, the demo account on demo data.

The services are imported when an event arrives, not when the app loads: they pull in TA-Lib, pandas and
exchange-calendars (about 1.6 s), which every process would otherwise pay at start-up, web processes included.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_quote_stored(sender: Any, *, symbol: str, **kwargs: Any) -> None:
    from portfolios.services.alerts import alerts_evaluate

    # Ingestion sends this after its commit; an alert failure must not fail the ingestion task that sent it.
    try:
        alerts_evaluate(symbol=symbol)
    except Exception:
        logger.exception("Alert evaluation for %s failed", symbol)


def on_bars_stored(sender: Any, *, symbol: str, interval: str = "daily", **kwargs: Any) -> None:
    if interval == "daily":
        on_quote_stored(sender, symbol=symbol)


def on_stock_data_changed(sender: Any, *, symbol: str, **kwargs: Any) -> None:
    from portfolios.services.dividends import symbol_dividends_book

    # New dividend events may have been stored; booking failures must not fail the ingestion that sent this.
    try:
        symbol_dividends_book(symbol=symbol)
    except Exception:
        logger.exception("Booking dividends of %s failed", symbol)


def on_demo_data_loaded(sender: Any, *, symbols: list[str] | None = None, **kwargs: Any) -> None:
    from portfolios.demo import demo_account_ensure

    demo_account_ensure(symbols=list(symbols or []))
