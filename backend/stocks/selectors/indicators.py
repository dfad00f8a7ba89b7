"""Technical indicators over the split-adjusted stored history, cut to a window, and signals on the newest bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.indicators import indicator_compute
from analysis.signals import signals_evaluate
from stocks.selectors.adjusted import adjusted_bars_get
from stocks.selectors.prices import (
    Interval,
    Provenance,
    StockVersion,
    Window,
    WindowedSeries,
    bar_provenance_get,
)

if TYPE_CHECKING:
    from analysis.indicators import FloatArray


@dataclass(frozen=True, slots=True)
class IndicatorSeries:
    """One indicator: the parameters it was computed with and each output, None during warm-up."""

    params: Mapping[str, int | float]
    outputs: Mapping[str, list[float | None]]


@dataclass(frozen=True, slots=True)
class Indicators(WindowedSeries):
    symbol: str
    interval: Interval
    window: Window
    provenance: Provenance
    dates: Sequence[dt.date]
    indicators: Mapping[str, IndicatorSeries]
    signals: Mapping[str, Any]  # analysis.signals.signals_evaluate's result

    @property
    def count(self) -> int:
        return len(self.dates)


def _nullable(values: FloatArray) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]


def indicators_get(
    *, stock: StockVersion, interval: Interval, window: Window, requested: dict[str, dict[str, float]]
) -> Indicators:
    """Indicators over the whole split-adjusted history, cut to `window`, plus signals on the newest bar.

    Split-adjusted (not raw) so that a split is no cliff in a moving average or a signal; dividends are left out,
    as chart users expect the indicator to sit on the (split-adjusted) candles they see.
    """
    series = adjusted_bars_get(symbol=stock.symbol, interval=interval, adjustment="split")
    dates, bars = series.dates, series.bars
    start = window.start_index(dates)
    indicators = {
        name: IndicatorSeries(
            params={k: int(v) if float(v).is_integer() else v for k, v in params.items()},
            outputs={
                output: _nullable(values[start:]) for output, values in indicator_compute(name, bars, params).items()
            },
        )
        for name, params in requested.items()
    }
    return Indicators(
        symbol=stock.symbol,
        interval=interval,
        window=window,
        provenance=bar_provenance_get(stock=stock, interval=interval),
        dates=dates[start:],
        indicators=indicators,
        signals=signals_evaluate(bars, [d.isoformat() for d in dates], bar_unit="d" if interval == "daily" else "w"),
    )
