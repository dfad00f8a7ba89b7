"""The stored-data consistency check: weekly bars against their daily bars, balance sheets that balance, no missing
sessions inside a stored daily range, no bar breaking its own constraints. Findings are stored per run.

Tolerances (stated here, shown in the refresh status):
- weekly bar vs. its daily bars: open = first daily open, close = last daily close, high = max high, low = min low
  within 0.1 % of the daily value (vendors round prices to 4 places, the bars can round differently); volume =
  sum of daily volumes within 1 % (Alpha Vantage's weekly volume is not always the exact sum of its daily ones).
  Only weeks whose every session up to the weekly bar's date is stored as a daily bar are compared.
- balance sheet: |total assets - (total liabilities + total shareholder equity)| <= 1 % of |total assets|
  (minority interests, which Alpha Vantage leaves out of shareholder equity, are usually smaller than that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from stocks.models import (
    BalanceSheet,
    ConsistencyCheck,
    ConsistencyFinding,
    DailyPrice,
    FindingKind,
    Stock,
    WeeklyPrice,
)
from stocks.schedule import calendar

PRICE_TOLERANCE = Decimal("0.001")  # relative
VOLUME_TOLERANCE = Decimal("0.01")  # relative
BALANCE_TOLERANCE = Decimal("0.01")  # relative to total assets
KEEP_RUNS = 30  # older runs (and their findings) are deleted when a new one is stored

Bar = tuple[dt.date, Decimal, Decimal, Decimal, Decimal, int]  # date, open, high, low, close, volume
_BAR_FIELDS = ("date", "open_price", "high_price", "low_price", "close_price", "volume")


def _finding(symbol: str, kind: FindingKind, day: dt.date | None, detail: str, **values: Any) -> ConsistencyFinding:
    return ConsistencyFinding(stock_id=symbol, kind=kind, date=day, detail=detail, values=values)


def _off(stored: Decimal, expected: Decimal, tolerance: Decimal) -> bool:
    return abs(stored - expected) > tolerance * abs(expected)


def _sessions(first: dt.date, last: dt.date) -> list[dt.date]:
    import pandas as pd

    return [ts.date() for ts in calendar().sessions_in_range(pd.Timestamp(first), pd.Timestamp(last))]


def weekly_mismatches(symbol: str, daily: Sequence[Bar], weekly: Sequence[Bar]) -> Iterator[ConsistencyFinding]:
    """Weekly bars that disagree with the daily bars of their week (Monday up to the weekly bar's date)."""
    if not daily:
        return
    by_date = {bar[0]: bar for bar in daily}
    first_daily, last_daily = daily[0][0], daily[-1][0]
    for w_date, w_open, w_high, w_low, w_close, w_volume in weekly:
        monday = w_date - dt.timedelta(days=w_date.weekday())
        if monday < first_daily or w_date > last_daily:
            continue
        days = _sessions(monday, w_date)
        bars = [by_date[day] for day in days if day in by_date]
        if not days or len(bars) != len(days):
            continue  # a week with missing daily bars is reported as missing sessions instead
        expected = {
            "open": bars[0][1],
            "high": max(bar[2] for bar in bars),
            "low": min(bar[3] for bar in bars),
            "close": bars[-1][4],
        }
        stored = {"open": w_open, "high": w_high, "low": w_low, "close": w_close}
        wrong = [name for name in expected if _off(stored[name], expected[name], PRICE_TOLERANCE)]
        volume = sum(bar[5] for bar in bars)
        if _off(Decimal(w_volume), Decimal(volume), VOLUME_TOLERANCE):
            wrong.append("volume")
        if wrong:
            values: dict[str, Any] = {
                name: {"weekly": str(stored[name]), "daily": str(expected[name])} for name in wrong if name != "volume"
            }
            if "volume" in wrong:
                values["volume"] = {"weekly": w_volume, "daily": volume}
            yield _finding(
                symbol,
                FindingKind.WEEKLY_MISMATCH,
                w_date,
                f"weekly bar of {w_date.isoformat()} disagrees with its {len(bars)} daily bars on {', '.join(wrong)}",
                **values,
            )


def missing_sessions(symbol: str, dates: Sequence[dt.date]) -> Iterator[ConsistencyFinding]:
    """One finding per run of consecutive NYSE sessions with no daily bar, between the first and last stored one."""
    if len(dates) < 2:
        return
    stored = set(dates)
    gap: list[dt.date] = []
    for day in [*_sessions(dates[0], dates[-1]), None]:
        if day is not None and day not in stored:
            gap.append(day)
            continue
        if gap:
            yield _finding(
                symbol,
                FindingKind.MISSING_SESSIONS,
                gap[0],
                f"{len(gap)} session(s) without a daily bar from {gap[0].isoformat()} to {gap[-1].isoformat()}",
                first=gap[0].isoformat(),
                last=gap[-1].isoformat(),
                sessions=len(gap),
            )
            gap = []


def unbalanced_sheets(rows: Iterable[Mapping[str, Any]]) -> Iterator[ConsistencyFinding]:
    """Balance sheets whose assets differ from liabilities + equity by more than BALANCE_TOLERANCE of assets."""
    for row in rows:
        assets, liabilities, equity = row["total_assets"], row["total_liabilities"], row["total_shareholder_equity"]
        difference = assets - (liabilities + equity)
        if abs(difference) <= BALANCE_TOLERANCE * abs(assets):
            continue
        quarter = f" Q{row['fiscal_quarter']}" if row["fiscal_quarter"] else ""
        relative = (difference / assets) if assets else None
        yield _finding(
            row["stock_id"],
            FindingKind.BALANCE_SHEET_UNBALANCED,
            row["fiscal_date_ending"],
            f"{row['period_type']} {row['fiscal_year']}{quarter}: assets {assets} != liabilities {liabilities} + "
            f"equity {equity} (off by {difference})",
            period_type=row["period_type"],
            fiscal_year=row["fiscal_year"],
            fiscal_quarter=row["fiscal_quarter"],
            total_assets=str(assets),
            total_liabilities=str(liabilities),
            total_shareholder_equity=str(equity),
            difference=str(difference),
            relative=None if relative is None else f"{relative:.6f}",
        )


_BROKEN_BAR = (
    Q(low_price__gt=F("open_price"))
    | Q(low_price__gt=F("close_price"))
    | Q(high_price__lt=F("open_price"))
    | Q(high_price__lt=F("close_price"))
    | Q(low_price__lte=0)
    | Q(volume__lt=0)
)


def broken_bars(symbols: Sequence[str]) -> Iterator[ConsistencyFinding]:
    """Daily and weekly bars with low above open or close, high below them, a non-positive low or negative volume.

    The tables have CHECK constraints for these, so a finding means rows written around them (raw SQL, a restore
    into a schema without constraints); the check keeps them from hiding.
    """
    for model, interval in ((DailyPrice, "daily"), (WeeklyPrice, "weekly")):
        rows = model.objects.filter(_BROKEN_BAR, stock_id__in=symbols).values_list("stock_id", *_BAR_FIELDS)
        for symbol, day, open_, high, low, close, volume in rows.order_by("stock_id", "date"):
            broken = [
                rule
                for rule, bad in (
                    ("low <= open", low > open_),
                    ("low <= close", low > close),
                    ("high >= open", high < open_),
                    ("high >= close", high < close),
                    ("low > 0", low <= 0),
                    ("volume >= 0", volume < 0),
                )
                if bad
            ]
            yield _finding(
                symbol,
                FindingKind.BAR_CONSTRAINT,
                day,
                f"{interval} bar of {day.isoformat()} breaks {', '.join(broken)}",
                interval=interval,
                open=str(open_),
                high=str(high),
                low=str(low),
                close=str(close),
                volume=volume,
            )


def _bars(model: type[DailyPrice] | type[WeeklyPrice], symbol: str) -> list[Bar]:
    return list(model.objects.filter(stock_id=symbol).order_by("date").values_list(*_BAR_FIELDS))


def consistency_check_run(*, symbols: Sequence[str] | None = None) -> ConsistencyCheck:
    """Check the stored data of `symbols` (default: every stored stock) and store the run with its findings."""
    started = timezone.now()
    wanted = list(Stock.objects.order_by("symbol").values_list("symbol", flat=True))
    if symbols is not None:
        chosen = set(symbols)
        wanted = [symbol for symbol in wanted if symbol in chosen]
    findings: list[ConsistencyFinding] = []
    for symbol in wanted:
        daily = _bars(DailyPrice, symbol)
        findings.extend(missing_sessions(symbol, [bar[0] for bar in daily]))
        findings.extend(weekly_mismatches(symbol, daily, _bars(WeeklyPrice, symbol)))
    sheets = BalanceSheet.objects.filter(
        stock_id__in=wanted,
        total_assets__isnull=False,
        total_liabilities__isnull=False,
        total_shareholder_equity__isnull=False,
    ).order_by("stock_id", "fiscal_date_ending")
    findings.extend(
        unbalanced_sheets(
            sheets.values(
                "stock_id",
                "period_type",
                "fiscal_year",
                "fiscal_quarter",
                "fiscal_date_ending",
                "total_assets",
                "total_liabilities",
                "total_shareholder_equity",
            )
        )
    )
    findings.extend(broken_bars(wanted))
    with transaction.atomic():
        run = ConsistencyCheck.objects.create(
            started_at=started, finished_at=timezone.now(), symbols_checked=len(wanted), findings_count=len(findings)
        )
        for finding in findings:
            finding.check_run = run
        ConsistencyFinding.objects.bulk_create(findings, batch_size=500)
        old = ConsistencyCheck.objects.order_by("-started_at", "-id").values_list("pk", flat=True)[KEEP_RUNS:]
        ConsistencyCheck.objects.filter(pk__in=list(old)).delete()
    return run
