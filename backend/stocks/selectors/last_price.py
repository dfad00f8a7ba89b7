"""The one last price of a stock: price, previous close, day change and when the price was observed.

Every reader (the stock header through the overview, the chart's last-price line, the `price_update` message,
holdings, the watchlist, the dashboard and alerts) takes the price from here, so one page shows one price.

- Candidates: the stored quote (`Stock.real_time_price`, for the session `latest_trading_day`, observed when it
  was fetched) and the last stored daily bar (observed at its session's close, or when fetched if that was earlier).
- The newer observation wins: the later session first; within one session the later observation time, so a quote
  fetched after the close wins over the day's bar and the day's bar wins over a quote fetched during the session.
  On a tie the daily bar wins (it is the exchange's official close).
- The previous close is the close of the exchange calendar's previous session (XNYS: weekends, holidays skipped)
  before the price's session, from the stored daily bars; the provider's `previous_close` only when that bar is
  not stored and the quote is for the same session. A split with its ex-date after the previous session and on or
  before the price's session divides it, so a 4-for-1 morning is not a -75% day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from stocks.models import CorporateAction, CorporateActionKind, DailyPrice, Stock
from stocks.schedule import is_session, previous_session, session_at, session_close

PriceBasis = Literal["quote", "daily_close"]
_QUOTE_FIELDS = ("symbol", "real_time_price", "latest_trading_day", "quote_fetched_at", "previous_close", "volume")


@dataclass(frozen=True, slots=True)
class LastPrice:
    symbol: str
    price: Decimal
    session: dt.date  # the trading session the price belongs to
    basis: PriceBasis  # which stored value the price is
    source: str  # the provider that produced it ("alphavantage", "simulated", "csv")
    observed_at: dt.datetime  # when the price was observed ("as of")
    volume: int | None
    previous_session: dt.date | None
    previous_close: Decimal | None  # the previous session's close, in this session's shares

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_close is None else self.price - self.previous_close

    @property
    def change_percent(self) -> Decimal | None:
        if not self.previous_close:
            return None
        return (self.price - self.previous_close) / self.previous_close * 100


@dataclass(frozen=True, slots=True)
class _Candidate:
    price: Decimal
    session: dt.date
    observed_at: dt.datetime
    basis: PriceBasis
    source: str
    volume: int | None


def _observed(session: dt.date, fetched_at: dt.datetime | None) -> dt.datetime:
    """When a price of `session` fetched at `fetched_at` was observed: never after that session's close."""
    close = session_close(session) if is_session(session) else None
    if fetched_at is None:
        return close or dt.datetime.combine(session, dt.time(), tzinfo=dt.UTC)
    return fetched_at if close is None else min(fetched_at, close)


def _quote_candidate(quote: dict[str, Any], source: str) -> _Candidate | None:
    price, fetched_at = quote["real_time_price"], quote["quote_fetched_at"]
    if price is None:
        return None
    session = quote["latest_trading_day"] or (session_at(fetched_at) if fetched_at else None)
    if session is None:
        return None
    observed_at = fetched_at or _observed(session, None)
    return _Candidate(price, session, observed_at, "quote", source, quote["volume"])


def _split_factor(symbol: str, after: dt.date, through: dt.date) -> Decimal:
    ratios = CorporateAction.objects.filter(
        stock_id=symbol, kind=CorporateActionKind.SPLIT, ex_date__gt=after, ex_date__lte=through
    ).values_list("ratio", flat=True)
    factor = Decimal(1)
    for ratio in ratios:
        factor *= ratio or 1  # a split always has its ratio (corporate_action_value_valid)
    return factor


def _last_price(quote: dict[str, Any], source: str) -> LastPrice | None:
    symbol = quote["symbol"]
    bars = list(
        DailyPrice.objects.filter(stock_id=symbol)
        .order_by("-date")
        .values_list("date", "close_price", "volume", "source", "fetched_at")[:2]
    )
    closes = {date: close for date, close, *_ in bars}
    candidates = [_quote_candidate(quote, source)]
    if bars:
        date, close, volume, bar_source, fetched_at = bars[0]
        candidates.append(_Candidate(close, date, _observed(date, fetched_at), "daily_close", bar_source, volume))
    present = [c for c in candidates if c is not None]
    if not present:
        return None
    # max() keeps the first of equal keys: the daily bar is listed last, so it is compared first on a tie.
    chosen = max(reversed(present), key=lambda c: (c.session, c.observed_at))
    # The chosen session is never before the newest bar, so its previous session is one of the two newest bars
    # when stored at all.
    prior = previous_session(chosen.session)
    previous = None if prior is None else closes.get(prior)
    if previous is not None:
        assert prior is not None
        previous = previous / _split_factor(symbol, prior, chosen.session)
    elif chosen.basis == "quote":
        previous = quote["previous_close"]  # the provider's, for this same session
    return LastPrice(
        symbol=symbol,
        price=chosen.price,
        session=chosen.session,
        basis=chosen.basis,
        source=chosen.source,
        observed_at=chosen.observed_at,
        volume=chosen.volume,
        previous_session=prior,
        previous_close=previous,
    )


def last_prices_get(*, symbols: Iterable[str]) -> dict[str, LastPrice]:
    """Last prices keyed by symbol; symbols with nothing stored (or unknown) are absent."""
    result: dict[str, LastPrice] = {}
    for row in Stock.objects.filter(symbol__in=list(symbols)).values("source", *_QUOTE_FIELDS):
        source = row.pop("source")
        last = _last_price(row, source)
        if last is not None:
            result[last.symbol] = last
    return result


def last_price_get(*, symbol: str) -> LastPrice | None:
    """The last price of one stored symbol; None when neither a quote nor a daily bar is stored."""
    return last_prices_get(symbols=[symbol]).get(symbol)


def closes_as_of_get(*, symbols: Iterable[str], as_of: dt.date) -> dict[str, LastPrice]:
    """Each symbol's daily close of the last session on or before `as_of`, with the close before it as the
    previous close (divided by a split between them): the price an as-of view uses. No bar: the symbol is absent."""
    result: dict[str, LastPrice] = {}
    for symbol in symbols:
        bars = list(
            DailyPrice.objects.filter(stock_id=symbol, date__lte=as_of)
            .order_by("-date")
            .values_list("date", "close_price", "volume", "source", "fetched_at")[:2]
        )
        if not bars:
            continue
        date, close, volume, source, fetched_at = bars[0]
        prior = bars[1][0] if len(bars) > 1 else None
        previous = None if prior is None else bars[1][1] / _split_factor(symbol, prior, date)
        result[symbol] = LastPrice(
            symbol=symbol,
            price=close,
            session=date,
            basis="daily_close",
            source=source,
            observed_at=_observed(date, fetched_at),
            volume=volume,
            previous_session=prior,
            previous_close=previous,
        )
    return result
