"""Adjusted price bars: stored raw bars with the stock's stored splits and dividends applied (analysis.adjustments).

Charts default to split-adjusted bars, indicators and signals use them, risk metrics and models use total-return
adjusted closes; holdings keep valuing raw prices (portfolios), so they never read from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
) -> AdjustedBars:
    """The stock's bars from `start` (or its newest `newest`, or all), adjusted; one query for the bars, one for the
    events (none when raw) and, for total-return weekly bars, one for the daily closes the dividend factors use.

    A window always ends at the newest bar, so every ex-date that adjusts a bar in it has its closes in it too.
    """
    rows = bar_rows_get(symbol=symbol, interval=interval, newest=newest, start=start)
    dates = [row[0] for row in rows]
    bars = _bars_of(rows)
    if adjustment == "raw" or not rows:
        return AdjustedBars(symbol, interval, adjustment, dates, bars)
    events = corporate_actions_get(symbol=symbol)
    reference = None
    if adjustment == "total" and interval == "weekly" and events.dividends:
        daily = bar_rows_get(symbol=symbol, interval="daily", newest=None)
        reference = Closes.of([row[0] for row in daily], np.asarray([row[4] for row in daily], dtype=np.float64))
    adjusted = adjusted_bars(
        dates, bars, adjustment=adjustment, splits=events.splits, dividends=events.dividends, reference=reference
    )
    return AdjustedBars(symbol, interval, adjustment, dates, adjusted)


@dataclass(frozen=True, slots=True)
class Chart(WindowedSeries):
    """Bars inside a window, oldest first, with `adjustment` applied."""

    symbol: str
    interval: Interval
    adjustment: Adjustment
    window: Window
    provenance: Provenance
    bars: Sequence[BarRow]

    @property
    def count(self) -> int:
        return len(self.bars)


def chart_get(*, stock: StockVersion, interval: Interval, window: Window, adjustment: Adjustment = "split") -> Chart:
    """Bars inside `window`, oldest first, in the shape lightweight-charts takes (split-adjusted by default)."""
    series = adjusted_bars_get(
        symbol=stock.symbol, interval=interval, adjustment=adjustment, newest=window.max_bars(interval)
    )
    rows = series.rows()
    return Chart(
        symbol=stock.symbol,
        interval=interval,
        adjustment=adjustment,
        window=window,
        provenance=bar_provenance_get(stock=stock, interval=interval),
        bars=rows[window.start_index(series.dates) :],
    )
