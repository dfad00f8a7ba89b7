"""Adjusted series against an outside oracle: Alpha Vantage's own adjusted IBM recordings, from the raw columns."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pytest

from analysis.adjustments import Basis, Closes, Dividend, Split, adjusted_bars, dividend_factors, split_factors
from analysis.indicators import Bars
from tests.stocks.providers.alphavantage.conftest import recording_text

DAILY_ADJUSTED = "TIME_SERIES_DAILY_ADJUSTED/portfoliotree-alphavantage__TIME_SERIES_DAILY_ADJUSTED_572d0539.csv"
WEEKLY_ADJUSTED = "TIME_SERIES_WEEKLY_ADJUSTED/portfoliotree-alphavantage__TIME_SERIES_WEEKLY_ADJUSTED_9cd0a0b1.csv"


def rows_of(path: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(recording_text(path))))
    rows.reverse()  # Alpha Vantage sends newest first
    return rows


def column(rows: list[dict[str, str]], name: str) -> np.ndarray:
    return np.array([float(row[name]) for row in rows])


def bars_of(rows: list[dict[str, str]]) -> Bars:
    return Bars(*(column(rows, name) for name in ("open", "high", "low", "close", "volume")))


def dates_of(rows: list[dict[str, str]]) -> list[dt.date]:
    return [dt.date.fromisoformat(row["timestamp"]) for row in rows]


def ibm_daily() -> tuple[list[dt.date], Bars, list[Split], list[Dividend], np.ndarray]:
    """IBM's raw daily bars, the events of the recording's own columns, and its `adjusted close`."""
    rows = rows_of(DAILY_ADJUSTED)
    dates = dates_of(rows)
    dividends = [Dividend(d, float(r["dividend_amount"])) for d, r in zip(dates, rows, strict=True)]
    splits = [Split(d, float(r["split_coefficient"])) for d, r in zip(dates, rows, strict=True)]
    return (
        dates,
        bars_of(rows),
        [s for s in splits if s.ratio != 1.0],
        [d for d in dividends if d.amount > 0],
        column(rows, "adjusted_close"),
    )


def max_relative_error(ours: np.ndarray, theirs: np.ndarray) -> float:
    return float(np.max(np.abs(ours - theirs) / theirs))


def test_ibm_daily_adjusted_close_is_reproduced_from_raw_bars_and_events() -> None:
    dates, bars, splits, dividends, adjusted_close = ibm_daily()
    assert [d.ex_date for d in dividends] == [dt.date(2026, 2, 10), dt.date(2026, 5, 8)]  # the oracle is not trivial
    assert max_relative_error(bars.close, adjusted_close) > 1e-2
    total = adjusted_bars(dates, bars, adjustment="total", splits=splits, dividends=dividends)
    assert max_relative_error(total.close, adjusted_close) < 1e-12  # measured: 2.4e-16
    # Volume is not changed by dividends, and prices on and after the last ex-date are the raw ones.
    assert np.array_equal(total.volume, bars.volume)
    assert np.array_equal(total.close[-5:], bars.close[-5:])


def test_the_previous_close_convention_differs_from_alpha_vantage_by_about_5e_5() -> None:
    dates, bars, splits, dividends, adjusted_close = ibm_daily()
    basis: Basis = "previous_close"
    total = adjusted_bars(dates, bars, adjustment="total", splits=splits, dividends=dividends, basis=basis)
    assert 1e-5 < max_relative_error(total.close, adjusted_close) < 1e-4  # measured: 5.2e-5


def test_ibm_weekly_adjusted_close_is_reproduced_where_the_daily_bars_give_the_ex_date_closes() -> None:
    weekly_rows = rows_of(WEEKLY_ADJUSTED)
    weekly_dates = dates_of(weekly_rows)
    daily_dates, daily_bars, splits, dividends, _ = ibm_daily()
    weekly = bars_of(weekly_rows)
    total = adjusted_bars(
        weekly_dates,
        weekly,
        adjustment="total",
        splits=splits,
        dividends=dividends,
        reference=Closes.of(daily_dates, daily_bars.close),
    )
    covered = np.array([d >= daily_dates[0] for d in weekly_dates])
    assert covered.sum() >= 20
    expected = column(weekly_rows, "adjusted close")
    # The weekly recording rounds to four decimals: 5e-5 on prices near 220 is 2.3e-7 relative (measured: 1.9e-7).
    assert max_relative_error(total.close[covered], expected[covered]) < 1e-6


def test_split_adjustment_divides_earlier_prices_and_multiplies_their_volume() -> None:
    dates = [dt.date(2020, 8, 27), dt.date(2020, 8, 28), dt.date(2020, 8, 31), dt.date(2020, 9, 1)]
    close = np.array([500.0, 499.0, 129.0, 134.0])
    bars = Bars(close, close * 1.01, close * 0.99, close, np.array([10.0, 20.0, 80.0, 90.0]))
    splits = [Split(dt.date(2020, 8, 31), 4.0), Split(dt.date(2020, 8, 28), 0.5)]  # 4-for-1, then 1-for-2
    adjusted = adjusted_bars(dates, bars, adjustment="split", splits=splits)
    assert adjusted.close.tolist() == [250.0, 124.75, 129.0, 134.0]
    assert adjusted.volume.tolist() == [20.0, 80.0, 80.0, 90.0]
    assert adjusted.high.tolist() == pytest.approx((close * 1.01 / split_factors(dates, splits)).tolist())
    assert adjusted_bars(dates, bars, adjustment="raw", splits=splits) is bars


def test_dividend_factor_conventions_on_a_dividend_and_a_split_the_same_day() -> None:
    dates = [dt.date(2024, 1, 2), dt.date(2024, 1, 3)]
    close = np.array([200.0, 99.0])  # 2-for-1 split and a 1.00 dividend (per new share) on 2024-01-03
    splits = [Split(dt.date(2024, 1, 3), 2.0)]
    dividends = [Dividend(dt.date(2024, 1, 3), 1.0)]
    previous = dividend_factors(dates, close, dividends, splits=splits, basis="previous_close")
    ex_close = dividend_factors(dates, close, dividends, splits=splits, basis="ex_close")
    assert previous.tolist() == [1 - 1.0 / 100.0, 1.0]  # previous close in the ex-date's shares: 200 / 2
    assert ex_close.tolist() == [99.0 / 100.0, 1.0]
