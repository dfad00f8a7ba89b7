"""Pure replay of a holding's ledger (average-cost method): quantity, cost basis, realised P/L, cash flows.

Splits are exact ratios (fractions.Fraction): a 1-for-3 split of 20 shares leaves 6.666666666667 shares (quantities
keep 12 decimals) and the average price stays 150 to 1e-9, where a ratio rounded to 0.333333 would not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from typing import Literal

EntryKind = Literal["buy", "sell", "dividend", "split"]
QUANTITY_PLACES = 12
QUANTITY_STEP = Decimal(1).scaleb(-QUANTITY_PLACES)
ZERO = Decimal(0)
# Real splits are small whole-number ratios; a decimal within this of N/D (D <= MAX_RATIO_DENOMINATOR) means N/D:
# what rounding to four decimals can hide (vendors write 1-for-3 as 0.3333).
MAX_RATIO_DENOMINATOR = 1000
RATIO_SNAP_TOLERANCE = Fraction(5, 10**5)
MAX_RATIO_TERM = 1_000_000
_RATIO_TEXT = re.compile(r"^\s*(\d{1,7})\s*(?::|/|-for-|\s+for\s+)\s*(\d{1,7})\s*$", re.IGNORECASE)


class SplitRatioError(ValueError):
    """A split ratio that cannot be read or is not positive; the message says what was given."""


def split_ratio_parse(value: str | Decimal | Fraction) -> Fraction:
    """New shares per old share, exact: "2:1", "2/1", "2-for-1" or "2 for 1" (2), "1:3" (1/3), or a decimal.

    A decimal within 0.00005 of a ratio with denominator <= 1000 is that ratio (0.333333 and 0.3333 are 1/3, 1.5 is
    3/2), because vendors and people round the ratio, never the split; any other decimal is taken exactly.
    """
    if isinstance(value, Fraction):
        ratio = value
    elif isinstance(value, str) and (match := _RATIO_TEXT.match(value)):
        new, old = int(match[1]), int(match[2])
        if new == 0 or old == 0:
            raise SplitRatioError(f"'{value.strip()}' is not a split: both sides must be positive whole numbers.")
        return Fraction(new, old)
    else:
        try:
            number = Decimal(value.strip()) if isinstance(value, str) else value
        except InvalidOperation:
            raise SplitRatioError(
                f"'{str(value).strip()[:40]}' is not a ratio; write new:old shares such as 2:1 or 1:3."
            ) from None
        if not number.is_finite():
            raise SplitRatioError(f"'{value}' is not a ratio; write new:old shares such as 2:1 or 1:3.")
        ratio = Fraction(number)
    if ratio <= 0:
        raise SplitRatioError(f"a split ratio must be greater than zero, not {_shown(value)}.")
    if not Fraction(1, MAX_RATIO_TERM) <= ratio <= MAX_RATIO_TERM:
        raise SplitRatioError(
            f"the split ratio {_shown(value)} is outside 1:{MAX_RATIO_TERM:,} to {MAX_RATIO_TERM:,}:1."
        )
    snapped = ratio.limit_denominator(MAX_RATIO_DENOMINATOR)
    if abs(snapped - ratio) <= RATIO_SNAP_TOLERANCE:
        ratio = snapped
    if ratio.denominator > MAX_RATIO_TERM:
        raise SplitRatioError(
            f"the split ratio {_shown(value)} has more than six decimals; write it as new:old shares."
        )
    return ratio


def _shown(value: str | Decimal | Fraction) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"[:40]
    return (value.strip() if isinstance(value, str) else str(value))[:40]


def ratio_text(ratio: Fraction) -> str:
    """ "N:D", new shares for old."""
    return f"{ratio.numerator}:{ratio.denominator}"


def decimal_of(value: Fraction, step: Decimal = QUANTITY_STEP) -> Decimal:
    """A fraction as a decimal rounded half-even to `step`."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(step, rounding=ROUND_HALF_EVEN)


# What a write may store, so nothing accepted breaks later: no source has prices before 1900, and fewer than
# 10^9 shares held (the limit on one quantity too) keep shares x price below 10^18, inside the holding and
# snapshot columns (12 and 20 integer digits) however a split multiplies them. Stored ledgers replay unchecked.
EARLIEST_DATE = dt.date(1900, 1, 1)
MAX_QUANTITY = Decimal(10**9)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """buy/sell: `quantity` shares at `price`; dividend: `quantity` shares x `price` cash per share;
    split: `ratio` new shares per old share (`quantity` is that ratio as a decimal, for display)."""

    kind: EntryKind
    date: dt.date
    quantity: Decimal
    price: Decimal = ZERO
    fee: Decimal = ZERO
    ref: object = None  # the caller's handle (transaction id, CSV line) for error messages
    ratio: Fraction | None = None  # splits only; read from `quantity` when not given

    @property
    def split_ratio(self) -> Fraction:
        return self.ratio if self.ratio is not None else split_ratio_parse(self.quantity)


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
        position.quantity = decimal_of(Fraction(position.quantity) * entry.split_ratio)
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
