"""Price CSV parsing for Alpha Vantage (timestamp,open,...) and Yahoo (Date,Open,...,Adj Close,Volume) layouts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import repeat
from operator import methodcaller

from stocks.providers.base import CorporateActions, FxSeries, PriceBar, RejectedRow
from stocks.providers.errors import ProviderSchemaError
from stocks.providers.parsing import BarColumns, bars_checked, corporate_actions_checked, fx_series_checked

_DATE_COLUMNS = ("timestamp", "date")
_REQUIRED = ("open", "high", "low", "close", "volume")


class NotAPriceFileError(ProviderSchemaError):
    """The file is not a price CSV at all (wrong header, not text, empty); it is refused whole."""


@dataclass(frozen=True, slots=True)
class PriceCsv:
    layout: str  # "alphavantage" or "yahoo"
    bars: Sequence[PriceBar]
    rejected: list[RejectedRow] = field(default_factory=list)


def _columns(header: list[str], name: str) -> tuple[str, dict[str, int]]:
    lowered = [column.strip().lstrip("\ufeff").lower() for column in header]
    date_column = next((c for c in _DATE_COLUMNS if c in lowered), None)
    missing = [c for c in _REQUIRED if c not in lowered]
    if date_column is None or missing:
        shown = ",".join(column.strip() for column in header)[:120]
        needs = "timestamp,open,high,low,close,volume or Date,Open,High,Low,Close,Adj Close,Volume"
        raise NotAPriceFileError(f"{name} is not a price file: header is '{shown}', expected {needs}.")
    layout = "alphavantage" if date_column == "timestamp" else "yahoo"
    return layout, {c: lowered.index(c) for c in (date_column, *_REQUIRED)} | {"date": lowered.index(date_column)}


def parse_price_csv(text: str, *, today: dt.date, name: str = "the file") -> PriceCsv:
    """Bars from a price CSV in any row order; bad rows are rejected with their line number and reason."""
    stripped = text.lstrip()
    if not stripped:
        raise NotAPriceFileError(f"{name} is empty.")
    if stripped.startswith(("{", "[")):
        raise NotAPriceFileError(f"{name} is JSON, not a price CSV: {stripped[:120]}")
    header, lines, columns, short_rows = _plain_rows(text) or _csv_rows(text, name)
    layout, index = _columns(header, name)
    bars, rejected = bars_checked(
        BarColumns(*(columns[index[c]] for c in ("date", *_REQUIRED))),
        where=lambda i: f"line {lines[i]}",
        today=today,
    )
    if short_rows:
        rejected = sorted(short_rows + rejected, key=lambda r: int(r.where.removeprefix("line ")))
    return PriceCsv(layout=layout, bars=bars, rejected=rejected)


# header, the line number of each row kept, one sequence of cells per column, rows with too few columns
_Rows = tuple[list[str], Sequence[int], list[Sequence[str]], list[RejectedRow]]


def _plain_rows(text: str) -> _Rows | None:
    """The file split at newlines and commas in bulk when the csv module would read it the same way: no quotes,
    NUL or lone CR, every line as many fields as the header, no blank line, no field over the csv module's limit.
    None otherwise (then the csv module reads it)."""
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    header = lines[0].split(",")
    body = lines[1:]
    commas = len(header) - 1
    if not lines[0] or any(count != commas for count in map(str.count, body, repeat(","))):
        return None
    if body and max(map(len, body)) >= csv.field_size_limit():
        return None
    if not all(map(str.strip, map(methodcaller("replace", ",", ""), body))):  # a blank row: the csv path skips it
        return None
    cells = ",".join(body).split(",") if body else []
    width = len(header)
    return header, range(2, len(body) + 2), [cells[i::width] for i in range(width)], []


def _csv_rows(text: str, name: str) -> _Rows:
    """The rows as the csv module reads them (quoted fields, blank lines, ragged rows), blank rows left out."""
    reader = csv.reader(io.StringIO(text))
    lines: list[int] = []
    rows: list[list[str]] = []
    short_rows: list[RejectedRow] = []
    try:
        header = next(reader)
        _, index = _columns(header, name)
        width = max(index.values())
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= width:
                short_rows.append(
                    RejectedRow(f"line {reader.line_num}", f"has {len(row)} columns, the header has {len(header)}")
                )
                continue
            lines.append(reader.line_num)
            rows.append(row)
    except csv.Error as exc:
        raise NotAPriceFileError(f"{name} is not a readable CSV file: {exc}.") from exc
    except StopIteration:
        raise NotAPriceFileError(f"{name} has no header row.") from None
    columns: list[Sequence[str]] = list(zip(*rows, strict=False)) if rows else [() for _ in range(width + 1)]
    return header, lines, columns, short_rows


# Splits and dividends: `date,kind,value` -------------------------------------------------------------------------

EVENT_COLUMNS = ("date", "kind", "value")


class NotAnEventsFileError(ProviderSchemaError):
    """The file is not a splits/dividends CSV (wrong header, not text, empty); it is refused whole."""


def _split_ratio(raw: str) -> str:
    """ "4:1" (Yahoo's "Stock Splits" notation: 4 new shares for 1) -> "4"; a plain number is left as it is."""
    new, colon, old = raw.partition(":")
    if not colon:
        return raw
    try:
        return str(Decimal(new.strip()) / Decimal(old.strip()))
    except (InvalidOperation, ZeroDivisionError):
        return raw


def parse_events_csv(text: str, *, symbol: str, name: str = "the file") -> CorporateActions:
    """Splits and dividends from a `date,kind,value` CSV (any row order, extra columns ignored).

    `kind` is `split` (value: the ratio, 4 or 4:1 for a 4-for-1 split, 0.1 or 1:10 for a 1-for-10 reverse split)
    or `dividend` (value: the cash amount per share on the ex-date). Bad rows are refused with their line number.
    """
    stripped = text.lstrip()
    if not stripped:
        raise NotAnEventsFileError(f"{name} is empty.")
    reader = csv.reader(io.StringIO(text))
    try:
        header = [column.strip().lstrip("\ufeff").lower() for column in next(reader)]
        header = ["date" if column == "ex_date" else column for column in header]
        if any(column not in header for column in EVENT_COLUMNS):
            shown = ",".join(header)[:120]
            raise NotAnEventsFileError(
                f"{name} is not a splits/dividends file: header is '{shown}', expected date,kind,value."
            )
        index = {column: header.index(column) for column in EVENT_COLUMNS}
        splits: list[tuple[str, object, object]] = []
        dividends: list[tuple[str, object, object]] = []
        rejected: list[RejectedRow] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            where = f"line {reader.line_num}"
            if len(row) <= max(index.values()):
                rejected.append(RejectedRow(where, f"has {len(row)} columns, the header has {len(header)}"))
                continue
            date, kind, value = (row[index[c]].strip() for c in EVENT_COLUMNS)
            if kind.lower() == "split":
                splits.append((where, date, _split_ratio(value)))
            elif kind.lower() == "dividend":
                dividends.append((where, date, value))
            else:
                rejected.append(RejectedRow(where, f"kind must be split or dividend, got {kind[:20]!r}"))
    except csv.Error as exc:
        raise NotAnEventsFileError(f"{name} is not a readable CSV file: {exc}.") from exc
    except StopIteration:
        raise NotAnEventsFileError(f"{name} has no header row.") from None
    checked_splits = corporate_actions_checked(symbol, "split", splits)
    checked_dividends = corporate_actions_checked(symbol, "dividend", dividends)
    return CorporateActions(
        symbol,
        sorted(checked_splits.events + checked_dividends.events, key=lambda e: (e.ex_date, e.kind)),
        rejected + checked_splits.rejected + checked_dividends.rejected,
    )


class NotAnFxFileError(ProviderSchemaError):
    """The file is not an exchange-rate CSV (no date and rate columns, not text, empty); it is refused whole."""


FX_DATE_COLUMNS = ("date", "timestamp")
FX_RATE_COLUMNS = ("rate", "close")


def parse_fx_csv(text: str, *, base: str, quote: str, today: dt.date, name: str = "the file") -> FxSeries:
    """Daily rates of 1 `base` in `quote` from a CSV with a `date` (or `timestamp`) and a `rate` (or `close`)
    column, in any order: Alpha Vantage's FX_DAILY CSV reads as it is. Rows that fail the checks are refused with
    their line; a file without those columns is refused whole."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    date_col = next((c for c in FX_DATE_COLUMNS if c in header), None)
    rate_col = next((c for c in FX_RATE_COLUMNS if c in header), None)
    if date_col is None or rate_col is None:
        raise NotAnFxFileError(
            f"{name} needs a date (or timestamp) and a rate (or close) column; found: {', '.join(header) or 'none'}."
        )
    reader.fieldnames = header
    try:
        rows = [(f"line {i + 2}", row.get(date_col), row.get(rate_col)) for i, row in enumerate(reader)]
    except csv.Error as exc:
        raise NotAnFxFileError(f"{name} is not readable CSV: {exc}.") from exc
    if not rows:
        raise NotAnFxFileError(f"{name} has no rows.")
    return fx_series_checked(base, quote, rows, today=today)
