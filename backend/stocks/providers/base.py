"""The provider interface and the vendor-neutral standard models every provider returns.

A provider is the only code that knows a vendor. Services and APIs use these types only, so a
second real vendor is a new package under `stocks/providers/` and nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol, overload

import numpy as np

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


PRICE_SCALE = 10_000  # prices are stored with four decimals: PriceBars holds them as integers of 0.0001


def _decimal(units: int) -> Decimal:
    """0.0001 units -> the stored Decimal with its four places (1871500 -> Decimal("187.1500"))."""
    return Decimal(f"{units // PRICE_SCALE}.{units % PRICE_SCALE:04d}")


class PriceBars(Sequence[PriceBar]):
    """Bars held as columns: dates (datetime64[D]), prices in 0.0001 units and volumes (int64), oldest first.

    Parsers and the simulation fill the columns in bulk and the service copies them to the database as they are,
    so a 5,000-bar series never becomes 30,000 Python objects on the way; `bars[i]` builds one PriceBar on demand.
    """

    __slots__ = ("close", "dates", "high", "low", "open", "volume")

    def __init__(
        self,
        dates: np.ndarray,
        open_: np.ndarray,
        high: np.ndarray,
        low: np.ndarray,
        close: np.ndarray,
        volume: np.ndarray,
    ) -> None:
        self.dates = dates.astype("datetime64[D]", copy=False)
        self.open, self.high, self.low, self.close, self.volume = (
            np.asarray(column, dtype=np.int64) for column in (open_, high, low, close, volume)
        )

    @classmethod
    def from_bars(cls, bars: Sequence[PriceBar]) -> PriceBars:
        """Columns from PriceBar objects (prices with at most four decimals, as every parser returns them)."""
        if isinstance(bars, PriceBars):
            return bars
        open_, high, low, close = (
            np.array([int(getattr(bar, name).scaleb(4)) for bar in bars], dtype=np.int64)
            for name in ("open", "high", "low", "close")
        )
        dates = np.array([bar.date for bar in bars], dtype="datetime64[D]")
        return cls(dates, open_, high, low, close, np.array([bar.volume for bar in bars], dtype=np.int64))

    def __len__(self) -> int:
        return int(self.dates.size)

    @overload
    def __getitem__(self, index: int) -> PriceBar: ...

    @overload
    def __getitem__(self, index: slice) -> PriceBars: ...

    def __getitem__(self, index: int | slice) -> PriceBar | PriceBars:
        if isinstance(index, slice):
            return PriceBars(
                self.dates[index],
                self.open[index],
                self.high[index],
                self.low[index],
                self.close[index],
                self.volume[index],
            )
        return PriceBar(
            self.dates[index].item(),
            _decimal(int(self.open[index])),
            _decimal(int(self.high[index])),
            _decimal(int(self.low[index])),
            _decimal(int(self.close[index])),
            int(self.volume[index]),
        )

    def __iter__(self) -> Iterator[PriceBar]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PriceBars):
            return len(self) == len(other) and all(
                np.array_equal(getattr(self, name), getattr(other, name)) for name in self.__slots__
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable arrays inside, like a list

    def __repr__(self) -> str:
        return f"PriceBars({len(self)} bars{f', {self.dates[0]}..{self.dates[-1]}' if len(self) else ''})"


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row a processor refused, with where it was and why (shown to users and in command summaries)."""

    where: str  # e.g. "2024-01-05" or "line 17"
    reason: str


@dataclass(frozen=True, slots=True)
class PriceSeries:
    symbol: str
    interval: Interval
    bars: Sequence[PriceBar]  # PriceBars from every provider; a plain list of PriceBar works too
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


@dataclass(frozen=True, slots=True)
class ListedSymbol:
    """One active listing of the provider's whole listing (the local symbol catalogue's source)."""

    symbol: str
    name: str
    exchange: str
    asset_type: str


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


@dataclass(frozen=True, slots=True)
class FxObservation:
    date: dt.date
    rate: Decimal  # 1 unit of the series' `base` costs `rate` units of its `quote`, at the day's close


@dataclass(frozen=True, slots=True)
class FxSeries:
    """Daily closing rates of one currency pair, oldest first, and the rows refused with their reasons."""

    base: str
    quote: str
    observations: list[FxObservation]
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

    def fx_daily(self, base: str, quote: str, outputsize: OutputSize = "compact") -> FxSeries:
        """Daily closes of 1 `base` in `quote` (ISO 4217 codes); ProviderNotFound when the provider has none."""
        ...
