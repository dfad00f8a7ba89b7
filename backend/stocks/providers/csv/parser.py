"""Price CSV parsing for Alpha Vantage (timestamp,open,...) and Yahoo (Date,Open,...,Adj Close,Volume) layouts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from stocks.providers.base import PriceBar, RejectedRow
from stocks.providers.errors import ProviderSchemaError
from stocks.providers.parsing import RawBar, check_bars

_DATE_COLUMNS = ("timestamp", "date")
_REQUIRED = ("open", "high", "low", "close", "volume")


class NotAPriceFileError(ProviderSchemaError):
    """The file is not a price CSV at all (wrong header, not text, empty); it is refused whole."""


@dataclass(frozen=True, slots=True)
class PriceCsv:
    layout: str  # "alphavantage" or "yahoo"
    bars: list[PriceBar]
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
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
        layout, index = _columns(header, name)
        raw_rows: list[RawBar] = []
        short_rows: list[RejectedRow] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            where = f"line {reader.line_num}"
            if len(row) <= max(index.values()):
                short_rows.append(RejectedRow(where, f"has {len(row)} columns, the header has {len(header)}"))
                continue
            raw_rows.append(
                RawBar(
                    where,
                    row[index["date"]],
                    row[index["open"]],
                    row[index["high"]],
                    row[index["low"]],
                    row[index["close"]],
                    row[index["volume"]],
                )
            )
    except csv.Error as exc:
        raise NotAPriceFileError(f"{name} is not a readable CSV file: {exc}.") from exc
    except StopIteration:
        raise NotAPriceFileError(f"{name} has no header row.") from None
    bars, rejected = check_bars(raw_rows, today=today)
    rejected = sorted(short_rows + rejected, key=lambda r: int(r.where.removeprefix("line ")))
    return PriceCsv(layout=layout, bars=bars, rejected=rejected)
