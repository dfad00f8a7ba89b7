"""Value parsing and bar sanity checks shared by every processor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stocks.providers.parsing import RawBar, check_bars, parse_date, parse_decimal, parse_int, parse_percent

TODAY = dt.date(2024, 6, 14)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("None", None),
        ("-", None),
        ("", None),
        ("  ", None),
        (None, None),
        ("n/a", None),
        ("abc", None),
        ("NaN", None),
        ("Infinity", None),
        ("0", Decimal(0)),
        ("0.00", Decimal("0.00")),
        ("-12.5", Decimal("-12.5")),
        ("1,234.5", Decimal("1234.5")),
        ("151880000000", Decimal("151880000000")),
        (7, Decimal(7)),
    ],
)
def test_parse_decimal(raw: object, expected: Decimal | None) -> None:
    assert parse_decimal(raw) == expected


def test_zero_stays_zero_not_null() -> None:
    assert parse_decimal("0") is not None
    assert parse_int("0") == 0


def test_percent_int_and_date() -> None:
    assert parse_percent("-0.5852%") == Decimal("-0.5852")
    assert parse_percent("None") is None
    assert parse_int("123.0") == 123
    assert parse_int("1.5") is None
    assert parse_date("2020-05-08 14:07:03") == dt.date(2020, 5, 8)
    assert parse_date("08/05/2020") is None


def bar(where: str, date: str, o: str = "10", h: str = "12", lo: str = "9", c: str = "11", v: str = "100") -> RawBar:
    return RawBar(where, date, o, h, lo, c, v)


def test_check_bars_keeps_good_rows_and_names_each_problem() -> None:
    bars, rejected = check_bars(
        [
            bar("line 2", "2024-06-13"),
            bar("line 3", "2024-06-12", lo="10.5"),  # low above open
            bar("line 4", "2024-06-11", h="10.5"),  # close above high
            bar("line 5", "2024-06-10", v="-1"),
            bar("line 6", "2024-06-20"),  # future
            bar("line 7", "2024-06-13"),  # duplicate
            bar("line 8", "2024-06-07", o="0"),
            bar("line 9", "June 6"),
            bar("line 10", "2024-06-05", c="abc"),
            bar("line 11", "2024-06-04", v="1.5"),
            bar("line 12", "2024-06-03"),
        ],
        today=TODAY,
    )
    assert [b.date for b in bars] == [dt.date(2024, 6, 3), dt.date(2024, 6, 13)]  # oldest first
    reasons = {r.where: r.reason for r in rejected}
    assert "open 10.0000 is outside" in reasons["line 3"]
    assert "close 11.0000 is outside" in reasons["line 4"]
    assert "volume" in reasons["line 5"]
    assert "future" in reasons["line 6"]
    assert reasons["line 7"] == "duplicate date 2024-06-13 (first at line 2)"
    assert "open must be positive" in reasons["line 8"]
    assert "date is missing or not YYYY-MM-DD" in reasons["line 9"]
    assert "close is missing or not a number" in reasons["line 10"]
    assert "whole number" in reasons["line 11"]


cells = st.one_of(
    st.text(max_size=8),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.integers().map(str),
)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(cells, cells, cells, cells, cells, cells), max_size=20))
def test_every_row_is_either_kept_or_rejected_never_a_crash(rows: list[tuple[str, ...]]) -> None:
    raw = [RawBar(f"line {i}", *row) for i, row in enumerate(rows, start=2)]
    bars, rejected = check_bars(raw, today=TODAY)
    assert len(bars) + len(rejected) == len(rows)
    assert all(b.low <= b.open <= b.high and b.low <= b.close <= b.high and b.volume >= 0 for b in bars)
    assert len({b.date for b in bars}) == len(bars)
