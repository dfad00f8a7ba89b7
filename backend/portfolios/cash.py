"""The cash account of a portfolio (one per user), as pure functions over dated amounts.

Deposits, interest, dividends and sale proceeds add cash; withdrawals, fees, taxes and buys (shares x price plus
fee) take it. As in Portfolio Performance, a buy may take the balance below zero: nothing is refused and no
deposit is invented, the account simply shows negative cash (money owed, or deposits not recorded). For returns
over the whole account (shares plus cash) the external flows are deposits (in) and withdrawals (out) only; interest,
fees and taxes are part of the account's own result, and buys, sales and dividends move money inside it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from portfolios.ledger import CashFlow

CashKindName = Literal["deposit", "withdrawal", "interest", "fee", "tax"]
CASH_IN: frozenset[str] = frozenset({"deposit", "interest"})
CASH_OUT: frozenset[str] = frozenset({"withdrawal", "fee", "tax"})
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class CashEntry:
    kind: CashKindName
    date: dt.date
    amount: Decimal  # always positive; the kind says which way it goes


def signed_amount(entry: CashEntry) -> Decimal:
    """What the entry does to the balance: + for deposit and interest, - for withdrawal, fee and tax."""
    return entry.amount if entry.kind in CASH_IN else -entry.amount


def cash_changes(
    entries: Iterable[CashEntry], trade_flows: Iterable[tuple[dt.date, CashFlow]]
) -> dict[dt.date, Decimal]:
    """The net change of the balance on each date with any activity: cash entries plus the holdings' trade flows
    (a buy's contribution takes cash, a sale's or dividend's distribution adds it)."""
    changes: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        changes[entry.date] += signed_amount(entry)
    for date, flow in trade_flows:
        changes[date] += flow.distribution - flow.contribution
    return dict(changes)


def cash_balances(
    entries: Iterable[CashEntry], trade_flows: Iterable[tuple[dt.date, CashFlow]]
) -> list[tuple[dt.date, Decimal]]:
    """The balance at the end of each date with activity, in date order (forward-fill it for the days between)."""
    balance = ZERO
    series: list[tuple[dt.date, Decimal]] = []
    for date, change in sorted(cash_changes(entries, trade_flows).items()):
        balance += change
        series.append((date, balance))
    return series


def external_flows(entries: Iterable[CashEntry]) -> list[tuple[dt.date, Decimal]]:
    """Money crossing the account's boundary, per date in order: + deposited, - withdrawn (net for the day)."""
    flows: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        if entry.kind == "deposit":
            flows[entry.date] += entry.amount
        elif entry.kind == "withdrawal":
            flows[entry.date] -= entry.amount
    return sorted((date, amount) for date, amount in flows.items() if amount)
