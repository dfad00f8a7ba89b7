"""The column-at-a-time bar checks give check_bar's verdict, values and message for every row, in bulk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from stocks.providers.base import PriceBar, RejectedRow
from stocks.providers.parsing import BarColumns, RawBar, bars_checked, check_bar

TODAY = dt.date(2024, 6, 14)


def row_by_row(rows: list[RawBar]) -> tuple[list[PriceBar], list[RejectedRow]]:
    """The checks one row at a time with check_bar, as ingestion did before the column checks."""
    bars: list[PriceBar] = []
    rejected: list[RejectedRow] = []
    seen: dict[dt.date, str] = {}
    for raw in rows:
        result = check_bar(raw, today=TODAY)
        if isinstance(result, RejectedRow):
            rejected.append(result)
        elif result.date in seen:
            rejected.append(RejectedRow(raw.where, f"duplicate date {result.date} (first at {seen[result.date]})"))
        else:
            seen[result.date] = raw.where
            bars.append(result)
    return sorted(bars, key=lambda bar: bar.date), rejected


def in_columns(rows: list[RawBar]) -> tuple[list[PriceBar], list[RejectedRow]]:
    bars, rejected = bars_checked(
        BarColumns(
            [r.date for r in rows],
            [r.open for r in rows],
            [r.high for r in rows],
            [r.low for r in rows],
            [r.close for r in rows],
            [r.volume for r in rows],
        ),
        where=lambda i: rows[i].where,
        today=TODAY,
    )
    return list(bars), rejected


# Mostly plain cells (the bulk path), near the edges that matter: rounding at the fifth decimal, zero, 12 integer
# digits, long volumes, dates around month ends and today; a few cells that only check_bar can judge.
prices = st.one_of(
    st.decimals(min_value=0, max_value=10**12, places=6, allow_nan=False).map(lambda d: f"{d:f}"),
    st.sampled_from(["10", "10.00005", "10.00015", "10.00025", "9.99995", "0", "0.00004", "0.00005", "999999999999"]),
    st.sampled_from(["1e2", " 10", "10.", ".5", "1,000.5", "null", "-5", "10.1234567", "\u0661\u0660", "abc", ""]),
)
volumes = st.one_of(
    st.integers(min_value=0, max_value=10**18).map(str),
    st.sampled_from(["9223372036854775807", "9223372036854775808", "1.0", "1.5", "-1", " 7", "", "1e3"]),
)
dates = st.one_of(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2024, 7, 1)).map(str),
    st.sampled_from(["2024-02-30", "2023-02-29", "2024-02-29", "0000-01-01", "2024-6-1", "2024-06-14 10:00"]),
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(dates, prices, prices, prices, prices, volumes).map(lambda r: (r[0], *sorted(r[1:5]), r[5])),
        max_size=30,
    ),
    shuffle=st.randoms(),
)
def test_same_bars_values_and_messages_as_check_bar(rows: list[tuple[str, ...]], shuffle: object) -> None:
    raw: list[RawBar] = []
    for i, (date, low, open_, close, high, volume) in enumerate(rows):
        o, c = (open_, close) if i % 2 else (close, open_)
        lo, hi = (low, high) if i % 5 else (high, low)  # some bars with low above high
        raw.append(RawBar(f"line {i + 2}", date, o, hi, lo, c, volume))
    expected = row_by_row(raw)
    got = in_columns(raw)
    assert got == expected
    assert [tuple(str(getattr(b, f)) for f in ("open", "high", "low", "close")) for b in got[0]] == [
        tuple(str(getattr(b, f)) for f in ("open", "high", "low", "close")) for b in expected[0]
    ]


def test_a_thousand_plain_rows_with_one_bad_row_and_a_repeat() -> None:
    first = dt.date(2020, 1, 1)
    rows = [
        RawBar(f"line {i + 2}", str(first + dt.timedelta(days=i)), "10.5", "11", "10", "10.75", "100")
        for i in range(1000)
    ]
    rows[500] = RawBar("line 502", rows[500].date, "10.5", "11", "10.6", "10.75", "100")
    rows.append(RawBar("line 1002", rows[3].date, "10.5", "11", "10", "10.75", "100"))
    bars, rejected = in_columns(rows)
    assert len(bars) == 999
    assert bars[0] == PriceBar(
        first, Decimal("10.5000"), Decimal("11.0000"), Decimal("10.0000"), Decimal("10.7500"), 100
    )
    assert str(bars[0].close) == "10.7500"
    assert rejected == [
        RejectedRow("line 502", "open 10.5000 is outside the bar's low-high range 10.6000-11.0000"),
        RejectedRow("line 1002", "duplicate date 2020-01-04 (first at line 5)"),
    ]
