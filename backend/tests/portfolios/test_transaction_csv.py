"""Parsing transaction CSV files: accepted layouts and the reason given for each bad value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from portfolios.transaction_csv import transactions_csv_parse

TODAY = dt.date(2024, 6, 1)


def test_header_case_bom_extra_columns_and_blank_fee_are_accepted() -> None:
    content = "\ufeffDate,Symbol,Type,Quantity,Price,Fee,Note\n2024-01-02, aapl ,BUY,1.5,100.25,,first\n\n".encode()
    rows, errors = transactions_csv_parse(content, today=TODAY)
    assert errors == []
    assert [(r.line, r.symbol, r.kind, r.quantity, r.price, r.fee) for r in rows] == [
        (2, "AAPL", "buy", Decimal("1.5"), Decimal("100.25"), Decimal(0))
    ]


def test_each_bad_value_gets_its_own_reason() -> None:
    content = (
        b"date,symbol,type,quantity,price,fee\n"
        b"2024-01-02,AAPL,buy,1000000000,1,0\n"
        b"2024-01-02,AAPL,buy,1.1234567890123,1,0\n"
        b"2024-01-02,AAPL,split,2,5,0\n"
        b"2024-01-02,AAPL,buy,1,1,-1\n"
        b"2024-01-02,AAPL,buy,1,1\n"
    )
    rows, errors = transactions_csv_parse(content, today=TODAY)
    assert rows == []
    assert [(e.line, e.field, e.reason) for e in errors] == [
        (2, "quantity", "is too large (the limit is 1,000,000,000)."),
        (3, "quantity", "has more than 12 decimal places."),
        (4, "price", "must be empty or 0 for a split (quantity is the ratio)."),
        (5, "fee", "must not be negative."),
        (6, "row", "has 5 fields, the header has 6."),
    ]


def test_a_split_row_takes_its_ratio_from_quantity() -> None:
    rows, errors = transactions_csv_parse(b"date,symbol,type,quantity,price\n2024-06-01,NVDA,split,10,\n", today=TODAY)
    assert errors == []
    assert (rows[0].kind, rows[0].quantity, rows[0].price) == ("split", Decimal(10), Decimal(0))
    assert rows[0].ratio == Fraction(10)


@pytest.mark.parametrize(
    ("written", "ratio"),
    [("1:3", Fraction(1, 3)), ("3-for-2", Fraction(3, 2)), ("1 for 10", Fraction(1, 10)), ("0.333333", Fraction(1, 3))],
)
def test_a_split_row_reads_its_ratio_exactly(written: str, ratio: Fraction) -> None:
    rows, errors = transactions_csv_parse(
        f"date,symbol,type,quantity,price\n2024-06-01,NVDA,split,{written},\n".encode(), today=TODAY
    )
    assert errors == []
    assert rows[0].ratio == ratio


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("0:1", "'0:1' is not a split: both sides must be positive whole numbers."),
        ("-2", "a split ratio must be greater than zero, not -2."),
        ("two", "'two' is not a ratio; write new:old shares such as 2:1 or 1:3."),
    ],
)
def test_a_bad_split_ratio_is_named(written: str, reason: str) -> None:
    rows, errors = transactions_csv_parse(
        f"date,symbol,type,quantity,price\n2024-06-01,NVDA,split,{written},\n".encode(), today=TODAY
    )
    assert rows == []
    assert [(e.line, e.field, e.reason) for e in errors] == [(2, "quantity", reason)]
