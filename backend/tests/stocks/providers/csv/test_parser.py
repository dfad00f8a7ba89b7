"""Price CSV parsing: both layouts, any row order, bad rows by line number, non-price files refused whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stocks.providers.csv.parser import NotAPriceFileError, parse_price_csv
from tests.stocks.providers.alphavantage.conftest import recording_text

TODAY = dt.date(2026, 11, 27)


def test_alpha_vantage_layout_recording() -> None:
    parsed = parse_price_csv(
        recording_text("TIME_SERIES_DAILY_CSV/portfoliotree-alphavantage__daily_AMJ.csv"), today=TODAY
    )
    assert parsed.layout == "alphavantage"
    assert parsed.rejected == []
    assert len(parsed.bars) == 100
    assert parsed.bars[-1].date == dt.date(2020, 8, 21)
    assert parsed.bars[-1].close == Decimal("13.2500")
    assert parsed.bars[0].date < parsed.bars[-1].date


YAHOO = """Date,Open,High,Low,Close,Adj Close,Volume
2024-01-03,184.220001,185.880005,183.429993,184.250000,183.3,58414500
2024-01-02,187.149994,188.440002,183.889999,185.639999,184.7,82488700
2024-01-04,null,null,null,null,null,null
2024-01-05,181.990005,182.759995,180.169998,181.179993,180.2,62303300
2024-01-05,181.990005,182.759995,180.169998,181.179993,180.2,62303300
2024-01-08,182.089996,185.600006,181.500000,185.559998
"""


def test_yahoo_layout_any_order_with_bad_rows_reported_by_line() -> None:
    parsed = parse_price_csv(YAHOO, today=TODAY, name="AAPL.csv")
    assert parsed.layout == "yahoo"
    assert [b.date for b in parsed.bars] == [dt.date(2024, 1, 2), dt.date(2024, 1, 3), dt.date(2024, 1, 5)]
    assert parsed.bars[0].open == Decimal("187.1500")  # rounded to the stored 4 places
    assert [(r.where, r.reason.split(" ")[0]) for r in parsed.rejected] == [
        ("line 4", "open"),
        ("line 6", "duplicate"),
        ("line 7", "has"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,email\nann,a@example.com\n", "not a price file"),
        ('{"Error Message": "Invalid API call."}', "JSON"),
        ("timestamp,open,high,low,close\n2024-01-02,1,2,0.5,1\n", "not a price file"),
    ],
)
def test_files_that_are_not_price_files_are_refused_whole(text: str, message: str) -> None:
    with pytest.raises(NotAPriceFileError, match=message):
        parse_price_csv(text, today=TODAY)


@settings(max_examples=200, deadline=None)
@given(
    body=st.lists(
        st.lists(
            st.text(
                alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters='\n\r",\x00'), max_size=10
            ),
            min_size=0,
            max_size=8,
        ),
        max_size=10,
    ),
    header=st.sampled_from(
        ["timestamp,open,high,low,close,volume", "Date,Open,High,Low,Close,Adj Close,Volume", "garbage", ""]
    ),
)
def test_garbage_files_give_a_clear_error_or_rows_each_kept_or_rejected(body: list[list[str]], header: str) -> None:
    text = header + "\n" + "\n".join(",".join(row) for row in body)
    try:
        parsed = parse_price_csv(text, today=TODAY)
    except NotAPriceFileError as exc:
        message = str(exc)
        assert "price file" in message or "empty" in message or "CSV" in message
        return
    assert all(r.where.startswith("line ") and r.reason for r in parsed.rejected)
    assert len(parsed.bars) + len(parsed.rejected) <= len(body)
