"""Vendor-neutral value parsing and bar sanity checks shared by every processor (pure functions, no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from stocks.providers.base import CorporateActionEvent, CorporateActionKind, CorporateActions, PriceBar, RejectedRow

MISSING = frozenset({"", "-", "none", "null", "n/a", "na", "nan"})
PRICE_PLACES = Decimal("0.0001")
MAX_PRICE = Decimal("1e12")  # DecimalField(max_digits=16, decimal_places=4)
MAX_VOLUME = 2**63 - 1


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
    prices: dict[str, Decimal] = {}
    for name, value in (("open", raw.open), ("high", raw.high), ("low", raw.low), ("close", raw.close)):
        parsed = _price(value, name)
        if isinstance(parsed, str):
            return RejectedRow(raw.where, parsed)
        prices[name] = parsed
    volume_value = parse_decimal(raw.volume)
    if volume_value is None or volume_value != volume_value.to_integral_value():
        return RejectedRow(raw.where, f"volume is missing or not a whole number ({str(raw.volume)[:20]!r})")
    if volume_value < 0 or volume_value > MAX_VOLUME:
        return RejectedRow(raw.where, f"volume must be between 0 and {MAX_VOLUME}, got {volume_value}")
    low, high = prices["low"], prices["high"]
    if low > high:
        return RejectedRow(raw.where, f"low {low} is above high {high}")
    for name in ("open", "close"):
        if not low <= prices[name] <= high:
            return RejectedRow(raw.where, f"{name} {prices[name]} is outside the bar's low-high range {low}-{high}")
    return PriceBar(date, prices["open"], high, low, prices["close"], int(volume_value))


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
