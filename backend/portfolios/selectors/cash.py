"""The cash account as stored: its entries, the holdings' trade flows, the balance and the external flows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from core.exceptions import NotFoundError
from portfolios.cash import CashEntry, CashKindName, cash_balances, external_flows, signed_amount
from portfolios.ledger import CashFlow, Position, entry_sort_key, position_apply
from portfolios.models import CashTransaction, Holding, Transaction
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from users.models import User

ZERO = Decimal(0)
CASH_KINDS: dict[str, CashKindName] = {
    "deposit": "deposit",
    "withdrawal": "withdrawal",
    "interest": "interest",
    "fee": "fee",
    "tax": "tax",
}


def cash_transaction_list(*, user: User) -> QuerySet[CashTransaction]:
    return CashTransaction.objects.filter(user=user).order_by("-date", "-id")


def cash_transaction_get(*, user: User, entry_id: int) -> CashTransaction:
    found = cash_transaction_list(user=user).filter(pk=entry_id).first()
    if found is None:
        raise NotFoundError(f"No cash entry {entry_id} in your portfolio.", extra={"id": entry_id})
    return found


def cash_entries_get(*, user: User) -> list[CashEntry]:
    rows = CashTransaction.objects.filter(user=user).order_by("date", "id").values_list("kind", "date", "amount")
    return [CashEntry(CASH_KINDS[kind], date, amount) for kind, date, amount in rows]


def cash_entries_net(*, user: User) -> Decimal:
    """Deposits and interest minus withdrawals, fees and taxes (what the cash entries alone did to the balance)."""
    return sum((signed_amount(e) for e in cash_entries_get(user=user)), ZERO)


def trade_flows_get(*, user: User) -> list[tuple[dt.date, CashFlow]]:
    """Every holding's buys, sales and dividends as dated cash flows (the ledger replayed, stored splits included)."""
    holdings = list(Holding.objects.filter(user=user).values_list("pk", "stock_id"))
    transactions: dict[int, list[Transaction]] = {pk: [] for pk, _ in holdings}
    for t in Transaction.objects.filter(holding__user=user).order_by("date", "id"):
        transactions[t.holding_id].append(t)
    splits = stored_splits_get(symbols=[symbol for _, symbol in holdings])
    flows: list[tuple[dt.date, CashFlow]] = []
    for pk, symbol in holdings:
        position = Position()
        for entry in sorted(ledger_entries(transactions[pk], symbol=symbol, splits=splits), key=entry_sort_key):
            flows.append((entry.date, position_apply(position, entry)))
    return flows


def _total(entries: Iterable[CashEntry], kind: str) -> Decimal:
    return sum((e.amount for e in entries if e.kind == kind), ZERO)


def cash_account_get(*, user: User) -> dict[str, Any]:
    """Balance now, what made it (per kind and the trades' net), the balance after each day with activity and the
    external flows (deposits +, withdrawals -) that whole-account returns treat as money in and out."""
    entries = cash_entries_get(user=user)
    flows = trade_flows_get(user=user)
    series = cash_balances(entries, flows)
    return {
        "currency": "USD",
        "balance": series[-1][1] if series else ZERO,
        "deposits": _total(entries, "deposit"),
        "withdrawals": _total(entries, "withdrawal"),
        "interest": _total(entries, "interest"),
        "fees": _total(entries, "fee"),
        "taxes": _total(entries, "tax"),
        "trades_net": sum((f.distribution - f.contribution for _, f in flows), ZERO),
        "entries_net": sum((signed_amount(e) for e in entries), ZERO),
        "series": [{"date": date, "balance": balance} for date, balance in series],
        "external_flows": [{"date": date, "amount": amount} for date, amount in external_flows(entries)],
    }
