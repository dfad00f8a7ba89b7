"""The 1D and 5D charts: the last sessions' stored 5-minute bars in New York time, or the daily bars when none exist."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.db.models import FloatField
from django.db.models.functions import Cast

from analysis.adjustments import Adjustment
from stocks.models import IntradayPrice, Stock
from stocks.schedule import MARKET_TZ, calendar, session_open
from stocks.selectors.adjusted import (
    ChartEvent,
    StoredEvents,
    adjusted_bars_get,
    chart_events,
    chart_get,
    corporate_actions_get,
)
from stocks.selectors.prices import BarRow, Interval, Provenance, StockVersion, Window, WindowedSeries

INTRADAY_PERIODS: dict[str, int] = {"1d": 1, "5d": 5}  # sessions shown
INTRADAY_INTERVAL = "5min"
MARKET_TIMEZONE = "America/New_York"
# One intraday bar as read: (start time in New York time, open, high, low, close, volume).
IntradayRow = tuple[dt.datetime, float, float, float, float, int]
Fallback = Literal["no_intraday_bars"]

_COLUMNS = (
    "time",
    Cast("open_price", FloatField()),
    Cast("high_price", FloatField()),
    Cast("low_price", FloatField()),
    Cast("close_price", FloatField()),
    "volume",
)


@dataclass(frozen=True, slots=True)
class IntradayChart(WindowedSeries):
    """A 1D or 5D chart: 5-minute bars (`interval` "5min"), or the daily ones with `fallback` saying why."""

    symbol: str
    chart_type: Interval  # the `type` asked for; intraday bars do not depend on it
    interval: str  # "5min", or the daily/weekly interval of a fallback
    adjustment: Adjustment
    window: Window
    provenance: Provenance
    bars: Sequence[IntradayRow] | Sequence[BarRow]
    events: Sequence[ChartEvent]
    fallback: Fallback | None
    timezone: str = MARKET_TIMEZONE

    @property
    def count(self) -> int:
        return len(self.bars)


def intraday_version_get(*, symbol: str) -> int:
    """The stock's intraday version: intraday chart caches key on it besides the data version."""
    return Stock.objects.filter(symbol=symbol).values_list("intraday_version", flat=True).first() or 0


def _sessions_start(newest: dt.datetime, sessions: int) -> dt.datetime:
    """The open of the session `sessions - 1` sessions before the one `newest` falls in."""
    day = newest.astimezone(MARKET_TZ).date()
    import pandas as pd

    oldest = calendar().sessions_window(pd.Timestamp(day), -sessions)[0].date()
    return session_open(oldest)


def _factors(
    symbol: str, days: Sequence[dt.date], adjustment: Adjustment, events: StoredEvents
) -> dict[dt.date, tuple[float, float]]:
    """Per session day, the (price, volume) factors the daily bars of that day carry under `adjustment`.

    The daily adjustment is the one source of truth: a day's intraday bars are scaled like its daily bar. A day not
    yet stored as a daily bar (today) takes the factors of the first stored day after it, else none: no event can
    come after the newest bar.
    """
    first = days[0]
    later = [e.ex_date for e in events.splits if e.ex_date > first]
    later += [e.ex_date for e in events.dividends if e.ex_date > first]
    if adjustment == "raw" or not later:
        return {}
    raw = adjusted_bars_get(symbol=symbol, adjustment="raw", start=first)
    adjusted = adjusted_bars_get(symbol=symbol, adjustment=adjustment, start=first, events=events)
    daily: list[tuple[dt.date, float, float]] = []
    for i, day in enumerate(raw.dates):
        price = adjusted.bars.close[i] / raw.bars.close[i]
        volume = adjusted.bars.volume[i] / raw.bars.volume[i] if raw.bars.volume[i] else 1.0 / price
        daily.append((day, float(price), float(volume)))
    stored = [d for d, _, _ in daily]
    out: dict[dt.date, tuple[float, float]] = {}
    for day in days:
        i = bisect.bisect_left(stored, day)
        if i < len(daily):
            out[day] = (daily[i][1], daily[i][2])
    return out


def intraday_chart_get(
    *, stock: StockVersion, interval: Interval, period: str, adjustment: Adjustment = "split"
) -> IntradayChart:
    """The last 1 or 5 sessions of stored 5-minute bars, oldest first, timed in New York time (two queries, more
    only when a split or dividend falls in the window); the daily chart of the same period when none are stored."""
    window = Window(period=period)
    queryset = IntradayPrice.objects.filter(stock_id=stock.symbol)
    newest = queryset.order_by("-time").values_list("time", "fetched_at", "source").first()
    if newest is None:
        daily = chart_get(stock=stock, interval=interval, window=window, adjustment=adjustment)
        return IntradayChart(
            symbol=stock.symbol,
            chart_type=interval,
            interval=interval,
            adjustment=adjustment,
            window=window,
            provenance=daily.provenance,
            bars=daily.bars,
            events=daily.events,
            fallback="no_intraday_bars",
        )
    start = _sessions_start(newest[0], INTRADAY_PERIODS[period])
    rows: list[IntradayRow] = [
        (time.astimezone(MARKET_TZ), o, h, lo, c, v)
        for time, o, h, lo, c, v in queryset.filter(time__gte=start).order_by("time").values_list(*_COLUMNS)
    ]
    days = sorted({row[0].date() for row in rows})
    events = corporate_actions_get(symbol=stock.symbol)
    factors = _factors(stock.symbol, days, adjustment, events)
    if factors:
        rows = [_scaled(row, *factors.get(row[0].date(), (1.0, 1.0))) for row in rows]
    return IntradayChart(
        symbol=stock.symbol,
        chart_type=interval,
        interval=INTRADAY_INTERVAL,
        adjustment=adjustment,
        window=window,
        provenance=Provenance(newest[1], newest[2]),
        bars=rows,
        events=chart_events(days, 0, events),
        fallback=None,
    )


def _scaled(row: IntradayRow, price: float, volume: float) -> IntradayRow:
    time, o, h, lo, c, v = row
    return (time, o * price, h * price, lo * price, c * price, round(v * volume))
