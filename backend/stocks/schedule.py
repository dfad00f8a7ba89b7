"""NYSE market hours and refresh boundaries (exchange-calendars XNYS, America/New_York); pure, no Django."""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import exchange_calendars as xcals
    import pandas as pd


MARKET_TZ = ZoneInfo("America/New_York")
UTC = dt.UTC
# First session the product knows: the simulated market's history starts here, so adding a day never changes the past.
CALENDAR_START = dt.date(2000, 1, 3)
# Alpha Vantage publishes the day's bar a few minutes after the close; asking earlier returns yesterday's.
DAILY_SETTLE = dt.timedelta(minutes=20)
# Weekly bars and monthly statements are fetched early in the morning, New York time, outside trading.
OFF_HOURS_FETCH_TIME = dt.time(6, 0)
WEEKLY_FETCH_WEEKDAY = 5  # Saturday
INTRADAY_BAR = dt.timedelta(minutes=5)
INTRADAY_FREQ = "5min"  # INTRADAY_BAR as a pandas frequency


class Dataset(StrEnum):
    """What the planner refreshes; values equal stocks.models.IngestionStep values."""

    QUOTE = "quote"
    OVERVIEW = "overview"
    DAILY = "daily"
    WEEKLY = "weekly"
    FINANCIALS = "financials"
    CORPORATE_ACTIONS = "corporate_actions"  # splits and dividends
    INTRADAY = "intraday"  # 5-minute bars, only for symbols someone holds, watches or is viewing


@dataclass(frozen=True, slots=True)
class MarketState:
    is_open: bool
    next_open: dt.datetime
    next_close: dt.datetime


@lru_cache(maxsize=1)
def calendar() -> xcals.ExchangeCalendar:
    """The NYSE calendar from CALENDAR_START to three years ahead (built once per process)."""
    import exchange_calendars as xcals
    import pandas as pd

    with warnings.catch_warnings():
        # exchange-calendars 4.13 reads Series.values on tz-aware data, which pandas 3.1 deprecates; harmless here.
        warnings.filterwarnings("ignore", message="Series.values returning an ndarray")
        return xcals.get_calendar(
            "XNYS", start=pd.Timestamp(CALENDAR_START), end=pd.Timestamp(dt.date.today().year + 3, 1, 1)
        )


def _ts(at: dt.datetime) -> pd.Timestamp:
    import pandas as pd

    if at.tzinfo is None:
        raise ValueError("Market-hours arithmetic needs timezone-aware datetimes.")
    return pd.Timestamp(at).tz_convert("UTC").floor("min")


def _py(ts: pd.Timestamp) -> dt.datetime:
    result: dt.datetime = ts.tz_convert("UTC").to_pydatetime()
    return result


def is_market_open(at: dt.datetime) -> bool:
    """True when `at` falls in a regular NYSE session, [open, close)."""
    return bool(calendar().is_open_on_minute(_ts(at)))


def market_state(at: dt.datetime) -> MarketState:
    """Open or not at `at`, and the next open and close after it (UTC)."""
    cal = calendar()
    minute = _ts(at)
    return MarketState(
        is_open=bool(cal.is_open_on_minute(minute)),
        next_open=_py(cal.next_open(minute)),
        next_close=_py(cal.next_close(minute)),
    )


def is_session(day: dt.date) -> bool:
    import pandas as pd

    return bool(calendar().is_session(pd.Timestamp(day)))


def session_open(day: dt.date) -> dt.datetime:
    """Opening time (UTC) of the session on `day`; ValueError when the exchange is closed that day."""
    import pandas as pd

    if not is_session(day):
        raise ValueError(f"{day.isoformat()} is not an NYSE session.")
    return _py(calendar().session_open(pd.Timestamp(day)))


def session_close(day: dt.date) -> dt.datetime:
    """Closing time (UTC) of the session on `day` (13:00 New York time on half days)."""
    import pandas as pd

    if not is_session(day):
        raise ValueError(f"{day.isoformat()} is not an NYSE session.")
    return _py(calendar().session_close(pd.Timestamp(day)))


def is_half_day(day: dt.date) -> bool:
    return is_session(day) and session_close(day).astimezone(MARKET_TZ).time() < dt.time(16, 0)


def last_closed_session(at: dt.datetime) -> dt.date:
    """The most recent session whose close is at or before `at`."""
    import pandas as pd

    cal = calendar()
    close = cal.previous_close(_ts(at) + pd.Timedelta(minutes=1))
    session: pd.Timestamp = cal.minute_to_session(close - pd.Timedelta(minutes=1))
    day: dt.date = session.date()
    return day


def session_at(at: dt.datetime) -> dt.date:
    """The session in progress at `at`, else the last one closed before it."""
    cal = calendar()
    minute = _ts(at)
    if cal.is_open_on_minute(minute):
        session: pd.Timestamp = cal.minute_to_session(minute)
        day: dt.date = session.date()
        return day
    return last_closed_session(at)


def previous_session(day: dt.date) -> dt.date | None:
    """The last session strictly before `day` (weekends and holidays skipped); None before the calendar starts."""
    import pandas as pd

    if day <= CALENDAR_START:
        return None
    session: pd.Timestamp = calendar().date_to_session(pd.Timestamp(day - dt.timedelta(days=1)), direction="previous")
    result: dt.date = session.date()
    return result


def sessions_between(first: dt.date, last: dt.date) -> int:
    """How many sessions fall after `first` and up to `last` inclusive (0 when `last` <= `first`)."""
    if last <= first:
        return 0
    start = max(first, CALENDAR_START)
    cal = calendar()
    return len(cal.sessions_in_range(start.isoformat(), last.isoformat())) - int(cal.is_session(start))


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=MARKET_TZ).astimezone(UTC)


def fresh_since(dataset: Dataset, at: dt.datetime) -> dt.datetime:
    """Data of `dataset` fetched before the returned instant is stale at `at` (the last boundary at or before it).

    Quotes: the start of the current minute while the market is open, else the last close (one final quote per
    session). Intraday bars: the start of the current 5-minute bar while open, else the last close. Daily bars: the
    last close plus the settle delay. Weekly bars: Saturday 06:00 New York time. Overview, statements, splits and
    dividends: the first of the month, 06:00 New York time.
    """
    if dataset is Dataset.QUOTE:
        if is_market_open(at):
            return _py(_ts(at))
        return session_close(last_closed_session(at))
    if dataset is Dataset.INTRADAY:
        if is_market_open(at):
            return _py(_ts(at).floor(INTRADAY_FREQ))
        return session_close(last_closed_session(at))
    if dataset is Dataset.DAILY:
        boundary_session = last_closed_session(at - DAILY_SETTLE)
        return session_close(boundary_session) + DAILY_SETTLE
    local_day = at.astimezone(MARKET_TZ).date()
    if dataset is Dataset.WEEKLY:
        saturday = local_day - dt.timedelta(days=(local_day.weekday() - WEEKLY_FETCH_WEEKDAY) % 7)
        boundary = _local(saturday, OFF_HOURS_FETCH_TIME)
        return boundary if boundary <= at else _local(saturday - dt.timedelta(days=7), OFF_HOURS_FETCH_TIME)
    first = local_day.replace(day=1)
    boundary = _local(first, OFF_HOURS_FETCH_TIME)
    if boundary <= at:
        return boundary
    previous_month = (first - dt.timedelta(days=1)).replace(day=1)
    return _local(previous_month, OFF_HOURS_FETCH_TIME)


def next_boundary(dataset: Dataset, at: dt.datetime) -> dt.datetime:
    """The first instant after `at` at which data of `dataset` fetched now becomes stale (the next scheduled run)."""
    import pandas as pd

    if dataset is Dataset.QUOTE:
        state = market_state(at)
        if state.is_open:
            return _py(_ts(at) + pd.Timedelta(minutes=1))
        return state.next_open
    if dataset is Dataset.INTRADAY:
        state = market_state(at)
        if state.is_open:
            return min(_py(_ts(at).floor(INTRADAY_FREQ) + INTRADAY_BAR), state.next_close)
        return _py(pd.Timestamp(state.next_open) + INTRADAY_BAR)  # when the session's first bar is complete
    if dataset is Dataset.DAILY:
        cal = calendar()
        close = cal.next_close(_ts(at - DAILY_SETTLE))
        return _py(close) + DAILY_SETTLE
    local_day = at.astimezone(MARKET_TZ).date()
    if dataset is Dataset.WEEKLY:
        saturday = local_day + dt.timedelta(days=(WEEKLY_FETCH_WEEKDAY - local_day.weekday()) % 7)
        boundary = _local(saturday, OFF_HOURS_FETCH_TIME)
        return boundary if boundary > at else _local(saturday + dt.timedelta(days=7), OFF_HOURS_FETCH_TIME)
    first = local_day.replace(day=1)
    boundary = _local(first, OFF_HOURS_FETCH_TIME)
    if boundary > at:
        return boundary
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return _local(next_month, OFF_HOURS_FETCH_TIME)


def market_minutes_left(at: dt.datetime) -> int:
    """Whole minutes of trading left in today's session at `at` (0 when the market is closed)."""
    import pandas as pd

    cal = calendar()
    minute = _ts(at)
    if not cal.is_open_on_minute(minute):
        return 0
    close = cal.next_close(minute)
    return int((close - minute) / pd.Timedelta(minutes=1))
