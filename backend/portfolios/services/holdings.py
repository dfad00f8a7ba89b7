"""Holdings and their transaction ledger: every change is replayed through the ledger before anything is saved."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from django.db import IntegrityError, transaction

from core.exceptions import ApplicationError, ConflictError, ErrorCode, field_error
from core.symbols import normalize_symbol
from portfolios.clock import market_today
from portfolios.ledger import (
    EARLIEST_DATE,
    MAX_QUANTITY,
    LedgerError,
    Position,
    SplitRatioError,
    decimal_of,
    ledger_replay,
    split_ratio_parse,
)
from portfolios.models import Holding, Transaction, TransactionImport, TransactionKind
from portfolios.selectors.ledger import ledger_entries
from portfolios.services.dividends import holding_dividends_book
from portfolios.services.stocks import stock_collection_ensure
from portfolios.transaction_csv import NotATransactionFileError, RowError, transactions_csv_parse
from stocks.models import Stock
from stocks.services.symbols import stock_get_or_register
from users.models import User

PRICE_STEP = Decimal("0.000000000001")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _field_error(field: str, message: str, *, code: ErrorCode, **extra: object) -> ApplicationError:
    return field_error(field, message, code, **extra)


def transaction_date_check(date: dt.date) -> None:
    if date > market_today():
        raise _field_error(
            "date", f"{date.isoformat()} is in the future.", code=ErrorCode.FUTURE_DATE, date=date.isoformat()
        )
    if date < EARLIEST_DATE:
        raise _field_error(
            "date",
            f"{date.isoformat()} is before {EARLIEST_DATE.isoformat()}.",
            code=ErrorCode.DATE_TOO_EARLY,
            date=date.isoformat(),
            earliest=EARLIEST_DATE.isoformat(),
        )


def _too_many_shares(position: Position) -> str | None:
    """Why `position` cannot be stored (see ledger.MAX_QUANTITY), or None."""
    if position.quantity < MAX_QUANTITY:
        return None
    return f"the holding would be {position.quantity.normalize():f} shares; it must stay below {MAX_QUANTITY:,}."


def _row_id(ref: object) -> int | None:
    """The stored transaction a ledger entry came from (the row an error names), or None for a new one."""
    return ref.pk if isinstance(ref, Transaction) else None


def _replay(holding: Holding, transactions: Sequence[Transaction]) -> Position:
    try:
        position = ledger_replay(ledger_entries(transactions, symbol=holding.stock_id))
    except LedgerError as exc:
        raise _field_error(
            "quantity",
            f"{holding.stock_id}: {exc}",
            code=ErrorCode.INSUFFICIENT_QUANTITY,
            symbol=holding.stock_id,
            transaction_id=_row_id(exc.entry.ref),
            **exc.params(),
        ) from exc
    too_many = _too_many_shares(position)
    if too_many is not None:
        raise _field_error(
            "quantity",
            f"{holding.stock_id}: {too_many}",
            code=ErrorCode.TOO_MANY_SHARES,
            symbol=holding.stock_id,
            limit=int(MAX_QUANTITY),
        )
    return position


def _apply_position(holding: Holding, position: Position) -> None:
    holding.quantity = position.quantity
    holding.average_price = position.average_price.quantize(PRICE_STEP, rounding=ROUND_HALF_EVEN)
    holding.save(update_fields=["quantity", "average_price", "updated_at"])


def _split_ratio(quantity: Decimal | None, ratio: Fraction | None) -> Fraction:
    if ratio is not None:
        return ratio
    if quantity is None:
        raise _field_error(
            "ratio", "a split needs its ratio, new:old shares such as 2:1 or 1:3.", code=ErrorCode.INVALID_RATIO
        )
    try:
        return split_ratio_parse(quantity)
    except SplitRatioError as exc:
        raise _field_error("ratio", str(exc), code=ErrorCode.INVALID_RATIO) from exc


def _split_set(target: Transaction, ratio: Fraction) -> None:
    """Store a split's exact ratio, with `quantity` as that ratio's decimal."""
    target.split_to, target.split_from = ratio.numerator, ratio.denominator
    target.quantity = decimal_of(ratio)


def _locked_transactions(holding: Holding) -> list[Transaction]:
    return list(Transaction.objects.filter(holding=holding).order_by("date", "id"))


@transaction.atomic
def holding_open(
    *,
    user: User,
    stock: Stock,
    quantity: Decimal,
    price: Decimal,
    date: dt.date,
    fee: Decimal = Decimal(0),
    notes: str = "",
) -> Holding:
    """Create a holding of a stored stock with its opening buy (no provider involved)."""
    holding = Holding.objects.create(user=user, stock=stock, notes=notes)
    opening = Transaction(holding=holding, kind=TransactionKind.BUY, date=date, quantity=quantity, price=price, fee=fee)
    position = _replay(holding, [opening])
    opening.save()
    _apply_position(holding, position)
    holding_dividends_book(holding=holding)
    return holding


@dataclass(frozen=True, slots=True)
class HoldingCreation:
    holding: Holding
    collection_started: bool
    stock_created: bool


def holding_create(
    *,
    user: User,
    symbol: str,
    quantity: Decimal,
    average_price: Decimal,
    date: dt.date | None = None,
    fee: Decimal = Decimal(0),
    notes: str = "",
) -> HoldingCreation:
    """Add a symbol with an opening buy; an unknown symbol is validated with the provider and collected in the
    background (the answer does not wait for it)."""
    date = date or market_today()
    transaction_date_check(date)
    symbol = normalize_symbol(symbol)
    existing = Holding.objects.filter(user=user, stock_id=symbol).first()
    if existing is not None:
        raise ConflictError(
            f"symbol: {symbol} is already in your portfolio; record a buy transaction to add shares.",
            code=ErrorCode.ALREADY_HELD,
            extra={
                "symbol": symbol,
                "holding_id": existing.pk,
                "fields": {"symbol": [f"{symbol} is already held."]},
                "field_codes": {"symbol": [ErrorCode.ALREADY_HELD]},
            },
        )
    registration = stock_get_or_register(symbol=symbol)
    try:
        holding = holding_open(
            user=user, stock=registration.stock, quantity=quantity, price=average_price, date=date, fee=fee, notes=notes
        )
    except IntegrityError as exc:  # the same symbol added twice at once
        raise ConflictError(
            f"symbol: {symbol} is already in your portfolio.", code=ErrorCode.ALREADY_HELD, extra={"symbol": symbol}
        ) from exc
    started = stock_collection_ensure(stock=registration.stock, created=registration.created)
    return HoldingCreation(holding, collection_started=started, stock_created=registration.created)


@transaction.atomic
def holding_update(
    *,
    holding: Holding,
    notes: str | None = None,
    quantity: Decimal | None = None,
    average_price: Decimal | None = None,
) -> Holding:
    """Change notes; quantity and average price only while the ledger is just the opening buy (they rewrite it)."""
    holding = Holding.objects.select_for_update().get(pk=holding.pk)
    if quantity is not None or average_price is not None:
        transactions = [t for t in _locked_transactions(holding) if t.corporate_action_id is None]  # booked: derived
        if len(transactions) != 1 or transactions[0].kind != TransactionKind.BUY:
            field = "quantity" if quantity is not None else "average_price"
            raise _field_error(
                field,
                "derives from the holding's transactions; record a buy, sell or split instead.",
                code=ErrorCode.LEDGER_MANAGED,
            )
        opening = transactions[0]
        if quantity is not None:
            opening.quantity = quantity
        if average_price is not None:
            opening.price = average_price
        position = _replay(holding, [opening])
        opening.save(update_fields=["quantity", "price"])
        _apply_position(holding, position)
        holding_dividends_book(holding=holding)
    if notes is not None:
        holding.notes = notes
        holding.save(update_fields=["notes", "updated_at"])
    return holding


@transaction.atomic
def holding_delete(*, holding: Holding) -> None:
    """Remove the holding and its whole ledger."""
    holding.delete()


def transaction_create(
    *,
    user: User,
    symbol: str,
    kind: str,
    date: dt.date,
    quantity: Decimal | None,
    price: Decimal,
    fee: Decimal = Decimal(0),
    ratio: Fraction | None = None,
) -> Transaction:
    """Record a transaction; a buy of a symbol not yet held adds the holding (validating unknown symbols).

    A split takes `ratio` (new:old shares), or its decimal as `quantity`; other kinds take `quantity`.
    """
    transaction_date_check(date)
    symbol = normalize_symbol(symbol)
    split = _split_ratio(quantity, ratio) if kind == TransactionKind.SPLIT else None
    if split is not None:
        shares = decimal_of(split)
    elif quantity is None:
        raise _field_error("quantity", "This field is required.", code=ErrorCode.INVALID_INPUT)
    else:
        shares = quantity
    if kind == TransactionKind.SPLIT and price != 0:
        raise _field_error("price", "must be 0 for a split (the ratio says it all).", code=ErrorCode.SPLIT_PRICE)
    if kind != TransactionKind.SPLIT and price <= 0:
        raise _field_error("price", "must be greater than zero.", code=ErrorCode.NOT_POSITIVE)
    holding = Holding.objects.filter(user=user, stock_id=symbol).first()
    registration = None
    if holding is None:
        if kind != TransactionKind.BUY:
            raise _field_error(
                "symbol", f"you hold no {symbol}; record a buy first.", code=ErrorCode.NOT_HELD, symbol=symbol
            )
        registration = stock_get_or_register(symbol=symbol)
    with transaction.atomic():
        if holding is None:
            assert registration is not None
            holding, _ = Holding.objects.get_or_create(user=user, stock=registration.stock)
        holding = Holding.objects.select_for_update().get(pk=holding.pk)
        new = Transaction(holding=holding, kind=kind, date=date, quantity=shares, price=price, fee=fee)
        if split is not None:
            _split_set(new, split)
        position = _replay(holding, [*_locked_transactions(holding), new])
        new.save()
        _apply_position(holding, position)
        holding_dividends_book(holding=holding)
    if registration is not None:
        stock_collection_ensure(stock=registration.stock, created=registration.created)
    return new


@transaction.atomic
def transaction_update(
    *,
    transaction_obj: Transaction,
    date: dt.date | None = None,
    quantity: Decimal | None = None,
    price: Decimal | None = None,
    fee: Decimal | None = None,
    ratio: Fraction | None = None,
) -> Transaction:
    """Change a transaction; the whole ledger is replayed and nothing is saved if it no longer balances."""
    holding = Holding.objects.select_for_update().get(pk=transaction_obj.holding_id)
    transactions = _locked_transactions(holding)
    target = next(t for t in transactions if t.pk == transaction_obj.pk)
    if date is not None:
        transaction_date_check(date)
        target.date = date
    if target.kind == TransactionKind.SPLIT:
        if quantity is not None or ratio is not None:
            _split_set(target, _split_ratio(quantity, ratio))
    elif ratio is not None:
        raise _field_error("ratio", "only a split has a ratio.", code=ErrorCode.INVALID_INPUT)
    elif quantity is not None:
        target.quantity = quantity
    if price is not None:
        if target.kind == TransactionKind.SPLIT and price != 0:
            raise _field_error("price", "must be 0 for a split (the ratio says it all).", code=ErrorCode.SPLIT_PRICE)
        if target.kind != TransactionKind.SPLIT and price <= 0:
            raise _field_error("price", "must be greater than zero.", code=ErrorCode.NOT_POSITIVE)
        target.price = price
    if fee is not None:
        target.fee = fee
    position = _replay(holding, transactions)
    target.save()
    _apply_position(holding, position)
    holding_dividends_book(holding=holding)
    return target


@transaction.atomic
def transaction_delete(*, transaction_obj: Transaction) -> None:
    """Delete a transaction unless a later sale would then exceed the shares held."""
    holding = Holding.objects.select_for_update().get(pk=transaction_obj.holding_id)
    remaining = [t for t in _locked_transactions(holding) if t.pk != transaction_obj.pk]
    position = _replay(holding, remaining)
    Transaction.objects.filter(pk=transaction_obj.pk).delete()
    _apply_position(holding, position)
    holding_dividends_book(holding=holding)


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch: TransactionImport
    holdings_created: list[str]


def _import_error(errors: list[RowError]) -> ApplicationError:
    lines = len({e.line for e in errors})
    return ApplicationError(
        f"{len(errors)} problem(s) in {lines} row(s) of the file; nothing was imported.",
        code=ErrorCode.INVALID_ROWS,
        extra={
            "count": len(errors),
            "lines": lines,
            "errors": [e.as_dict() for e in sorted(errors, key=lambda e: e.line)],
        },
    )


def _import_ledger_errors(
    symbol: str, existing: Sequence[Transaction], new: Sequence[Transaction], lines: dict[int, int]
) -> tuple[Position | None, RowError | None]:
    """Replay a symbol's stored and imported transactions; the first entry that cannot apply becomes a row error."""
    try:
        position = ledger_replay(ledger_entries([*existing, *new], symbol=symbol))
    except LedgerError as exc:
        line = lines.get(id(exc.entry.ref), 0)  # 0: a stored transaction that the imported rows would break
        return None, RowError(
            line, "quantity", f"{symbol}: {exc}", ErrorCode.INSUFFICIENT_QUANTITY, {"symbol": symbol, **exc.params()}
        )
    too_many = _too_many_shares(position)
    if too_many is not None:
        return None, RowError(
            lines.get(id(new[-1]), 0),
            "quantity",
            f"{symbol}: {too_many}",
            ErrorCode.TOO_MANY_SHARES,
            {"symbol": symbol, "limit": int(MAX_QUANTITY)},
        )
    return position, None


def transactions_import(*, user: User, content: bytes, filename: str = "") -> ImportResult:
    """Import a transaction CSV all-or-nothing: every bad row is reported (line, field, reason) and then nothing
    is imported. The same file (same bytes) imported twice is refused with code `duplicate_import`."""
    if len(content) > MAX_IMPORT_BYTES:
        limit_mb = MAX_IMPORT_BYTES // 1024 // 1024
        raise _field_error("file", f"is larger than {limit_mb} MB.", code=ErrorCode.FILE_TOO_LARGE, limit_mb=limit_mb)
    digest = hashlib.sha256(content).hexdigest()
    previous = TransactionImport.objects.filter(user=user, sha256=digest).first()
    if previous is not None:
        raise _field_error(
            "file",
            f"this file was already imported on {previous.created_at:%Y-%m-%d %H:%M} UTC; nothing was imported.",
            code=ErrorCode.DUPLICATE_IMPORT,
            import_id=previous.pk,
            imported_at=previous.created_at.isoformat(),
        )
    try:
        rows, errors = transactions_csv_parse(content, today=market_today())
    except NotATransactionFileError as exc:
        raise _field_error(
            "file",
            f"not a transaction file: {exc}",
            code=ErrorCode.NOT_A_TRANSACTION_FILE,
            reason=exc.code,
            **exc.params,
        ) from exc

    known = set(Stock.objects.filter(pk__in={r.symbol for r in rows}).values_list("pk", flat=True))
    errors += [
        RowError(
            r.line,
            "symbol",
            f"{r.symbol} is not a stored symbol; add it to the portfolio first.",
            ErrorCode.SYMBOL_NOT_STORED,
            {"symbol": r.symbol},
        )
        for r in rows
        if r.symbol not in known
    ]
    by_symbol: dict[str, list[Transaction]] = defaultdict(list)
    lines: dict[int, int] = {}
    for row in rows:
        if row.symbol in known:
            new = Transaction(kind=row.kind, date=row.date, quantity=row.quantity, price=row.price, fee=row.fee)
            if row.ratio is not None:
                _split_set(new, row.ratio)
            by_symbol[row.symbol].append(new)
            lines[id(new)] = row.line
    existing: dict[str, list[Transaction]] = defaultdict(list)
    for t in Transaction.objects.filter(holding__user=user, holding__stock_id__in=by_symbol).select_related("holding"):
        existing[t.holding.stock_id].append(t)
    for symbol, new_rows in by_symbol.items():
        _, error = _import_ledger_errors(symbol, existing[symbol], new_rows, lines)
        errors += [error] if error else []
    if errors:
        raise _import_error(errors)

    created: list[str] = []
    with transaction.atomic():
        try:
            with transaction.atomic():
                batch = TransactionImport.objects.create(
                    user=user, sha256=digest, filename=filename[:255], row_count=len(rows)
                )
        except IntegrityError as exc:  # the same file imported twice at once
            raise _field_error("file", "this file is being imported already.", code=ErrorCode.DUPLICATE_IMPORT) from exc
        for symbol, new_rows in by_symbol.items():
            holding, was_created = Holding.objects.get_or_create(user=user, stock_id=symbol)
            if was_created:
                created.append(symbol)
            holding = Holding.objects.select_for_update().get(pk=holding.pk)
            # Replayed again under the lock: a concurrent change may have arrived since the check above.
            position, error = _import_ledger_errors(symbol, _locked_transactions(holding), new_rows, lines)
            if position is None:
                raise _import_error([error] if error else [])
            for t in new_rows:
                t.holding = holding
                t.import_batch = batch
            Transaction.objects.bulk_create(new_rows)
            _apply_position(holding, position)
            holding_dividends_book(holding=holding)
    return ImportResult(batch, holdings_created=created)


@transaction.atomic
def transactions_import_undo(*, batch: TransactionImport) -> list[str]:
    """Remove an import's transactions and the record of the file (so it can be imported again); booked dividends
    follow (services/dividends.py).

    Every holding it touched is replayed without them first; if a later transaction depends on the imported ones
    (a sale of imported shares), the undo is refused naming that row (`transaction_id`), and nothing changes: the
    user deletes or edits that row first. Holdings left without any transaction are removed; their symbols are
    returned.
    """
    batch = TransactionImport.objects.select_for_update().get(pk=batch.pk)
    holding_ids = set(Transaction.objects.filter(import_batch=batch).values_list("holding_id", flat=True))
    holdings = list(Holding.objects.select_for_update().filter(pk__in=holding_ids).order_by("pk"))
    removed: list[str] = []
    for holding in holdings:
        remaining = [t for t in _locked_transactions(holding) if t.import_batch_id != batch.pk]
        if not any(t.corporate_action_id is None for t in remaining):  # booked dividends alone are no holding
            removed.append(holding.stock_id)
            continue
        _apply_position(holding, _replay(holding, remaining))
    Transaction.objects.filter(import_batch=batch).delete()
    Holding.objects.filter(pk__in=[h.pk for h in holdings if h.stock_id in removed]).delete()
    batch.delete()
    for holding in holdings:
        if holding.stock_id not in removed:
            holding_dividends_book(holding=holding)
    return removed
