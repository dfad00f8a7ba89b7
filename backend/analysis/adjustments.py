"""Split- and dividend-adjusted price series from raw bars and corporate-action events (pure numpy, no Django).

Conventions (where sources differ, this is what we follow):

- Split of ratio r (r new shares for one old; 0.1 for a 1-for-10 reverse split) on ex-date E: every price dated
  before E is divided by r and its volume multiplied by r. A bar's split factor is the product of the ratios of
  all splits dated after it, so the newest prices are never changed and the series reads in today's shares.
- Total return also folds in each cash dividend d (per share of its ex-date E): every price dated before E is
  multiplied by a dividend factor f, with `basis`
  - "ex_close" (the default): f = c_E / (c_E + d), c_E the raw close on the ex-date. This is Alpha Vantage's
    TIME_SERIES_DAILY_ADJUSTED convention: its IBM recording's `adjusted close` is reproduced to ~2e-16.
  - "previous_close": f = 1 - d / c_prev, c_prev the raw close of the last session before E (CRSP's and
    Yahoo's "usual" factor). On IBM it differs from Alpha Vantage by about 5e-5 relative per dividend.
  Both closes and the dividend are taken in the ex-date's share units (a split between them is accounted for).
  Volume is adjusted for splits only: a dividend does not change the share count.
- Closes for the dividend factor come from a `reference` series (the daily bars, so a weekly series is adjusted
  exactly as its daily bars are) where it has a bar before and one on or after the ex-date, else from the series
  being adjusted.

Written by hand: TA-Lib and the data libraries we use have no corporate-action adjustment, and pandas-based
helpers (e.g. yfinance's) work on vendor frames that already carry adjusted columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from analysis.indicators import Bars

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from analysis.indicators import FloatArray

    DayArray = npt.NDArray[np.datetime64]


Adjustment = Literal["raw", "split", "total"]
Basis = Literal["ex_close", "previous_close"]
ADJUSTMENTS: tuple[Adjustment, ...] = ("split", "total", "raw")


@dataclass(frozen=True, slots=True)
class Split:
    ex_date: dt.date
    ratio: float  # new shares per old share


@dataclass(frozen=True, slots=True)
class Dividend:
    ex_date: dt.date
    amount: float  # cash per share of the ex-date


def days(dates: Sequence[dt.date] | DayArray) -> DayArray:
    import numpy as np

    return np.asarray(dates, dtype="datetime64[D]")


@dataclass(frozen=True, slots=True)
class Closes:
    """Raw closes by date (oldest first): the reference a dividend factor is computed from."""

    dates: DayArray
    close: FloatArray

    @classmethod
    def of(cls, dates: Sequence[dt.date] | DayArray, close: FloatArray) -> Closes:
        return cls(days(dates), close)


def split_factors(dates: Sequence[dt.date] | DayArray, splits: Sequence[Split]) -> FloatArray:
    """Per bar, the product of the ratios of the splits dated after it (1.0 where none follows)."""
    import numpy as np

    when = days(dates)
    factor = np.ones(len(when), dtype=np.float64)
    for split in splits:
        factor[when < np.datetime64(split.ex_date)] *= split.ratio
    return factor


def _close_for(dividend: Dividend, reference: Closes, basis: Basis, splits: Sequence[Split]) -> float | None:
    """The raw close the factor of `dividend` uses, in the ex-date's share units; None when `reference` does not
    have a bar before the ex-date and one on or after it."""
    import numpy as np

    when = reference.dates
    ex = np.datetime64(dividend.ex_date)
    after = int(np.searchsorted(when, ex, side="left"))
    if after == 0 or after == len(when):
        return None
    if basis == "ex_close":
        return float(reference.close[after])
    previous = float(reference.close[after - 1])
    # Splits on or before the ex-date but after the previous session changed the share units in between.
    for split in splits:
        if when[after - 1] < np.datetime64(split.ex_date) <= ex:
            previous /= split.ratio
    return previous


def dividend_factors(
    dates: Sequence[dt.date] | DayArray,
    close: FloatArray,
    dividends: Sequence[Dividend],
    *,
    splits: Sequence[Split] = (),
    basis: Basis = "ex_close",
    reference: Closes | None = None,
) -> FloatArray:
    """Per bar, the product of the factors of the dividends dated after it (see the module docstring)."""
    import numpy as np

    when = days(dates)
    own = Closes(when, close)
    factor = np.ones(len(when), dtype=np.float64)
    for dividend in dividends:
        base = _close_for(dividend, reference, basis, splits) if reference is not None else None
        if base is None:
            base = _close_for(dividend, own, basis, splits)
        if base is None:
            continue  # no bar before the ex-date: nothing to adjust
        f = base / (base + dividend.amount) if basis == "ex_close" else 1.0 - dividend.amount / base
        factor[when < np.datetime64(dividend.ex_date)] *= f
    return factor


def adjusted_bars(
    dates: Sequence[dt.date] | DayArray,
    bars: Bars,
    *,
    adjustment: Adjustment,
    splits: Sequence[Split] = (),
    dividends: Sequence[Dividend] = (),
    basis: Basis = "ex_close",
    reference: Closes | None = None,
) -> Bars:
    """`bars` (raw, oldest first) adjusted for splits ("split"), also for dividends ("total"), or as they are."""
    if adjustment == "raw" or len(bars) == 0:
        return bars
    split = split_factors(dates, splits)
    if adjustment == "split":
        return Bars(bars.open / split, bars.high / split, bars.low / split, bars.close / split, bars.volume * split)
    price = dividend_factors(dates, bars.close, dividends, splits=splits, basis=basis, reference=reference) / split
    return Bars(bars.open * price, bars.high * price, bars.low * price, bars.close * price, bars.volume * split)
