"""The ledger as stored: a holding's transactions plus the stock's stored splits, as pure ledger entries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from portfolios.clock import market_today
from portfolios.ledger import EntryKind, LedgerEntry
from portfolios.models import Transaction, TransactionKind
from stocks.models import CorporateAction, CorporateActionKind

ENTRY_KINDS: dict[str, EntryKind] = {"buy": "buy", "sell": "sell", "dividend": "dividend", "split": "split"}


def stored_splits_get(*, symbols: Iterable[str]) -> dict[str, list[tuple[dt.date, Decimal]]]:
    """Every stored split up to today of the given stocks, in one query: symbol -> [(ex_date, ratio)]."""
    splits: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    rows = CorporateAction.objects.filter(
        stock_id__in=list(symbols), kind=CorporateActionKind.SPLIT, ratio__isnull=False, ex_date__lte=market_today()
    ).values_list("stock_id", "ex_date", "ratio")
    for symbol, ex_date, ratio in rows:
        if ratio is not None:
            splits[symbol].append((ex_date, ratio))
    return splits


def ledger_entries(
    transactions: Sequence[Transaction],
    *,
    symbol: str,
    splits: dict[str, list[tuple[dt.date, Decimal]]] | None = None,
) -> list[LedgerEntry]:
    """The holding's transactions plus the stock's stored splits after its first trade, as ledger entries.

    Prices are stored unadjusted, so share counts must follow every split for values to stay right; a split the
    user recorded on the same ex-date is not applied twice. `splits` (from stored_splits_get) saves a query.
    """
    entries = [
        LedgerEntry(ENTRY_KINDS[t.kind], t.date, t.quantity, t.price, t.fee, ref=t, ratio=t.split_ratio)
        for t in transactions
    ]
    trades = [t.date for t in transactions if t.kind != TransactionKind.SPLIT]
    if not trades:
        return entries
    user_splits = {t.date for t in transactions if t.kind == TransactionKind.SPLIT}
    stored = (splits if splits is not None else stored_splits_get(symbols=[symbol])).get(symbol, [])
    first_trade = min(trades)
    entries += [
        LedgerEntry("split", ex_date, ratio, ref="stored split")
        for ex_date, ratio in stored
        if ex_date > first_trade and ex_date not in user_splits
    ]
    return entries
