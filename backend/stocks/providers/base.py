"""The provider interface and the vendor-neutral standard models every provider returns.

A provider is the only code that knows a vendor. Services and APIs use these types only, so a
second real vendor is a new package under `stocks/providers/` and nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

Interval = Literal["daily", "weekly"]
OutputSize = Literal["compact", "full"]
PeriodKind = Literal["annual", "quarterly"]


@dataclass(frozen=True, slots=True)
class Quote:
    symbol: str
    price: Decimal
    open: Decimal | None
    high: Decimal | None
    low: Decimal | None
    volume: int | None
    latest_trading_day: dt.date | None
    previous_close: Decimal | None
    change: Decimal | None
    change_percent: Decimal | None  # percent units: "0.4259%" -> Decimal("0.4259")


@dataclass(frozen=True, slots=True)
class CompanyOverview:
    """Company facts and metrics; `fields` holds model field names (see stocks.models.Stock) -> parsed values."""

    symbol: str
    fields: dict[str, object]


@dataclass(frozen=True, slots=True)
class PriceBar:
    date: dt.date
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: int


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row a processor refused, with where it was and why (shown to users and in command summaries)."""

    where: str  # e.g. "2024-01-05" or "line 17"
    reason: str


@dataclass(frozen=True, slots=True)
class PriceSeries:
    symbol: str
    interval: Interval
    bars: list[PriceBar]
    rejected: list[RejectedRow] = field(default_factory=list)
    partial_history: bool = False  # True when full history was refused and only recent bars came back


@dataclass(frozen=True, slots=True)
class IntradayBar:
    """One intraday bar; `time` is the bar's start (timezone-aware, UTC)."""

    time: dt.datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: int


INTRADAY_MINUTES = 5  # the one intraday interval stored: 5-minute bars


@dataclass(frozen=True, slots=True)
class IntradaySeries:
    """5-minute bars of the regular session, oldest first, and the rows refused with their reasons."""

    symbol: str
    bars: list[IntradayBar]
    rejected: list[RejectedRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StatementReport:
    """One balance sheet, income statement or cash-flow report; `items` uses model field names."""

    period_type: PeriodKind
    fiscal_date_ending: dt.date
    fiscal_year: int
    fiscal_quarter: int | None
    reported_currency: str
    items: dict[str, Decimal | None]


@dataclass(frozen=True, slots=True)
class Statements:
    symbol: str
    annual: list[StatementReport]
    quarterly: list[StatementReport]
    rejected: list[RejectedRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SymbolMatch:
    symbol: str
    name: str
    type: str
    region: str
    currency: str
    match_score: Decimal


CorporateActionKind = Literal["split", "dividend"]


@dataclass(frozen=True, slots=True)
class CorporateActionEvent:
    kind: CorporateActionKind
    ex_date: dt.date
    value: Decimal  # split ratio (4 for 4-for-1) or cash amount per share of the ex-date

    def describe(self) -> str:
        """How a user names the event: "split 2020-08-31 (4-for-1)", "dividend 2026-05-08 (1.69)"."""
        shown = f"{self.value.normalize():f}"
        return (
            f"{self.kind} {self.ex_date} ({shown}-for-1)"
            if self.kind == "split"
            else f"dividend {self.ex_date} ({shown})"
        )


@dataclass(frozen=True, slots=True)
class CorporateActions:
    """Splits and dividends of one symbol, oldest first, and the rows refused with their reasons."""

    symbol: str
    events: list[CorporateActionEvent]
    rejected: list[RejectedRow] = field(default_factory=list)


# US economic indicators (Alpha Vantage's names) and the intervals each is published at; the first is the one collected.
ECONOMIC_INDICATORS: dict[str, tuple[str, ...]] = {
    "REAL_GDP": ("quarterly", "annual"),
    "CPI": ("monthly", "semiannual"),
    "INFLATION": ("annual",),
    "FEDERAL_FUNDS_RATE": ("monthly", "weekly", "daily"),
    "TREASURY_YIELD": ("monthly", "weekly", "daily"),  # the 10-year maturity
    "UNEMPLOYMENT": ("monthly",),
}


@dataclass(frozen=True, slots=True)
class EconomicObservation:
    date: dt.date
    value: Decimal | None  # None where the source has no value for the date (Alpha Vantage's ".")


@dataclass(frozen=True, slots=True)
class EconomicSeries:
    """One economic indicator at one interval, oldest first, and the rows refused with their reasons."""

    name: str
    interval: str
    unit: str
    observations: list[EconomicObservation]
    rejected: list[RejectedRow] = field(default_factory=list)


class MarketDataProvider(Protocol):
    """What every provider offers. Methods raise `stocks.providers.errors.ProviderError` subclasses."""

    name: str  # stored as the `source` of every row it produced ("alphavantage", "simulated", "csv")
    calls_unlimited: bool  # True when the provider has no quota worth planning around

    def quote(self, symbol: str) -> Quote: ...

    def overview(self, symbol: str) -> CompanyOverview: ...

    def price_series(self, symbol: str, interval: Interval, outputsize: OutputSize = "compact") -> PriceSeries: ...

    def intraday_series(self, symbol: str) -> IntradaySeries:
        """The recent sessions' 5-minute bars (regular hours); ProviderNotFound when the provider has none."""
        ...

    def balance_sheets(self, symbol: str) -> Statements: ...

    def income_statements(self, symbol: str) -> Statements: ...

    def cash_flows(self, symbol: str) -> Statements: ...

    def search(self, keywords: str) -> list[SymbolMatch]: ...

    def corporate_actions(self, symbol: str) -> CorporateActions: ...

    def economic_indicator(self, name: str, interval: str) -> EconomicSeries: ...
