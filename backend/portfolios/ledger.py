"""Pure replay of a holding's ledger (average-cost method): quantity, cost basis, realised P/L, cash flows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

EntryKind = Literal["buy", "sell", "dividend", "split"]
QUANTITY_STEP = Decimal("0.000001")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """buy/sell: `quantity` shares at `price`; dividend: `quantity` shares x `price` cash per share;
    split: `quantity` is the ratio (new shares per old share)."""

    kind: EntryKind
    date: dt.date
    quantity: Decimal
    price: Decimal = ZERO
    fee: Decimal = ZERO
    ref: object = None  # the caller's handle (transaction id, CSV line) for error messages


@dataclass(frozen=True, slots=True)
class CashFlow:
    """Money the investor put in (contribution, at the start of the day) or took out (distribution, at its end)."""

    contribution: Decimal = ZERO
    distribution: Decimal = ZERO


@dataclass(slots=True)
class Position:
    quantity: Decimal = ZERO
    cost: Decimal = ZERO  # cost basis of the shares still held, buy fees included
    realized_pl: Decimal = ZERO  # from sales, net of sale fees
    dividends: Decimal = ZERO  # net of fees and withholding
    fees: Decimal = ZERO
    invested: Decimal = ZERO  # every contribution ever made
    first_date: dt.date | None = None
    history: list[tuple[dt.date, Decimal]] = field(default_factory=list)  # quantity after each entry

    @property
    def average_price(self) -> Decimal:
        return self.cost / self.quantity if self.quantity else ZERO


class LedgerError(ValueError):
    """An entry that cannot be applied (selling more than is held); names the entry."""

    def __init__(self, message: str, *, entry: LedgerEntry, held: Decimal | None = None) -> None:
        super().__init__(message)
        self.entry = entry
        self.held = held

    def params(self) -> dict[str, str]:
        """The values the message names, as text: the entry's quantity and date and the shares held then."""
        values = {"quantity": f"{self.entry.quantity.normalize():f}", "date": self.entry.date.isoformat()}
        return values if self.held is None else {**values, "held": f"{self.held.normalize():f}"}


def entry_sort_key(entry: LedgerEntry) -> tuple[dt.date, int]:
    """Date order; on the same day a split comes first because trades on the ex-date are at post-split prices."""
    return (entry.date, 0 if entry.kind == "split" else 1)


def position_apply(position: Position, entry: LedgerEntry) -> CashFlow:
    """Apply one entry to `position` in place and return the cash flow it caused."""
    if position.first_date is None and entry.kind != "split":
        position.first_date = entry.date
    flow = CashFlow()
    if entry.kind == "buy":
        amount = entry.quantity * entry.price + entry.fee
        position.quantity += entry.quantity
        position.cost += amount
        position.invested += amount
        position.fees += entry.fee
        flow = CashFlow(contribution=amount)
    elif entry.kind == "sell":
        if entry.quantity > position.quantity:
            raise LedgerError(
                f"selling {entry.quantity.normalize():f} on {entry.date.isoformat()} exceeds the "
                f"{position.quantity.normalize():f} held on that date.",
                entry=entry,
                held=position.quantity,
            )
        proceeds = entry.quantity * entry.price - entry.fee
        cost_out = position.cost * entry.quantity / position.quantity
        position.realized_pl += proceeds - cost_out
        position.quantity -= entry.quantity
        position.cost = position.cost - cost_out if position.quantity else ZERO
        position.fees += entry.fee
        flow = CashFlow(distribution=proceeds)
    elif entry.kind == "dividend":
        cash = entry.quantity * entry.price - entry.fee
        position.dividends += cash
        position.fees += entry.fee
        flow = CashFlow(distribution=cash)
    elif entry.kind == "split":
        position.quantity = (position.quantity * entry.quantity).quantize(QUANTITY_STEP, rounding=ROUND_HALF_EVEN)
    else:
        raise LedgerError(f"unknown transaction type '{entry.kind}'.", entry=entry)
    position.history.append((entry.date, position.quantity))
    return flow


def ledger_replay(entries: Iterable[LedgerEntry]) -> Position:
    """Replay entries in ledger order; raise LedgerError at the first one that cannot be applied."""
    position = Position()
    for entry in sorted(entries, key=entry_sort_key):
        position_apply(position, entry)
    return position
