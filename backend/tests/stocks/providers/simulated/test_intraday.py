"""Simulated 5-minute bars add up to the day's daily bar: open, high, low, close and volume, half days included."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pytest

from stocks.providers.base import IntradayBar
from stocks.providers.simulated.intraday import simulate_session
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import UNIVERSE
from stocks.schedule import MARKET_TZ, session_close, session_open

# Monday 2026-11-30 after the close: the last five sessions include the half day after Thanksgiving (Nov 27).
AFTER_CLOSE = dt.datetime(2026, 11, 30, 22, 0, tzinfo=dt.UTC)
SYMBOLS = [listing.symbol for listing in UNIVERSE]


def by_day(bars: list[IntradayBar]) -> dict[dt.date, list[IntradayBar]]:
    days: dict[dt.date, list[IntradayBar]] = defaultdict(list)
    for bar in bars:
        days[bar.time.astimezone(MARKET_TZ).date()].append(bar)
    return days


@pytest.mark.parametrize("symbol", [*SYMBOLS[:8], "SPY"])
def test_every_session_agrees_with_its_daily_bar(symbol: str) -> None:
    provider = SimulatedProvider(seed=42, clock=lambda: AFTER_CLOSE)
    daily = {bar.date: bar for bar in provider.price_series(symbol, "daily").bars}
    sessions = by_day(provider.intraday_series(symbol).bars)
    assert sorted(sessions) == [
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 27),
        dt.date(2026, 11, 30),
    ]
    for day, bars in sessions.items():
        bar = daily[day]
        assert bars[0].open == bar.open
        assert bars[-1].close == bar.close
        assert max(b.high for b in bars) == bar.high
        assert min(b.low for b in bars) == bar.low
        assert sum(b.volume for b in bars) == bar.volume
        assert all(b.low <= min(b.open, b.close) and b.high >= max(b.open, b.close) for b in bars)
        # Every 5 minutes from the open to the last bar before the close: 78 bars, 42 on the 13:00 half day.
        assert [b.time for b in bars] == [
            session_open(day) + n * dt.timedelta(minutes=5)
            for n in range(int((session_close(day) - session_open(day)) / dt.timedelta(minutes=5)))
        ]
    assert len(sessions[dt.date(2026, 11, 27)]) == 42
    assert len(sessions[dt.date(2026, 11, 30)]) == 78


def test_the_same_seed_gives_the_same_bars_and_another_seed_other_ones() -> None:
    first = SimulatedProvider(seed=42, clock=lambda: AFTER_CLOSE).intraday_series("AAPL").bars
    again = SimulatedProvider(seed=42, clock=lambda: AFTER_CLOSE).intraday_series("AAPL").bars
    other = SimulatedProvider(seed=7, clock=lambda: AFTER_CLOSE).intraday_series("AAPL").bars
    assert first == again
    assert [b.close for b in first] != [b.close for b in other]


@pytest.mark.parametrize(
    ("open_", "high", "low", "close"),
    [(100.0, 100.0, 95.0, 95.0), (50.0, 55.0, 50.0, 55.0), (20.0, 20.5, 19.5, 20.0), (10.0, 10.0, 10.0, 10.0)],
)
def test_a_day_that_opens_or_closes_at_its_extreme_still_adds_up(
    open_: float, high: float, low: float, close: float
) -> None:
    session = simulate_session(open_, high, low, close, 1_000_003, count=78, rng=np.random.default_rng(3))
    assert (session.open[0], session.close[-1], session.high.max(), session.low.min()) == (open_, close, high, low)
    assert int(session.volume.sum()) == 1_000_003
    assert (session.low <= np.minimum(session.open, session.close)).all()
    assert (session.high >= np.maximum(session.open, session.close)).all()
    # A walk, not a flat line or a single jump: no 5-minute bar moves more than half the day's range.
    assert np.abs(session.close - session.open).max() <= max(high - low, 0.0) / 2 + 1e-9
