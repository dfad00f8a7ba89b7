"""Vendor-neutral value parsing and bar sanity checks shared by every processor (pure functions, no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Literal

from stocks.providers.base import (
    INTRADAY_MINUTES,
    CorporateActionEvent,
    CorporateActionKind,
    CorporateActions,
    IntradayBar,
    PriceBar,
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


def check_bars(rows: Iterable[RawBar], *, today: dt.date) -> tuple[list[PriceBar], list[RejectedRow]]:
    """Good bars oldest first, and every rejected row with its reason (duplicate dates keep the first seen)."""
    bars: list[PriceBar] = []
    rejected: list[RejectedRow] = []
    seen: dict[dt.date, str] = {}
    for raw in rows:
        result = check_bar(raw, today=today)
        if isinstance(result, RejectedRow):
            rejected.append(result)
        elif result.date in seen:
            rejected.append(RejectedRow(raw.where, f"duplicate date {result.date} (first at {seen[result.date]})"))
        else:
            seen[result.date] = raw.where
            bars.append(result)
    bars.sort(key=lambda bar: bar.date)
    return bars, rejected


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
