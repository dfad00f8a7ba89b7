"""The ledger replay: quantity, average cost, realised P/L, dividends and splits, checked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from portfolios.ledger import LedgerEntry, LedgerError, ledger_replay

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
