"""The ledger replay: quantity, average cost, realised P/L, dividends and splits, checked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from portfolios.ledger import LedgerEntry, LedgerError, SplitRatioError, ledger_replay, split_ratio_parse

D = Decimal
JAN = dt.date(2024, 1, 2)


def test_average_cost_includes_fees_and_sales_realise_against_it() -> None:
    position = ledger_replay(
        [
            LedgerEntry("buy", JAN, D(10), D(100), D(5)),  # cost 1005
            LedgerEntry("buy", dt.date(2024, 2, 1), D(10), D(120)),  # cost 2205 for 20
            LedgerEntry("sell", dt.date(2024, 3, 1), D(5), D(150), D(2)),  # proceeds 748, cost out 551.25
        ]
    )
    assert position.quantity == D(15)
    assert position.average_price == D("110.25")
    assert position.cost == D("1653.75")
    assert position.realized_pl == D("196.75")
    assert position.fees == D(7)


def test_split_multiplies_shares_and_keeps_cost() -> None:
    position = ledger_replay([LedgerEntry("buy", JAN, D(10), D(400)), LedgerEntry("split", dt.date(2024, 6, 10), D(4))])
    assert position.quantity == D(40)
    assert position.cost == D(4000)
    assert position.average_price == D(100)


def test_split_applies_before_a_trade_on_its_ex_date() -> None:
    position = ledger_replay(
        [
            LedgerEntry("buy", JAN, D(10), D(400)),
            LedgerEntry("sell", dt.date(2024, 6, 10), D(40), D(110)),  # listed first, still after the split
            LedgerEntry("split", dt.date(2024, 6, 10), D(4)),
        ]
    )
    assert position.quantity == 0
    assert position.realized_pl == D(400)


def test_dividends_are_income_not_cost() -> None:
    position = ledger_replay([LedgerEntry("buy", JAN, D(10), D(50)), LedgerEntry("dividend", JAN, D(10), D("0.24"))])
    assert position.dividends == D("2.40")
    assert position.average_price == D(50)


def test_selling_more_than_held_on_that_date_names_the_entry() -> None:
    sell = LedgerEntry("sell", dt.date(2024, 1, 5), D(11), D(100), ref="line 3")
    with pytest.raises(LedgerError) as caught:
        ledger_replay(
            [LedgerEntry("buy", JAN, D(10), D(100)), sell, LedgerEntry("buy", dt.date(2024, 2, 1), D(5), D(1))]
        )
    assert caught.value.entry is sell
    assert "exceeds the 10 held" in str(caught.value)


def test_a_one_for_three_split_keeps_the_average_price_exact() -> None:
    """20 shares at 50, then 1-for-3: 6.666666666667 shares at 150 (a 0.333333 ratio gave 150.00015)."""
    position = ledger_replay(
        [LedgerEntry("buy", JAN, D(20), D(50)), LedgerEntry("split", dt.date(2024, 6, 10), D(0), ratio=Fraction(1, 3))]
    )
    assert position.quantity == D("6.666666666667")
    assert abs(position.average_price - D(150)) < D("1e-9")


def test_splits_that_undo_each_other_restore_the_quantity_exactly() -> None:
    entries = [LedgerEntry("buy", JAN, D(3), D(90))]
    entries += [LedgerEntry("split", dt.date(2024, 2, 1), D(0), ratio=Fraction(1, 3))]
    entries += [LedgerEntry("split", dt.date(2024, 3, 1), D(0), ratio=Fraction(3, 1))]
    entries += [LedgerEntry("split", dt.date(2024, 4, 1), D(0), ratio=Fraction(3, 2))]
    position = ledger_replay(entries)
    assert position.quantity == D("4.5")
    assert position.average_price == D(60)


@pytest.mark.parametrize(
    ("written", "ratio"),
    [
        ("2:1", Fraction(2)),
        ("1:3", Fraction(1, 3)),
        ("3-for-2", Fraction(3, 2)),
        ("1/10", Fraction(1, 10)),
        ("0.333333", Fraction(1, 3)),  # a rounded ratio means the whole-number one
        ("0.3333", Fraction(1, 3)),
        ("1.5", Fraction(3, 2)),
        ("1.0001", Fraction(10001, 10000)),  # nothing this close with a small denominator: taken exactly
    ],
)
def test_split_ratios_are_read_exactly(written: str, ratio: Fraction) -> None:
    assert split_ratio_parse(written) == ratio


@pytest.mark.parametrize("written", ["0", "-1", "0:2", "2:0", "abc", "NaN", "1e400000"])
def test_a_split_ratio_that_is_not_positive_or_not_a_number_is_refused(written: str) -> None:
    with pytest.raises(SplitRatioError):
        split_ratio_parse(written)
