"""Parsing of transaction CSV files (date,symbol,type,quantity,price,fee): every bad row reported with its line."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar

from core.exceptions import ApplicationError, ErrorCode
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
    """One bad value: the English `reason`, its `code` and the values (`params`) a translated sentence names."""

    line: int
    field: str
    reason: str
    code: ErrorCode
    params: dict[str, object] = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "reason": self.reason, "code": self.code, "params": self.params}


class InvalidValueError(ValueError):
    """Why one CSV value is refused: the English reason, its code and the values it names."""

    def __init__(self, reason: str, code: ErrorCode, **params: object) -> None:
        super().__init__(reason)
        self.code = code
        self.params = params


class NotATransactionFileError(ValueError):
    """The file is not a transaction CSV at all (binary, no header, missing columns); `code` says which."""

    def __init__(self, reason: str, code: ErrorCode, **params: object) -> None:
        super().__init__(reason)
        self.code = code
        self.params = params


def _decimal(raw: str, *, allow_zero: bool, places: int = MAX_DECIMALS) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise InvalidValueError(
            f"'{raw.strip()[:20]}' is not a number.", ErrorCode.NOT_A_NUMBER, value=raw.strip()[:20]
        ) from None
    if not value.is_finite():
        raise InvalidValueError(
            f"'{raw.strip()[:20]}' is not a finite number.", ErrorCode.NOT_A_NUMBER, value=raw.strip()[:20]
        )
    if value < 0 or (value == 0 and not allow_zero):
        if allow_zero:
            raise InvalidValueError("must not be negative.", ErrorCode.NEGATIVE)
        raise InvalidValueError("must be greater than zero.", ErrorCode.NOT_POSITIVE)
    if value >= MAX_VALUE:
        raise InvalidValueError(
            f"is too large (the limit is {MAX_VALUE:,}).", ErrorCode.TOO_LARGE, limit=str(MAX_VALUE)
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise InvalidValueError(f"has more than {places} decimal places.", ErrorCode.TOO_MANY_DECIMALS, places=places)
    return value


def _parse_ratio(raw: str) -> Fraction:
    """A split's new:old shares ("2:1", "1-for-3") or a decimal ratio (see portfolios.ledger.split_ratio_parse)."""
    try:
        return split_ratio_parse(raw)
    except SplitRatioError as exc:
        raise InvalidValueError(str(exc), ErrorCode.INVALID_RATIO, value=raw.strip()[:40]) from None


def _parse_date(raw: str, today: dt.date) -> dt.date:
    raw = raw.strip()
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidValueError(
            f"'{raw[:20]}' is not a date in YYYY-MM-DD form.", ErrorCode.INVALID_DATE, value=raw[:20]
        ) from None
    if value > today:
        raise InvalidValueError(f"{value.isoformat()} is in the future.", ErrorCode.FUTURE_DATE, date=value.isoformat())
    if value < EARLIEST_DATE:
        raise InvalidValueError(
            f"{value.isoformat()} is before {EARLIEST_DATE.isoformat()}.",
            ErrorCode.DATE_TOO_EARLY,
            date=value.isoformat(),
            earliest=EARLIEST_DATE.isoformat(),
        )
    return value


def _parse_kind(raw: str) -> EntryKind:
    raw = raw.strip().lower()
    for kind in KINDS:
        if raw == kind:
            return kind
    raise InvalidValueError(
        f"'{raw[:20]}' is not one of {', '.join(KINDS)}.",
        ErrorCode.INVALID_TYPE,
        value=raw[:20],
        allowed=", ".join(KINDS),
    )


def _parse_symbol(raw: str) -> str:
    try:
        return normalize_symbol(raw)
    except ApplicationError as exc:
        raise InvalidValueError(exc.message, exc.code, symbol=raw.strip()[:40]) from None


def _row(line: int, row: dict[str, str], today: dt.date) -> tuple[CsvTransaction | None, list[RowError]]:
    errors: list[RowError] = []

    def attempt(field: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(row.get(field) or "")
        except InvalidValueError as exc:
            errors.append(RowError(line, field, str(exc), exc.code, exc.params))
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
            reason = "must be empty or 0 for a split (quantity is the ratio)."
            errors.append(RowError(line, "price", reason, ErrorCode.SPLIT_PRICE))
    else:
        price = attempt("price", lambda raw: _decimal(raw, allow_zero=False))
    fee = attempt("fee", lambda raw: _decimal(raw.strip() or "0", allow_zero=True))
    if errors or date is None or symbol is None or kind is None or quantity is None or price is None or fee is None:
        return None, errors
    return CsvTransaction(line, date, symbol, kind, quantity, price, fee, ratio), []


def _read(reader: Any, today: dt.date) -> tuple[list[CsvTransaction], list[RowError]]:
    header = next(reader, None)
    if not header:
        raise NotATransactionFileError("the file is empty.", ErrorCode.EMPTY_FILE)
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        expected = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        raise NotATransactionFileError(
            f"the header lacks the column(s) {', '.join(missing)}; expected {expected}.",
            ErrorCode.MISSING_COLUMNS,
            columns=", ".join(missing),
            expected=expected,
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
            raise NotATransactionFileError(
                f"the file has more than {MAX_ROWS} rows; split it.", ErrorCode.TOO_MANY_ROWS, limit=MAX_ROWS
            )
        if len(values) != len(columns):
            reason = f"has {len(values)} fields, the header has {len(columns)}."
            counts: dict[str, object] = {"found": len(values), "expected": len(columns)}
            errors.append(RowError(line, "row", reason, ErrorCode.FIELD_COUNT, counts))
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
        raise NotATransactionFileError("the file is not UTF-8 text.", ErrorCode.NOT_UTF8) from None
    if "\x00" in text:
        raise NotATransactionFileError("the file is binary, not CSV text.", ErrorCode.BINARY_FILE)
    reader = csv.reader(io.StringIO(text))
    try:
        rows, errors = _read(reader, today)
    except csv.Error as exc:  # e.g. an unterminated quote or a field over the csv module's size limit
        raise NotATransactionFileError(
            f"line {reader.line_num} cannot be read as CSV: {exc}.", ErrorCode.UNREADABLE_CSV, line=reader.line_num
        ) from None
    if not rows and not errors:
        raise NotATransactionFileError("the file has a header but no transactions.", ErrorCode.NO_ROWS)
    return rows, errors
