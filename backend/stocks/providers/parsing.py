"""Vendor-neutral value parsing and bar sanity checks shared by every processor (pure functions, no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Literal

import numpy as np

from stocks.providers.base import (
    INTRADAY_MINUTES,
    CorporateActionEvent,
    CorporateActionKind,
    CorporateActions,
    FxObservation,
    FxSeries,
    IntradayBar,
    PriceBar,
    PriceBars,
    RejectedRow,
)
from stocks.schedule import MARKET_TZ, is_session, session_close, session_open

MISSING = frozenset({"", "-", "none", "null", "n/a", "na", "nan"})
PRICE_PLACES = Decimal("0.0001")
MAX_PRICE = Decimal("1e12")  # DecimalField(max_digits=16, decimal_places=4)
MAX_VOLUME = 2**63 - 1
INTRADAY_STEP = dt.timedelta(minutes=INTRADAY_MINUTES)


def parse_decimal(raw: object) -> Decimal | None:
    """A Decimal from a vendor string; None for missing markers ("None", "-", "") and for non-numbers. "0" is 0."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else None
    if not isinstance(raw, str):
        return None
    text = raw.strip().replace(",", "")
    if text.lower() in MISSING:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_percent(raw: object) -> Decimal | None:
    """ "0.4259%" -> Decimal("0.4259") (percent units kept); missing markers -> None."""
    if isinstance(raw, str):
        raw = raw.strip().removesuffix("%")
    return parse_decimal(raw)


def parse_int(raw: object) -> int | None:
    """An integer from "123" or "123.0"; None when missing, fractional or not a number."""
    value = parse_decimal(raw)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def parse_date(raw: object) -> dt.date | None:
    """A date from "YYYY-MM-DD" (a trailing time such as " 14:07:03" is ignored); None when not a date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    text = raw.strip()[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_text(raw: object, max_length: int) -> str:
    """A stripped string cut to the column's length; missing markers become ""."""
    if not isinstance(raw, str) or raw.strip().lower() in MISSING:
        return ""
    return raw.strip()[:max_length]


@dataclass(frozen=True, slots=True)
class RawBar:
    """One bar as the vendor sent it, before checks; `where` says where it came from (date key or line)."""

    where: str
    date: object
    open: object
    high: object
    low: object
    close: object
    volume: object


def _price(raw: object, name: str) -> Decimal | str:
    value = parse_decimal(raw)
    if value is None:
        return f"{name} is missing or not a number ({str(raw)[:20]!r})"
    if value <= 0:
        return f"{name} must be positive, got {value}"
    if value >= MAX_PRICE:
        return f"{name} {value} is out of range"
    return value.quantize(PRICE_PLACES, rounding=ROUND_HALF_EVEN)


def check_bar(raw: RawBar, *, today: dt.date) -> PriceBar | RejectedRow:
    """The bar if it passes the sanity checks, else a RejectedRow naming the first problem."""
    date = parse_date(raw.date)
    if date is None:
        return RejectedRow(raw.where, f"date is missing or not YYYY-MM-DD ({str(raw.date)[:20]!r})")
    if date > today:
        return RejectedRow(raw.where, f"date {date} is in the future")
    checked = _ohlcv_checked(raw)
    if isinstance(checked, str):
        return RejectedRow(raw.where, checked)
    return PriceBar(date, *checked)


def _ohlcv_checked(raw: RawBar) -> tuple[Decimal, Decimal, Decimal, Decimal, int] | str:
    """(open, high, low, close, volume) when the values make a bar, else the first problem."""
    prices: dict[str, Decimal] = {}
    for name, value in (("open", raw.open), ("high", raw.high), ("low", raw.low), ("close", raw.close)):
        parsed = _price(value, name)
        if isinstance(parsed, str):
            return parsed
        prices[name] = parsed
    volume_value = parse_decimal(raw.volume)
    if volume_value is None or volume_value != volume_value.to_integral_value():
        return f"volume is missing or not a whole number ({str(raw.volume)[:20]!r})"
    if volume_value < 0 or volume_value > MAX_VOLUME:
        return f"volume must be between 0 and {MAX_VOLUME}, got {volume_value}"
    low, high = prices["low"], prices["high"]
    if low > high:
        return f"low {low} is above high {high}"
    for name in ("open", "close"):
        if not low <= prices[name] <= high:
            return f"{name} {prices[name]} is outside the bar's low-high range {low}-{high}"
    return prices["open"], high, low, prices["close"], int(volume_value)


def check_bars(rows: Iterable[RawBar], *, today: dt.date) -> tuple[PriceBars, list[RejectedRow]]:
    """Good bars oldest first, and every rejected row with its reason (duplicate dates keep the first seen)."""
    raw = list(rows)
    return bars_checked(
        BarColumns(
            [r.date for r in raw],
            [r.open for r in raw],
            [r.high for r in raw],
            [r.low for r in raw],
            [r.close for r in raw],
            [r.volume for r in raw],
        ),
        where=lambda i: raw[i].where,
        today=today,
    )


@dataclass(frozen=True, slots=True)
class BarColumns:
    """A series as the vendor sent it, one list per field (row i of each list is bar i), before checks."""

    date: Sequence[object]
    open: Sequence[object]
    high: Sequence[object]
    low: Sequence[object]
    close: Sequence[object]
    volume: Sequence[object]


def bars_checked(
    columns: BarColumns, *, where: Callable[[int], str], today: dt.date
) -> tuple[PriceBars, list[RejectedRow]]:
    """`check_bar` on every row, done a column at a time: the bars that pass oldest first, and the rejected rows in
    input order (a later row with an already kept date is rejected as a duplicate). `where(i)` names row i.

    Rows whose every cell is plain text (YYYY-MM-DD, digits with at most six decimals) are checked with whole-column
    integer arithmetic, exact like Decimal's; any other row goes through `check_bar` itself, so the checks, values
    and messages are check_bar's for every row (the column checks only ever accept what check_bar accepts).
    """
    n = len(columns.date)
    date_ok, days = _plain_dates(columns.date, today)
    ok = date_ok
    prices: dict[str, np.ndarray] = {}
    for name in ("open", "high", "low", "close"):
        price_ok, positive, prices[name] = _plain_prices(getattr(columns, name))
        ok &= price_ok & positive
    volume_ok, volume = _plain_volumes(columns.volume)
    ok &= volume_ok
    low, high = prices["low"], prices["high"]
    ok &= (low <= high) & (low <= prices["open"]) & (prices["open"] <= high)
    ok &= (low <= prices["close"]) & (prices["close"] <= high)
    rejected: dict[int, RejectedRow] = {}
    for i in np.flatnonzero(~ok).tolist():
        checked = check_bar(
            RawBar(
                where(i),
                columns.date[i],
                columns.open[i],
                columns.high[i],
                columns.low[i],
                columns.close[i],
                columns.volume[i],
            ),
            today=today,
        )
        if isinstance(checked, RejectedRow):
            rejected[i] = checked
            continue
        ok[i] = True
        days[i] = (checked.date - _EPOCH).days
        for name in ("open", "high", "low", "close"):
            prices[name][i] = int(getattr(checked, name).scaleb(4))
        volume[i] = checked.volume
    kept = np.flatnonzero(ok)
    unique_days, first = np.unique(days[kept], return_index=True)  # sorted dates, each one's first row
    if first.size < kept.size:
        firsts = set(kept[first].tolist())
        first_of = dict(zip(unique_days.tolist(), kept[first].tolist(), strict=True))
        for i in kept.tolist():
            if i not in firsts:
                day = _EPOCH + dt.timedelta(days=int(days[i]))
                rejected[i] = RejectedRow(where(i), f"duplicate date {day} (first at {where(first_of[int(days[i])])})")
    rows = kept[first]
    bars = PriceBars(
        days[rows].astype("datetime64[D]"),
        prices["open"][rows],
        prices["high"][rows],
        prices["low"][rows],
        prices["close"][rows],
        volume[rows],
    )
    assert len(bars) + len(rejected) == n
    return bars, [rejected[i] for i in sorted(rejected)]


_EPOCH = dt.date(1970, 1, 1)  # datetime64[D] counts days from here
_POW10 = 10 ** np.arange(19, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class _ColumnText:
    """A column's cells as one ASCII byte array, cells separated by newlines: every check is an array operation."""

    chars: np.ndarray  # uint8
    cell: np.ndarray  # the cell each byte belongs to
    starts: np.ndarray
    ends: np.ndarray  # one past each cell's last byte (its separator)

    @classmethod
    def of(cls, values: Sequence[object]) -> _ColumnText | None:
        """None unless every cell is an ASCII str without a newline (those cells are left to check_bar)."""
        if not values or not set(map(type, values)) <= {str}:
            return None
        text = "\n".join(values)  # type: ignore[arg-type]  # every value is a str (checked above)
        if not text.isascii() or text.count("\n") != len(values) - 1:
            return None
        chars = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        separator = chars == 10
        ends = np.append(np.flatnonzero(separator), chars.size)
        starts = np.concatenate(([0], ends[:-1] + 1))
        return cls(chars, np.cumsum(separator), starts, ends)

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many bytes of each cell `mask` marks."""
        return np.bincount(self.cell[mask], minlength=self.starts.size)

    def digits_value(self, point: np.ndarray) -> np.ndarray:
        """The number each cell's digits spell, a decimal point skipped (callers use cells of at most 18 digits)."""
        digit = np.flatnonzero((self.chars >= 48) & (self.chars <= 57))
        value = np.zeros(self.starts.size, dtype=np.int64)
        if not digit.size:
            return value
        cell = self.cell[digit]
        after = self.ends[cell] - digit - 1  # digits (and the point) after this digit in its cell
        point_index = np.full(self.starts.size, -1)
        point_index[self.cell[point]] = np.flatnonzero(point)
        power = np.clip(after - (point_index[cell] > digit), 0, 18)
        worth = (self.chars[digit].astype(np.int64) - 48) * _POW10[power]
        first = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
        value[cell[first]] = np.add.reduceat(worth, first)
        return value


def _plain_prices(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(plain, positive, units) per cell: plain is `digits[.digits]` with 1-12 integer digits and 1-6 decimals;
    units is the value in 0.0001, rounded half to even like `check_bar` (exact, in int64)."""
    n = len(values)
    column = _ColumnText.of(values)
    if column is None:
        return np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, np.int64)
    chars = column.chars
    point = chars == 46
    other = ~(((chars >= 48) & (chars <= 57)) | point | (chars == 10))
    points = column.count(point)
    point_at = np.zeros(n, dtype=np.int64)
    point_at[column.cell[point]] = np.flatnonzero(point)
    length = column.ends - column.starts
    whole = np.where(points == 1, point_at - column.starts, length)  # integer digits
    decimals = np.where(points == 1, column.ends - point_at - 1, 0)
    plain = (
        (column.count(other) == 0)
        & (points <= 1)
        & (whole >= 1)
        & (whole <= 12)
        & ((points == 0) | ((decimals >= 1) & (decimals <= 6)))
    )
    millionths = np.where(plain, column.digits_value(point), 0) * _POW10[np.clip(6 - decimals, 0, 6)]
    units, rest = np.divmod(millionths, 100)
    units += (rest > 50) | ((rest == 50) & (units % 2 == 1))
    return plain, millionths > 0, units


def _plain_volumes(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """(plain, value) per cell: plain is 1-18 digits (below 2**63 - 1, so always in range)."""
    n = len(values)
    column = _ColumnText.of(values)
    if column is None:
        return np.zeros(n, bool), np.zeros(n, np.int64)
    chars = column.chars
    other = ~(((chars >= 48) & (chars <= 57)) | (chars == 10))
    length = column.ends - column.starts
    plain = (column.count(other) == 0) & (length >= 1) & (length <= 18)
    return plain, np.where(plain, column.digits_value(np.zeros(chars.size, bool)), 0)


def _plain_dates(values: Sequence[object], today: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """(plain, days since 1970-01-01) per cell: plain is a real YYYY-MM-DD date (year 1 on) not after `today`."""
    n = len(values)
    column = _ColumnText.of(values)
    if column is None:
        return np.zeros(n, bool), np.zeros(n, np.int64)
    sized = column.ends - column.starts == 10
    at = np.where(sized, column.starts, 0)[:, None] + np.arange(10)
    chars = np.append(column.chars, np.zeros(10, np.uint8))[at].astype(np.int64)  # (n, 10)
    digit = (chars >= 48) & (chars <= 57)
    value = np.where(digit, chars - 48, 0)
    shape = sized & digit[:, [0, 1, 2, 3, 5, 6, 8, 9]].all(axis=1) & (chars[:, 4] == 45) & (chars[:, 7] == 45)
    year = value[:, 0] * 1000 + value[:, 1] * 100 + value[:, 2] * 10 + value[:, 3]
    month = value[:, 5] * 10 + value[:, 6]
    day = value[:, 8] * 10 + value[:, 9]
    shape &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    months = np.where(shape, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    first = months.astype("datetime64[D]")
    month_days = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
    days = (first - np.datetime64(_EPOCH, "D")).astype(np.int64) + day - 1
    plain = shape & (day <= month_days) & (days <= (today - _EPOCH).days)
    return plain, days


def parse_market_time(raw: object) -> dt.datetime | None:
    """A bar time "YYYY-MM-DD HH:MM[:SS]" in New York time (how Alpha Vantage labels intraday bars) -> UTC."""
    if not isinstance(raw, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=MARKET_TZ)
    return parsed.astimezone(dt.UTC)


def check_intraday_bars(
    rows: Iterable[RawBar], *, now: dt.datetime, labelled_by: Literal["start", "end"]
) -> tuple[list[IntradayBar], list[RejectedRow]]:
    """Regular-session 5-minute bars oldest first (each timed by its start), and every rejected row with its reason.

    `date` of each row is the time its vendor labels it with: the bar's start or its end (`labelled_by`). A row is
    refused when its time is not a date and time, lies in the future, is off the 5-minute grid, falls on a day the
    NYSE is closed, repeats an earlier time, or fails the bar checks. Bars of the extended hours (before the open,
    from the close on) are valid data but not what a daily bar covers, so they are left out without counting as
    rejected.
    """
    bars: list[IntradayBar] = []
    rejected: list[RejectedRow] = []
    seen: dict[dt.datetime, str] = {}
    for raw in rows:
        label = parse_market_time(raw.date)
        if label is None:
            reason = f"time is missing or not YYYY-MM-DD HH:MM:SS ({str(raw.date)[:25]!r})"
            rejected.append(RejectedRow(raw.where, reason))
            continue
        start = label - INTRADAY_STEP if labelled_by == "end" else label
        local = label.astimezone(MARKET_TZ)
        if start > now:
            rejected.append(RejectedRow(raw.where, f"time {local:%Y-%m-%d %H:%M} is in the future"))
            continue
        if local.minute % INTRADAY_MINUTES or local.second or local.microsecond:
            reason = f"time {local:%H:%M:%S} is not on the {INTRADAY_MINUTES}-minute grid"
            rejected.append(RejectedRow(raw.where, reason))
            continue
        day = start.astimezone(MARKET_TZ).date()
        if not is_session(day):
            rejected.append(RejectedRow(raw.where, f"{day} is not an NYSE session"))
            continue
        if not session_open(day) <= start < session_close(day):
            continue
        checked = _ohlcv_checked(raw)
        if isinstance(checked, str):
            rejected.append(RejectedRow(raw.where, checked))
        elif start in seen:
            reason = f"duplicate time {label.astimezone(MARKET_TZ):%Y-%m-%d %H:%M} (first at {seen[start]})"
            rejected.append(RejectedRow(raw.where, reason))
        else:
            seen[start] = raw.where
            bars.append(IntradayBar(start, *checked))
    bars.sort(key=lambda bar: bar.time)
    return bars, rejected


MAX_EVENT_VALUE = Decimal(1_000_000)  # CorporateAction.ratio / amount: max_digits=12, decimal_places=6
EVENT_PLACES = Decimal("0.000001")


def corporate_action_check(
    kind: CorporateActionKind, raw_date: object, raw_value: object
) -> CorporateActionEvent | str:
    """The event if its date and value make sense on their own, else the reason it is refused."""
    date = parse_date(raw_date)
    if date is None:
        return f"date is missing or not YYYY-MM-DD ({str(raw_date)[:20]!r})"
    value = parse_decimal(raw_value)
    name = "split ratio" if kind == "split" else "dividend"
    if value is None:
        return f"{name} on {date} is missing or not a number ({str(raw_value)[:20]!r})"
    if kind == "split" and value <= 0:
        return f"split ratio on {date} must be above 0, got {value}"
    if kind == "dividend" and value < 0:
        return f"dividend on {date} must not be negative, got {value}"
    if kind == "dividend" and value == 0:
        return f"dividend on {date} is 0: it pays nothing"
    if value >= MAX_EVENT_VALUE:
        return f"{name} on {date} is out of range ({value})"
    stored = value.quantize(EVENT_PLACES, rounding=ROUND_HALF_EVEN)
    if stored == 0:
        return f"{name} on {date} rounds to 0 at six decimals ({value})"
    return CorporateActionEvent(kind, date, stored)


def corporate_actions_checked(
    symbol: str, kind: CorporateActionKind, rows: list[tuple[str, object, object]]
) -> CorporateActions:
    """`rows` of (where, date, value) -> events oldest first and refused rows (a second event on a date is refused)."""
    events: dict[dt.date, CorporateActionEvent] = {}
    rejected: list[RejectedRow] = []
    for where, raw_date, raw_value in rows:
        checked = corporate_action_check(kind, raw_date, raw_value)
        if isinstance(checked, str):
            rejected.append(RejectedRow(f"{kind} {where}", checked))
        elif checked.ex_date in events:
            rejected.append(RejectedRow(checked.describe(), f"a second {kind} on {checked.ex_date}"))
        else:
            events[checked.ex_date] = checked
    return CorporateActions(symbol, sorted(events.values(), key=lambda e: e.ex_date), rejected)


MAX_FX_RATE = Decimal("1e13")  # FxRate.rate: max_digits=24, decimal_places=10
FX_PLACES = Decimal("1e-10")


def _fx_observation(raw_date: object, raw_rate: object, *, today: dt.date) -> FxObservation | str:
    date = parse_date(raw_date)
    if date is None:
        return f"date is missing or not YYYY-MM-DD ({str(raw_date)[:20]!r})"
    if date > today:
        return f"date {date} is in the future"
    rate = parse_decimal(raw_rate)
    if rate is None:
        return f"rate on {date} is missing or not a number ({str(raw_rate)[:20]!r})"
    stored = rate.quantize(FX_PLACES, rounding=ROUND_HALF_EVEN) if 0 < rate < MAX_FX_RATE else Decimal(0)
    if stored <= 0:
        return f"rate on {date} must be a positive number below 10^13 ({rate})"
    return FxObservation(date, stored)


def fx_series_checked(base: str, quote: str, rows: Iterable[tuple[str, object, object]], *, today: dt.date) -> FxSeries:
    """`rows` of (where, date, closing rate) -> observations oldest first and the refused rows with their reasons.

    A rate must be a positive number below 10^13 that stays above zero at ten decimals, on a date not after
    `today`; a second row for a date is refused (the first one read is kept).
    """
    by_date: dict[dt.date, FxObservation] = {}
    rejected: list[RejectedRow] = []
    for where, raw_date, raw_rate in rows:
        checked = _fx_observation(raw_date, raw_rate, today=today)
        if isinstance(checked, FxObservation) and checked.date in by_date:
            checked = f"a second rate on {checked.date}"
        if isinstance(checked, str):
            rejected.append(RejectedRow(where, checked))
        else:
            by_date[checked.date] = checked
    return FxSeries(base, quote, [by_date[d] for d in sorted(by_date)], rejected)
