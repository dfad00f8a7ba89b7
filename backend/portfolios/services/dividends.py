"""Dividends booked from stored dividend events (stocks' corporate actions), per holding, idempotently.

A holding held on an ex-date (shares after every trade dated before it: shares bought on the ex-date do not
qualify, shares sold on it do) gets one dividend record per event: quantity = shares held, price = cash per share,
dated the ex-date (the pay date is not stored). Re-running changes nothing; after the user edits earlier trades, the
next run corrects the booked quantity or removes a record whose entitlement is gone. A dividend the user recorded
on the same date wins (none is booked beside it). With the per-user toggle off, booked records are removed and none
are added. Runs when a stock's data is stored (stock_data_changed) and daily from beat.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction

from portfolios.clock import market_today
from portfolios.ledger import Position, entry_sort_key, position_apply
from portfolios.models import Holding, PortfolioSettings, Transaction, TransactionKind
from portfolios.selectors.ledger import ledger_entries
from stocks.models import CorporateAction, CorporateActionKind
from users.models import User

logger = logging.getLogger(__name__)
ZERO = Decimal(0)


def dividends_booking_enabled(*, user_id: int) -> bool:
    found = PortfolioSettings.objects.filter(user_id=user_id).values_list("book_dividends", flat=True).first()
    return True if found is None else found


@transaction.atomic
def holding_dividends_book(*, holding: Holding, enabled: bool | None = None) -> int:
    """Bring the holding's booked dividends in line with its stored dividend events; returns records changed."""
    holding = Holding.objects.select_for_update().get(pk=holding.pk)
    enabled = dividends_booking_enabled(user_id=holding.user_id) if enabled is None else enabled
    stored = list(Transaction.objects.filter(holding=holding).order_by("date", "id"))
    booked = {t.corporate_action_id: t for t in stored if t.corporate_action_id is not None}
    own = [t for t in stored if t.corporate_action_id is None]
    wanted: dict[int, tuple[CorporateAction, Decimal]] = {}
    if enabled:
        manual_dates = {t.date for t in own if t.kind == TransactionKind.DIVIDEND}
        actions = CorporateAction.objects.filter(
            stock_id=holding.stock_id,
            kind=CorporateActionKind.DIVIDEND,
            amount__gt=0,
            ex_date__lte=market_today(),
        ).order_by("ex_date")
        entries = sorted(ledger_entries(own, symbol=holding.stock_id), key=entry_sort_key)
        position, cursor = Position(), 0
        for action in actions:
            while cursor < len(entries) and entries[cursor].date < action.ex_date:
                position_apply(position, entries[cursor])
                cursor += 1
            if position.quantity > 0 and action.ex_date not in manual_dates:
                wanted[action.pk] = (action, position.quantity)
    changed = 0
    for action_id, stale in booked.items():
        if action_id not in wanted:
            stale.delete()
            changed += 1
    for action_id, (action, quantity) in wanted.items():
        record = booked.get(action_id)
        assert action.amount is not None
        if record is None:
            Transaction.objects.create(
                holding=holding,
                kind=TransactionKind.DIVIDEND,
                date=action.ex_date,
                quantity=quantity,
                price=action.amount,
                corporate_action=action,
            )
            changed += 1
        elif (record.quantity, record.price, record.date) != (quantity, action.amount, action.ex_date):
            record.quantity, record.price, record.date = quantity, action.amount, action.ex_date
            record.save(update_fields=["quantity", "price", "date"])
            changed += 1
    return changed


def symbol_dividends_book(*, symbol: str) -> int:
    """Every holding of `symbol` (its users' toggles respected)."""
    return sum(holding_dividends_book(holding=h) for h in Holding.objects.filter(stock_id=symbol))


def user_dividends_book(*, user: User) -> int:
    return sum(holding_dividends_book(holding=h) for h in Holding.objects.filter(user=user))


def all_dividends_book() -> int:
    """The daily run: every holding; one that fails is logged and the others still run."""
    changed = 0
    for holding in Holding.objects.all().iterator():
        try:
            changed += holding_dividends_book(holding=holding)
        except Exception:
            logger.exception("Booking dividends of holding %s failed", holding.pk)
    return changed


def portfolio_settings_update(*, user: User, book_dividends: bool | None = None) -> PortfolioSettings:
    """Change the user's settings; switching dividend booking books (or removes) the records at once."""
    with transaction.atomic():
        found, _ = PortfolioSettings.objects.select_for_update().get_or_create(user=user)
        if book_dividends is not None and book_dividends != found.book_dividends:
            found.book_dividends = book_dividends
            found.save(update_fields=["book_dividends"])
    if book_dividends is not None:
        user_dividends_book(user=user)
    return found
