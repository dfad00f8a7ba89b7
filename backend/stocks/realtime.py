"""Live prices: the `stock_<SYMBOL>` group, its `price_update` message, and a push for every stored quote.

The transport (group send, the `pushed` record, the database relay) is `core.realtime`; `quotes` is this app's
relay source for processes without Redis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.realtime import as_float, group_send, pushed
from stocks.models import Stock
from stocks.selectors.last_price import LastPrice, last_price_get

QUOTE_STREAM = "quote"


def stock_group(symbol: str) -> str:
    return f"stock_{symbol}"


def price_update_message(last: LastPrice) -> dict[str, Any]:
    """DESIGN.md's `price_update` shape for a stock's last price (`stocks.selectors.last_price`).

    Additive fields: `previous_close`, `session` (its trading day), `basis` and `observed_at`; `timestamp` is
    `observed_at` too, when the price was observed.
    """
    observed = last.observed_at.isoformat()
    return {
        "type": "price_update",
        "symbol": last.symbol,
        "price": float(last.price),
        "change": as_float(last.change),
        "change_percent": as_float(last.change_percent),
        "volume": last.volume,
        "timestamp": observed,
        "previous_close": as_float(last.previous_close),
        "session": last.session.isoformat(),
        "basis": last.basis,
        "observed_at": observed,
    }


def _price_update_push(stock: Stock) -> bool:
    if not pushed.is_new(QUOTE_STREAM, stock.symbol, stock.quote_fetched_at):
        return False
    last = last_price_get(symbol=stock.symbol)
    if last is None:
        return False
    group_send(stock_group(stock.symbol), price_update_message(last))
    return True


def quote_push(*, symbol: str) -> bool:
    """Send the stored quote of `symbol` to its group; False when there is no newer quote to send."""
    stock = Stock.objects.filter(symbol=symbol).first()
    return stock is not None and _price_update_push(stock)


class QuoteRelaySource:
    """The relay's view of stored quotes, per subscribed symbol."""

    def baseline(self, key: str) -> None:
        fetched_at = Stock.objects.filter(symbol=key).values_list("quote_fetched_at", flat=True).first()
        pushed.is_new(QUOTE_STREAM, key, fetched_at)

    def push_new(self, keys: Sequence[str]) -> None:
        for stock in Stock.objects.filter(symbol__in=keys, quote_fetched_at__isnull=False):
            _price_update_push(stock)


quotes = QuoteRelaySource()


def _on_quote_stored(sender: Any, symbol: str, **kwargs: Any) -> None:
    quote_push(symbol=symbol)


def connect_receivers() -> None:
    """Called from StocksConfig.ready(): push every stored quote."""
    from stocks.signals import quote_stored

    quote_stored.connect(_on_quote_stored, dispatch_uid="stocks.realtime.quote_stored")
