"""Adjusted price bars: stored raw bars with the stock's stored splits and dividends applied (analysis.adjustments).

Charts default to split-adjusted bars, indicators and signals use them, risk metrics and models use total-return
adjusted closes; holdings keep valuing raw prices (portfolios), so they never read from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from analysis.adjustments import Adjustment, Closes, Dividend, Split, adjusted_bars
from analysis.indicators import Bars
from stocks.models import CorporateAction, CorporateActionKind
from stocks.selectors.prices import (
    BarRow,
    Interval,
    Provenance,
    StockVersion,
    Window,
    WindowedSeries,
    bar_provenance_get,
    bar_rows_get,
)

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class AdjustedBars:
    """Bars oldest first, as float arrays, with the adjustment applied."""

    symbol: str
    interval: Interval
    adjustment: Adjustment
    dates: list[dt.date]
    bars: Bars

    def rows(self) -> list[BarRow]:
        """(date, open, high, low, close, volume) rows as charts take them; volume rounded to whole shares."""
        import numpy as np

        volume = np.rint(self.bars.volume).astype(np.int64).tolist()
        return list(
            zip(
                self.dates,
                self.bars.open.tolist(),
                self.bars.high.tolist(),
                self.bars.low.tolist(),
                self.bars.close.tolist(),
                volume,
                strict=True,
            )
        )


@dataclass(frozen=True, slots=True)
class StoredEvents:
    splits: list[Split]
    dividends: list[Dividend]


def corporate_actions_get(*, symbol: str) -> StoredEvents:
    """The stock's stored splits and dividends, oldest first (one query)."""
    splits: list[Split] = []
    dividends: list[Dividend] = []
    rows = CorporateAction.objects.filter(stock_id=symbol).order_by("ex_date", "kind")
    for kind, ex_date, ratio, amount in rows.values_list("kind", "ex_date", "ratio", "amount"):
        if kind == CorporateActionKind.SPLIT and ratio is not None:
            splits.append(Split(ex_date, float(ratio)))
        elif kind == CorporateActionKind.DIVIDEND and amount is not None:
            dividends.append(Dividend(ex_date, float(amount)))
    return StoredEvents(splits, dividends)


def _bars_of(rows: Sequence[BarRow]) -> Bars:
    import numpy as np

    if not rows:
        return Bars(*(np.empty(0, dtype=np.float64) for _ in range(5)))
    columns = list(zip(*rows, strict=True))
    return Bars(*(np.asarray(columns[i], dtype=np.float64) for i in range(1, 6)))


def adjusted_bars_get(
    *,
    symbol: str,
    interval: Interval = "daily",
    adjustment: Adjustment = "split",
    start: dt.date | None = None,
    newest: int | None = None,
    events: StoredEvents | None = None,
) -> AdjustedBars:
    """The stock's bars from `start` (or its newest `newest`, or all), adjusted; one query for the bars, one for the
    events (none when raw or when the caller passes them) and, for total-return weekly bars, one for the daily closes
    the dividend factors use.

    A window always ends at the newest bar, so every ex-date that adjusts a bar in it has its closes in it too.
    """
    import numpy as np

    rows = bar_rows_get(symbol=symbol, interval=interval, newest=newest, start=start)
    dates = [row[0] for row in rows]
    bars = _bars_of(rows)
    if adjustment == "raw" or not rows:
        return AdjustedBars(symbol, interval, adjustment, dates, bars)
    events = events if events is not None else corporate_actions_get(symbol=symbol)
    reference = None
    if adjustment == "total" and interval == "weekly" and events.dividends:
        daily = bar_rows_get(symbol=symbol, interval="daily", newest=None)
        reference = Closes.of([row[0] for row in daily], np.asarray([row[4] for row in daily], dtype=np.float64))
    adjusted = adjusted_bars(
        dates, bars, adjustment=adjustment, splits=events.splits, dividends=events.dividends, reference=reference
    )
    return AdjustedBars(symbol, interval, adjustment, dates, adjusted)


EventKind = Literal["split", "dividend"]


@dataclass(frozen=True, slots=True)
class ChartEvent:
    """A split (value: the ratio, 4.0 for 4-for-1) or a dividend (value: the cash amount per share as paid on the
    ex-date, not adjusted for later splits) dated on its ex-date."""

    date: dt.date
    kind: EventKind
    value: float

    @property
    def label(self) -> str:
        """A split as its ratio ("4:1", "1:10"), a dividend as its amount ("0.24": two to six decimals)."""
        if self.kind == "split":
            ratio = Fraction(self.value).limit_denominator(1000)
            return f"{ratio.numerator}:{ratio.denominator}"
        text = f"{self.value:.6f}".rstrip("0")
        return text if len(text.split(".")[1]) >= 2 else f"{self.value:.2f}"


def chart_events(dates: Sequence[dt.date], start: int, events: StoredEvents) -> list[ChartEvent]:
    """The events that fall on the bars `dates[start:]`, oldest first.

    An event belongs to the first bar dated on or after its ex-date (the weekly bar of its week), so it is in the
    window when its ex-date is after the bar before the window and not after the newest bar. With no bar before the
    window loaded, only events from the first bar's date on count (stored events always have a bar before them).
    """
    if start >= len(dates):
        return []
    oldest = dates[start - 1] + dt.timedelta(days=1) if start > 0 else dates[0]
    newest = dates[-1]
    found = [ChartEvent(split.ex_date, "split", split.ratio) for split in events.splits]
    found += [ChartEvent(dividend.ex_date, "dividend", dividend.amount) for dividend in events.dividends]
    return sorted((e for e in found if oldest <= e.date <= newest), key=lambda e: (e.date, e.kind != "split"))


@dataclass(frozen=True, slots=True)
class Chart(WindowedSeries):
    """Bars inside a window, oldest first, with `adjustment` applied."""

    symbol: str
    interval: Interval
    adjustment: Adjustment
    window: Window
    provenance: Provenance
    bars: Sequence[BarRow]
    events: Sequence[ChartEvent]

    @property
    def count(self) -> int:
        return len(self.bars)


def chart_get(*, stock: StockVersion, interval: Interval, window: Window, adjustment: Adjustment = "split") -> Chart:
    """Bars inside `window`, oldest first, in the shape lightweight-charts takes (split-adjusted by default), and the
    splits and dividends on them (one events query whatever the adjustment)."""
    events = corporate_actions_get(symbol=stock.symbol)
    series = adjusted_bars_get(
        symbol=stock.symbol, interval=interval, adjustment=adjustment, newest=window.max_bars(interval), events=events
    )
    rows = series.rows()
    start = window.start_index(series.dates)
    return Chart(
        symbol=stock.symbol,
        interval=interval,
        adjustment=adjustment,
        window=window,
        provenance=bar_provenance_get(stock=stock, interval=interval),
        bars=rows[start:],
        events=chart_events(series.dates, start, events),
    )
