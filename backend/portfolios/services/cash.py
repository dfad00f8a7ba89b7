"""Cash account entries (deposit, withdrawal, interest, fee, tax): validated, then stored whole or not at all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from core.exceptions import ErrorCode, field_error
from portfolios.models import CashKind, CashTransaction
from portfolios.services.holdings import transaction_date_check
from users.models import User


def _amount_check(amount: Decimal) -> None:
    if amount <= 0:
        raise field_error("amount", "must be greater than zero.", ErrorCode.NOT_POSITIVE)


def cash_transaction_create(
    *, user: User, kind: str, date: dt.date, amount: Decimal, note: str = ""
) -> CashTransaction:
    """Record a cash movement; a future date or an amount that is not positive is a 400 naming the field."""
    if kind not in CashKind.values:
        raise field_error("type", f"'{kind[:20]}' is not a cash entry type.", ErrorCode.INVALID_INPUT)
    transaction_date_check(date)
    _amount_check(amount)
    return CashTransaction.objects.create(user=user, kind=kind, date=date, amount=amount, note=note)


@transaction.atomic
def cash_transaction_update(
    *, entry: CashTransaction, date: dt.date | None = None, amount: Decimal | None = None, note: str | None = None
) -> CashTransaction:
    entry = CashTransaction.objects.select_for_update().get(pk=entry.pk)
    if date is not None:
        transaction_date_check(date)
        entry.date = date
    if amount is not None:
        _amount_check(amount)
        entry.amount = amount
    if note is not None:
        entry.note = note
    entry.save(update_fields=["date", "amount", "note"])
    return entry


def cash_transaction_delete(*, entry: CashTransaction) -> None:
    entry.delete()
