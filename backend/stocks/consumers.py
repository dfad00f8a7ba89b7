"""WebSocket consumer for live prices of one symbol: `/ws/stocks/<symbol>/` (group `stock_<SYMBOL>`)."""

from __future__ import annotations

from core.realtime import relay
from core.symbols import InvalidSymbolError, normalize_symbol
from core.websocket import CloseCode, LiveJsonConsumer
from stocks.realtime import quotes, stock_group


class StockPriceConsumer(LiveJsonConsumer):
    """Sends `price_update` whenever a quote for the symbol is stored, from any process."""

    symbol: str | None = None

    async def connect(self) -> None:
        try:
            symbol = normalize_symbol(self.scope["url_route"]["kwargs"]["symbol"])
        except InvalidSymbolError as exc:
            await self.refuse(CloseCode.INVALID_INPUT, "invalid_symbol", exc.message)
            return
        self.symbol = symbol
        await relay.subscribe(quotes, symbol)
        await self.accept_live([stock_group(symbol)])

    async def disconnect(self, code: int) -> None:
        if self.symbol is not None:
            relay.unsubscribe(quotes, self.symbol)
        await super().disconnect(code)
