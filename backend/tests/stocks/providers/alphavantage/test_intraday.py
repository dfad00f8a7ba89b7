"""TIME_SERIES_INTRADAY (5min): recorded answers -> regular-session bars timed by their start; bad answers refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from stocks.providers.alphavantage import processor
from stocks.providers.errors import ProviderSchemaError
from tests.stocks.providers.alphavantage.conftest import recording_json, recording_text

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
CSV_2026 = "TIME_SERIES_INTRADAY/portfoliotree-alphavantage__TIME_SERIES_INTRADAY_3dbdcdc7.csv"
CSV_2020 = "TIME_SERIES_INTRADAY/portfoliotree-alphavantage__intraday_5min_IBM.csv"
FULL_2022 = "TIME_SERIES_INTRADAY/xrgarcia-alphavantage_api_client__mock_stock_price_full.json"
HEADER = "timestamp,open,high,low,close,volume\n"


def utc(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def test_a_whole_recorded_session_gives_the_78_regular_bars_timed_by_their_start() -> None:
    series = processor.intraday_series_from_csv(recording_text(CSV_2020), "IBM", now=NOW)
    assert series.rejected == []
    assert len(series.bars) == 78  # 09:30-16:00 New York; pre- and after-market rows left out
    first, last = series.bars[0], series.bars[-1]
    # The row labelled 09:35 (end of the bar) holds the opening volume: it is the 09:30 bar (13:30 UTC in August).
    assert first.time == utc(2020, 8, 21, 13, 30)
    assert (first.open, first.high, first.low, first.close, first.volume) == (
        Decimal("123.0100"),
        Decimal("123.1500"),
        Decimal("122.5100"),
        Decimal("123.1000"),
        419585,
    )
    # The row labelled 16:00 holds the closing cross: the 15:55 bar, the last of the session.
    assert last.time == utc(2020, 8, 21, 19, 55)
    assert (last.close, last.volume) == (Decimal("123.1900"), 264258)
    assert all(b.time - a.time == dt.timedelta(minutes=5) for a, b in zip(series.bars, series.bars[1:], strict=False))


def test_the_freshest_recording_keeps_its_regular_hours_only() -> None:
    series = processor.intraday_series_from_csv(recording_text(CSV_2026), "IBM", now=NOW)
    assert len(series.bars) == 53  # 11:35 to 15:55 New York; the 16:05-19:55 rows are after-hours
    assert series.bars[0].time == utc(2026, 5, 15, 15, 35)
    assert series.bars[-1].time == utc(2026, 5, 15, 19, 55)
    assert series.bars[-1].high == Decimal("220.0000")


def test_a_month_of_json_bars_has_78_bars_on_each_of_its_20_sessions() -> None:
    series = processor.intraday_series_from_json(recording_json(FULL_2022), "IBM", now=NOW)
    days: dict[dt.date, int] = {}
    for bar in series.bars:
        days[bar.time.date()] = days.get(bar.time.date(), 0) + 1
    assert len(days) == 20
    assert set(days.values()) == {78}
    june_8 = [b for b in series.bars if b.time.date() == dt.date(2022, 6, 8)]
    assert june_8[0].time == utc(2022, 6, 8, 13, 30)
    # The row labelled 09:35 (122,462 shares), not the pre-market one labelled 09:30 (510 shares).
    assert (june_8[0].open, june_8[0].close, june_8[0].volume) == (Decimal("142.0700"), Decimal("141.7400"), 122462)
    assert june_8[-1].close == Decimal("140.7800")


def test_json_with_another_interval_is_refused_whole() -> None:
    with pytest.raises(ProviderSchemaError, match="'1min' bars, expected 5min"):
        processor.intraday_series_from_json(
            recording_json("TIME_SERIES_INTRADAY/zackurben-alphavantage__intraday.json"), "MSFT", now=NOW
        )


def test_json_in_another_time_zone_is_refused_whole() -> None:
    payload = recording_json("TIME_SERIES_INTRADAY/crazzyghost-alphavantage-java__intraday.json")
    payload["Meta Data"]["6. Time Zone"] = "UTC"
    with pytest.raises(ProviderSchemaError, match="time zone 'utc'"):
        processor.intraday_series_from_json(payload, "IBM", now=NOW)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "empty intraday answer"),
        (HEADER + "2020-08-21 10:00:00,1,1,1,1", "truncated"),
        ("timestamp,price\n2020-08-21 10:00:00,1\n", "not an intraday CSV"),
        (HEADER + "2020-08-21 10:00:00,1,1,1\n", "line 2 has 4 columns, the header 6"),
    ],
)
def test_a_broken_csv_answer_is_a_clear_schema_error(body: str, message: str) -> None:
    with pytest.raises(ProviderSchemaError, match=message):
        processor.intraday_series_from_csv(body, "IBM", now=NOW)


def test_bad_rows_are_refused_with_their_line_and_reason() -> None:
    body = HEADER + (
        "2020-08-21 10:00:00,123.1,123.2,123.0,123.1,100\n"
        "2020-08-21 10:02:00,123.1,123.2,123.0,123.1,100\n"
        "2020-08-22 10:00:00,123.1,123.2,123.0,123.1,100\n"
        "2020-08-21 10:05:00,123.1,123.0,123.2,123.1,100\n"
        "yesterday,123.1,123.2,123.0,123.1,100\n"
        "2027-01-05 10:00:00,123.1,123.2,123.0,123.1,100\n"
        "2020-08-21 10:00:00,124.1,124.2,124.0,124.1,100\n"
    )
    series = processor.intraday_series_from_csv(body, "IBM", now=NOW)
    assert [b.time for b in series.bars] == [utc(2020, 8, 21, 13, 55)]
    assert [(r.where, r.reason) for r in series.rejected] == [
        ("line 3", "time 10:02:00 is not on the 5-minute grid"),
        ("line 4", "2020-08-22 is not an NYSE session"),
        ("line 5", "low 123.2000 is above high 123.0000"),
        ("line 6", "time is missing or not YYYY-MM-DD HH:MM:SS ('yesterday')"),
        ("line 7", "time 2027-01-05 10:00 is in the future"),
        ("line 8", "duplicate time 2020-08-21 10:00 (first at line 2)"),
    ]
