"""NYSE sessions from exchange-calendars (XNYS): the last completed session and session counts."""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from zoneinfo import ZoneInfo

import exchange_calendars as xcals

CALENDAR_START = dt.date(2000, 1, 3)
NEW_YORK = ZoneInfo("America/New_York")


@lru_cache(maxsize=1)
def nyse() -> xcals.ExchangeCalendar:
    with warnings.catch_warnings():
        # exchange-calendars 4.13 reads Series.values on tz-aware data, which pandas 3.1 deprecates; harmless here.
        warnings.filterwarnings("ignore", message="Series.values returning an ndarray")
        return xcals.get_calendar("XNYS", start=CALENDAR_START.isoformat())


def last_completed_session(now: dt.datetime | None = None) -> dt.date:
    """The most recent NYSE session whose close is in the past at `now` (default: the current time)."""
    calendar = nyse()
    now = now or dt.datetime.now(tz=dt.UTC)
    today = now.astimezone(NEW_YORK).date()
    if not calendar.is_session(today):
        return calendar.date_to_session(today, direction="previous").date()
    if now >= calendar.session_close(today).to_pydatetime():
        return today
    return calendar.previous_session(today).date()


def sessions_between(first: dt.date, last: dt.date) -> int:
    """How many NYSE sessions fall after `first` and up to `last` inclusive (0 when `last` <= `first`)."""
    if last <= first:
        return 0
    start = max(first, CALENDAR_START)
    return len(nyse().sessions_in_range(start.isoformat(), last.isoformat())) - int(nyse().is_session(start))
