"""Splits and dividends checked against the stored prices around them, before any is stored.

A provider's or a file's event is refused, with a reason naming it, when it is dated outside the stored prices
or when the prices around it contradict it; refused events change nothing stored.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from stocks.models import DailyPrice, WeeklyPrice
from stocks.providers.base import CorporateActionEvent, CorporateActions, RejectedRow

# A split is contradicted when, applied, it leaves a close-to-close move across its ex-date beyond x1.5 either way:
# prices already adjusted for it, a split dated on the wrong day or a wrong ratio. (A real split on the day of a
# 33% crash would be refused too; a daily move that large on an ex-date is far rarer than a wrong event.)
SPLIT_GAP_LIMIT = math.log(1.5)


@dataclass(frozen=True, slots=True)
class StoredCloses:
    """One stored series' dates (oldest first) and raw closes."""

    interval: str
    dates: Sequence[dt.date]
    closes: Sequence[Decimal]

    def covers(self, ex_date: dt.date) -> bool:
        """True when a bar before `ex_date` and one on or after it are stored."""
        return bool(self.dates) and self.dates[0] < ex_date <= self.dates[-1]

    def around(self, ex_date: dt.date) -> tuple[int, int]:
        """Indices of the last bar before `ex_date` and the first on or after it (only when `covers`)."""
        after = bisect.bisect_left(self.dates, ex_date)
        return after - 1, after


def stored_closes_get(*, symbol: str) -> tuple[StoredCloses, StoredCloses]:
    """The stored daily and weekly closes of `symbol` (two queries on the (stock, date) index)."""
    series = []
    for interval, model in (("daily", DailyPrice), ("weekly", WeeklyPrice)):
        rows = list(model.objects.filter(stock_id=symbol).order_by("date").values_list("date", "close_price"))
        series.append(StoredCloses(interval, [row[0] for row in rows], [row[1] for row in rows]))
    return series[0], series[1]


def _contradiction(event: CorporateActionEvent, closes: StoredCloses) -> str | None:
    before, on = closes.around(event.ex_date)
    previous, ex = closes.closes[before], closes.closes[on]
    where = f"the {closes.interval} close went from {previous} on {closes.dates[before]} to {ex} on {closes.dates[on]}"
    if event.kind == "dividend":
        if event.value >= previous:
            return f"it is not below the previous close ({where})"
        return None
    raw_gap = math.log(ex / previous)
    adjusted_gap = raw_gap + math.log(event.value)
    if abs(adjusted_gap) > SPLIT_GAP_LIMIT:
        return (
            f"the prices around it do not show it ({where}, x{math.exp(raw_gap):.3f}; "
            f"a {event.value.normalize():f}-for-1 split would show about x{1 / event.value:.3f})"
        )
    return None


def corporate_actions_check(
    actions: CorporateActions, *, daily: StoredCloses, weekly: StoredCloses
) -> CorporateActions:
    """`actions` with every event that contradicts the stored prices (or lies outside them) moved to `rejected`.

    Daily closes are used where they cover the ex-date, weekly ones further back.
    """
    accepted: list[CorporateActionEvent] = []
    rejected: list[RejectedRow] = list(actions.rejected)
    for event in actions.events:
        closes = daily if daily.covers(event.ex_date) else weekly if weekly.covers(event.ex_date) else None
        if closes is None:
            spans = [f"{s.interval} {s.dates[0]} to {s.dates[-1]}" for s in (daily, weekly) if s.dates]
            stored = ", ".join(spans) or "none"
            reason = f"it is dated outside the stored prices ({stored}); an event needs a bar before and on or after it"
        else:
            reason = _contradiction(event, closes) or ""
        if reason:
            rejected.append(RejectedRow(event.describe(), reason))
        else:
            accepted.append(event)
    return CorporateActions(actions.symbol, accepted, rejected)
