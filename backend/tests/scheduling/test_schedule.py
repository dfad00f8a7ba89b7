"""Market-hours arithmetic: NYSE holidays, half days and daylight-saving changes, in New York time."""

from __future__ import annotations

import datetime as dt

import pytest

from stocks.schedule import (
    Dataset,
    fresh_since,
    is_half_day,
    is_market_open,
    last_closed_session,
    market_minutes_left,
    market_state,
    next_boundary,
    session_close,
    session_open,
)

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_day_after_thanksgiving_2026_closes_at_13_00_new_york() -> None:
    day = dt.date(2026, 11, 27)
    assert is_half_day(day)
    assert session_close(day) == at("2026-11-27T18:00")  # 13:00 EST
    assert is_market_open(at("2026-11-27T17:59"))
    assert not is_market_open(at("2026-11-27T18:00"))
    assert not is_market_open(at("2026-11-27T19:30"))  # 14:30 EST would be open on a normal day


def test_thanksgiving_and_christmas_are_holidays() -> None:
    assert not is_market_open(at("2026-11-26T16:00"))  # Thanksgiving, 11:00 EST
    assert not is_market_open(at("2026-12-25T16:00"))
    assert not is_market_open(at("2026-07-03T15:00"))  # Independence Day observed (July 4 is a Saturday)
    with pytest.raises(ValueError, match="not an NYSE session"):
        session_close(dt.date(2026, 11, 26))


def test_christmas_eve_is_a_half_day_and_a_normal_day_is_not() -> None:
    assert is_half_day(dt.date(2026, 12, 24))
    assert not is_half_day(dt.date(2026, 11, 25))
    assert session_close(dt.date(2026, 11, 25)) == at("2026-11-25T21:00")


@pytest.mark.parametrize(
    ("day", "open_utc", "close_utc"),
    [
        (dt.date(2026, 3, 6), "2026-03-06T14:30", "2026-03-06T21:00"),  # Friday before DST starts (EST)
        (dt.date(2026, 3, 9), "2026-03-09T13:30", "2026-03-09T20:00"),  # Monday after DST starts (EDT)
        (dt.date(2026, 10, 30), "2026-10-30T13:30", "2026-10-30T20:00"),  # Friday before DST ends (EDT)
        (dt.date(2026, 11, 2), "2026-11-02T14:30", "2026-11-02T21:00"),  # Monday after DST ends (EST)
    ],
)
def test_session_is_0930_to_1600_new_york_on_both_sides_of_dst(day: dt.date, open_utc: str, close_utc: str) -> None:
    assert session_open(day) == at(open_utc)
    assert session_close(day) == at(close_utc)


def test_same_utc_minute_is_open_after_dst_start_and_closed_before() -> None:
    assert not is_market_open(at("2026-03-06T13:45"))  # 08:45 EST
    assert is_market_open(at("2026-03-09T13:45"))  # 09:45 EDT


def test_market_state_over_the_thanksgiving_weekend() -> None:
    state = market_state(at("2026-11-26T15:00"))
    assert not state.is_open
    assert state.next_open == at("2026-11-27T14:30")
    assert state.next_close == at("2026-11-27T18:00")
    weekend = market_state(at("2026-11-28T12:00"))
    assert weekend.next_open == at("2026-11-30T14:30")


def test_minutes_left_counts_down_to_the_early_close() -> None:
    assert market_minutes_left(at("2026-11-27T17:00")) == 60
    assert market_minutes_left(at("2026-11-27T18:30")) == 0


def test_last_closed_session_skips_the_holiday_and_waits_for_the_close() -> None:
    assert last_closed_session(at("2026-11-26T20:00")) == dt.date(2026, 11, 25)
    assert last_closed_session(at("2026-11-27T17:59")) == dt.date(2026, 11, 25)
    assert last_closed_session(at("2026-11-27T18:00")) == dt.date(2026, 11, 27)
    assert last_closed_session(at("2026-11-29T12:00")) == dt.date(2026, 11, 27)


def test_quotes_refresh_every_minute_while_open_and_once_after_the_close() -> None:
    assert fresh_since(Dataset.QUOTE, at("2026-11-25T15:07:42")) == at("2026-11-25T15:07")
    assert next_boundary(Dataset.QUOTE, at("2026-11-25T15:07:42")) == at("2026-11-25T15:08")
    # After the early close the last close is the boundary and the next one is Monday's open.
    assert fresh_since(Dataset.QUOTE, at("2026-11-27T20:00")) == at("2026-11-27T18:00")
    assert next_boundary(Dataset.QUOTE, at("2026-11-27T20:00")) == at("2026-11-30T14:30")


def test_daily_bars_are_due_after_the_close_plus_settle_time() -> None:
    # 13:10 EST on the half day: the session closed but the bar is not published yet.
    assert fresh_since(Dataset.DAILY, at("2026-11-27T18:10")) == at("2026-11-25T21:20")
    assert next_boundary(Dataset.DAILY, at("2026-11-27T18:10")) == at("2026-11-27T18:20")
    assert fresh_since(Dataset.DAILY, at("2026-11-27T18:20")) == at("2026-11-27T18:20")
    assert next_boundary(Dataset.DAILY, at("2026-11-27T18:20")) == at("2026-11-30T21:20")


def test_weekly_bars_are_due_saturday_morning_new_york_time_across_dst() -> None:
    assert fresh_since(Dataset.WEEKLY, at("2026-03-07T10:59")) == at("2026-02-28T11:00")  # before 06:00 EST
    assert fresh_since(Dataset.WEEKLY, at("2026-03-07T11:00")) == at("2026-03-07T11:00")
    assert next_boundary(Dataset.WEEKLY, at("2026-03-07T11:00")) == at("2026-03-14T10:00")  # 06:00 EDT


def test_statements_and_overview_are_due_monthly() -> None:
    # DST ended at 02:00 on 2026-11-01, so 06:00 that morning is already EST.
    assert fresh_since(Dataset.FINANCIALS, at("2026-11-27T18:00")) == at("2026-11-01T11:00")
    assert fresh_since(Dataset.FINANCIALS, at("2026-10-15T12:00")) == at("2026-10-01T10:00")  # 06:00 EDT
    assert next_boundary(Dataset.FINANCIALS, at("2026-11-27T18:00")) == at("2026-12-01T11:00")  # 06:00 EST
    assert fresh_since(Dataset.OVERVIEW, at("2026-12-01T10:59")) == at("2026-11-01T11:00")
    assert next_boundary(Dataset.OVERVIEW, at("2026-12-31T23:00")) == at("2027-01-01T11:00")


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_market_open(dt.datetime(2026, 11, 27, 12, 0))
