"""Exchange rates for conversions: each currency's stored rates against the US dollar, looked up by date.

A day's rate is the pair's close of that date, or of the last earlier date within FX_MAX_AGE_DAYS (weekends and
holidays have no FX close; a Saturday uses Friday's). Beyond that the rate is missing: the caller reports it
(`missing`), it never guesses. A pair stored as USD/X (say, from a CSV) is used inverted where X/USD has no row;
a conversion between two non-dollar currencies crosses through the dollar (CHF->KRW = CHF/USD / KRW/USD).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from core.currencies import USD, currency_codes
from stocks.models import FxRate

FX_MAX_AGE_DAYS = 4
ONE = Decimal(1)


@dataclass(slots=True)
class _Track:
    dates: list[dt.date] = field(default_factory=list)
    usd: list[Decimal] = field(default_factory=list)  # US dollars per unit on each date


@dataclass(slots=True)
class FxTable:
    """Rates from any stored currency to `base`; every failed look-up is kept in `missing` as (currency, date)."""

    base: str
    tracks: dict[str, _Track] = field(default_factory=dict)
    missing: set[tuple[str, dt.date]] = field(default_factory=set)

    def usd_per_unit(self, currency: str, date: dt.date) -> tuple[Decimal, dt.date] | None:
        """(US dollars per unit of `currency`, the rate's date) in force on `date`; None when missing."""
        if currency == USD:
            return ONE, date
        track = self.tracks.get(currency)
        index = -1 if track is None else bisect_right(track.dates, date) - 1
        if track is None or index < 0 or (date - track.dates[index]).days > FX_MAX_AGE_DAYS:
            self.missing.add((currency, date))
            return None
        return track.usd[index], track.dates[index]

    def rate(self, currency: str, date: dt.date) -> Decimal | None:
        """Units of `base` per unit of `currency` on `date`; None (and recorded in `missing`) when unknown."""
        if currency == self.base:
            return ONE
        source = self.usd_per_unit(currency, date)
        target = self.usd_per_unit(self.base, date)
        if source is None or target is None:
            return None
        return source[0] / target[0]

    def rate_date(self, currency: str, date: dt.date) -> dt.date | None:
        """The date of the stored rate `rate` uses for `currency` (the older of the two legs when crossing)."""
        if currency == self.base:
            return date
        legs = [self.usd_per_unit(code, date) for code in (currency, self.base) if code != USD]
        if any(leg is None for leg in legs):
            return None
        return min((leg[1] for leg in legs if leg is not None), default=date)


def fx_table_get(*, currencies: Iterable[str], base: str) -> FxTable:
    """Every stored rate of `currencies` and `base` against the dollar (one query)."""
    codes = {c for c in (*currencies, base) if c != USD}
    table = FxTable(base=base)
    if not codes:
        return table
    by_currency: dict[str, dict[dt.date, Decimal]] = defaultdict(dict)
    inverted: dict[str, dict[dt.date, Decimal]] = defaultdict(dict)
    rows = FxRate.objects.filter(Q(base__in=codes, quote=USD) | Q(base=USD, quote__in=codes)).values_list(
        "base", "quote", "date", "rate"
    )
    for pair_base, pair_quote, date, rate in rows:
        if pair_quote == USD:
            by_currency[pair_base][date] = rate
        else:
            inverted[pair_quote][date] = ONE / rate
    for code in codes:
        merged = {**inverted.get(code, {}), **by_currency.get(code, {})}
        dates = sorted(merged)
        table.tracks[code] = _Track(dates, [merged[d] for d in dates])
    return table


def fx_missing_report(missing: Iterable[tuple[str, dt.date]]) -> list[dict[str, object]]:
    """Missing rates per currency: the first and last date without a rate and how many dates that was."""
    by_currency: dict[str, list[dt.date]] = defaultdict(list)
    for currency, date in missing:
        by_currency[currency].append(date)
    return [
        {"currency": code, "date": min(dates), "until": max(dates), "days": len(set(dates))}
        for code, dates in sorted(by_currency.items())
    ]


def trading_currency(stored: str, overview_fetched_at: dt.datetime | None) -> tuple[str, str]:
    """(currency, where it came from): the overview's Currency when an overview was stored with a valid code
    ("overview"), else US dollars ("default": no overview yet, or it named no ISO 4217 currency)."""
    code = stored.strip().upper()
    if overview_fetched_at is not None and code in currency_codes():
        return code, "overview"
    return USD, "default"
