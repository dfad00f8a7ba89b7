"""Reads of a user's holdings and transactions; every query is scoped to the user (another user's id is a 404)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import Count, QuerySet

from core.exceptions import NotFoundError
from core.symbols import normalize_symbol
from portfolios.ledger import ledger_replay
from portfolios.models import Holding, Transaction, TransactionImport
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from users.models import User

PRICE_STEP = Decimal("0.000001")


def holdings_positioned(holdings: list[Holding]) -> list[Holding]:
    """Quantity and average price as the ledger gives them now, stored splits that arrived later included (for a
    page of holdings, or all of them)."""
    transactions: dict[int, list[Transaction]] = {h.pk: [] for h in holdings}
    for t in Transaction.objects.filter(holding__in=holdings).order_by("date", "id"):
        transactions[t.holding_id].append(t)
    splits = stored_splits_get(symbols=[h.stock_id for h in holdings])
    for holding in holdings:
        position = ledger_replay(ledger_entries(transactions[holding.pk], symbol=holding.stock_id, splits=splits))
        holding.quantity = position.quantity
        holding.average_price = position.average_price.quantize(PRICE_STEP, rounding=ROUND_HALF_EVEN)
    return holdings


def holdings_ordered(*, user: User) -> QuerySet[Holding]:
    """The user's holdings by symbol: a stable order, so pages never overlap or skip."""
    return Holding.objects.filter(user=user).select_related("stock").order_by("stock_id", "id")


def holding_list(*, user: User) -> list[Holding]:
    return holdings_positioned(list(holdings_ordered(user=user)))


def holding_get(*, user: User, holding_id: int) -> Holding:
    """The user's holding; another user's id is answered exactly like a missing one."""
    holding = Holding.objects.filter(user=user, pk=holding_id).select_related("stock").first()
    if holding is None:
        raise NotFoundError(f"No holding {holding_id} in your portfolio.", extra={"id": holding_id})
    return holdings_positioned([holding])[0]


def transaction_list(*, user: User, symbol: str | None = None) -> QuerySet[Transaction]:
    queryset = Transaction.objects.filter(holding__user=user).select_related("holding").order_by("-date", "-id")
    if symbol:
        queryset = queryset.filter(holding__stock_id=normalize_symbol(symbol))
    return queryset


def transaction_get(*, user: User, transaction_id: int) -> Transaction:
    found = transaction_list(user=user).filter(pk=transaction_id).first()
    if found is None:
        raise NotFoundError(f"No transaction {transaction_id} in your portfolio.", extra={"id": transaction_id})
    return found


def transaction_import_list(*, user: User) -> QuerySet[TransactionImport]:
    """The user's imported files, newest first, each with how many of its transactions are still stored."""
    return (
        TransactionImport.objects.filter(user=user)
        .annotate(transaction_count=Count("transactions"))
        .order_by("-created_at", "-id")
    )


def transaction_import_get(*, user: User, import_id: int) -> TransactionImport:
    found = transaction_import_list(user=user).filter(pk=import_id).first()
    if found is None:
        raise NotFoundError(f"No import {import_id} in your portfolio.", extra={"id": import_id})
    return found
