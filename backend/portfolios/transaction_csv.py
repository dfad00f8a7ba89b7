"""Parsing of transaction CSV files (date,symbol,type,quantity,price,fee): every bad row reported with its line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from portfolios.ledger import (
    EARLIEST_DATE,
    QUANTITY_PLACES,
    EntryKind,
    SplitRatioError,
    decimal_of,
    split_ratio_parse,
)

REQUIRED_COLUMNS = ("date", "symbol", "type", "quantity", "price")
OPTIONAL_COLUMNS = ("fee",)
MAX_ROWS = 10_000
MAX_DECIMALS = 6
MAX_VALUE = Decimal(10**9)  # the API's limit too: keeps quantity x price inside the database columns
KINDS: tuple[EntryKind, ...] = ("buy", "sell", "dividend", "split")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CsvTransaction:
    line: int
    date: dt.date
    symbol: str
    kind: EntryKind
    quantity: Decimal
    price: Decimal
    fee: Decimal
    ratio: Fraction | None = None  # splits only


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "reason": self.reason}


class NotATransactionFileError(ValueError):
    """The file is not a transaction CSV at all (binary, no header, missing columns)."""


def _decimal(raw: str, *, allow_zero: bool, places: int = MAX_DECIMALS) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise ValueError(f"'{raw.strip()[:20]}' is not a number.") from None
    if not value.is_finite():
        raise ValueError(f"'{raw.strip()[:20]}' is not a finite number.")
    if value < 0 or (value == 0 and not allow_zero):
        raise ValueError("must be greater than zero." if not allow_zero else "must not be negative.")
    if value >= MAX_VALUE:
        raise ValueError(f"is too large (the limit is {MAX_VALUE:,}).")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ValueError(f"has more than {places} decimal places.")
    return value


def _parse_ratio(raw: str) -> Fraction:
    """A split's new:old shares ("2:1", "1-for-3") or a decimal ratio (see portfolios.ledger.split_ratio_parse)."""
    try:
        return split_ratio_parse(raw)
    except SplitRatioError as exc:
        raise ValueError(str(exc)) from None


def _parse_date(raw: str, today: dt.date) -> dt.date:
    raw = raw.strip()
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"'{raw[:20]}' is not a date in YYYY-MM-DD form.") from None
    if value > today:
        raise ValueError(f"{value.isoformat()} is in the future.")
    if value < EARLIEST_DATE:
        raise ValueError(f"{value.isoformat()} is before {EARLIEST_DATE.isoformat()}.")
    return value


def _parse_kind(raw: str) -> EntryKind:
    raw = raw.strip().lower()
    for kind in KINDS:
        if raw == kind:
            return kind
    raise ValueError(f"'{raw[:20]}' is not one of {', '.join(KINDS)}.")


def _parse_symbol(raw: str) -> str:
    try:
        return normalize_symbol(raw)
    except ApplicationError as exc:
        raise ValueError(exc.message) from None


def _row(line: int, row: dict[str, str], today: dt.date) -> tuple[CsvTransaction | None, list[RowError]]:
    errors: list[RowError] = []

    def attempt(field: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(row.get(field) or "")
        except ValueError as exc:
            errors.append(RowError(line, field, str(exc)))
            return None

    date = attempt("date", lambda raw: _parse_date(raw, today))
    symbol = attempt("symbol", _parse_symbol)
    kind = attempt("type", _parse_kind)
    ratio: Fraction | None = None
    if kind == "split":
        ratio = attempt("quantity", _parse_ratio)
        quantity = None if ratio is None else decimal_of(ratio)
    else:
        quantity = attempt("quantity", lambda raw: _decimal(raw, allow_zero=False, places=QUANTITY_PLACES))
    if kind == "split":
        price = attempt("price", lambda raw: _decimal(raw.strip() or "0", allow_zero=True))
        if price:
            errors.append(RowError(line, "price", "must be empty or 0 for a split (quantity is the ratio)."))
    else:
        price = attempt("price", lambda raw: _decimal(raw, allow_zero=False))
    fee = attempt("fee", lambda raw: _decimal(raw.strip() or "0", allow_zero=True))
    if errors or date is None or symbol is None or kind is None or quantity is None or price is None or fee is None:
        return None, errors
    return CsvTransaction(line, date, symbol, kind, quantity, price, fee, ratio), []


def _read(reader: Any, today: dt.date) -> tuple[list[CsvTransaction], list[RowError]]:
    header = next(reader, None)
    if not header:
        raise NotATransactionFileError("the file is empty.")
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise NotATransactionFileError(
            f"the header lacks the column(s) {', '.join(missing)}; "
            f"expected {','.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}."
        )
    rows: list[CsvTransaction] = []
    errors: list[RowError] = []
    seen = 0
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        seen += 1
        if seen > MAX_ROWS:
            raise NotATransactionFileError(f"the file has more than {MAX_ROWS} rows; split it.")
        if len(values) != len(columns):
            errors.append(RowError(line, "row", f"has {len(values)} fields, the header has {len(columns)}."))
            continue
        parsed, row_errors = _row(line, dict(zip(columns, values, strict=True)), today)
        errors.extend(row_errors)
        if parsed is not None:
            rows.append(parsed)
    return rows, errors


def transactions_csv_parse(content: bytes, *, today: dt.date) -> tuple[list[CsvTransaction], list[RowError]]:
    """Parse a transaction file; raise NotATransactionFileError when it is not one, else return rows and row errors."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotATransactionFileError("the file is not UTF-8 text.") from None
    if "\x00" in text:
        raise NotATransactionFileError("the file is binary, not CSV text.")
    reader = csv.reader(io.StringIO(text))
    try:
        rows, errors = _read(reader, today)
    except csv.Error as exc:  # e.g. an unterminated quote or a field over the csv module's size limit
        raise NotATransactionFileError(f"line {reader.line_num} cannot be read as CSV: {exc}.") from None
    if not rows and not errors:
        raise NotATransactionFileError("the file has a header but no transactions.")
    return rows, errors
