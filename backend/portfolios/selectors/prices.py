"""The last stored price of symbols: the newer of the last daily close and the last quote, with its date and source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from stocks.models import DailyPrice, Stock

PriceKind = Literal["quote", "daily_close"]


@dataclass(frozen=True, slots=True)
class LastPrice:
    symbol: str
    price: Decimal
    date: dt.date | None
    kind: PriceKind  # which stored value the price is
    source: str  # the provider that produced it ("alphavantage", "simulated", "csv")
    previous_close: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_close is None else self.price - self.previous_close

    @property
    def change_percent(self) -> Decimal | None:
        if not self.previous_close:
            return None
        return (self.price - self.previous_close) / self.previous_close * 100

    def as_dict(self) -> dict[str, object]:
        return {
            "price": self.price,
            "date": self.date.isoformat() if self.date else None,
            "basis": self.kind,
            "source": self.source,
            "previous_close": self.previous_close,
            "change": self.change,
            "change_percent": self.change_percent,
        }


def last_price_of(stock: Stock) -> LastPrice | None:
    """The newer of the stock's quote and its last daily bar; None when nothing is stored."""
    bars = list(
        DailyPrice.objects.filter(stock_id=stock.symbol)
        .order_by("-date")
        .values_list("date", "close_price", "source")[:2]
    )
    quote_date = stock.latest_trading_day
    quote_is_newer = stock.real_time_price is not None and (
        not bars or (quote_date is not None and quote_date >= bars[0][0])
    )
    if quote_is_newer:
        assert stock.real_time_price is not None
        previous = stock.previous_close
        if previous is None and bars:
            previous = bars[1][1] if quote_date == bars[0][0] and len(bars) > 1 else bars[0][1]
        return LastPrice(stock.symbol, stock.real_time_price, quote_date, "quote", stock.source, previous)
    if not bars:
        return None
    date, close, source = bars[0]
    previous_close = bars[1][1] if len(bars) > 1 else None
    return LastPrice(stock.symbol, close, date, "daily_close", source, previous_close)


def last_prices_get(*, stocks: Iterable[Stock]) -> dict[str, LastPrice]:
    """Last prices keyed by symbol; symbols with nothing stored are absent."""
    result: dict[str, LastPrice] = {}
    for stock in stocks:
        last = last_price_of(stock)
        if last is not None:
            result[stock.symbol] = last
    return result
