"""CSV files as a `MarketDataProvider`: `<dir>/<SYMBOL>.csv` (daily), `<dir>/weekly/<SYMBOL>.csv`,
`<dir>/events/<SYMBOL>.csv` (splits and dividends, `date,kind,value`; see docs/api.md) and
`<dir>/fx/<BASE><QUOTE>.csv` (exchange rates, `date,rate`).

Only prices and events come from files; the other datasets raise ProviderNotFound so the service records why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from stocks.providers.base import (
    CompanyOverview,
    CorporateActions,
    EconomicSeries,
    FxSeries,
    Interval,
    IntradaySeries,
    OutputSize,
    PriceSeries,
    Quote,
    Statements,
    SymbolMatch,
)
from stocks.providers.csv.parser import (
    NotAnEventsFileError,
    NotAnFxFileError,
    NotAPriceFileError,
    parse_events_csv,
    parse_fx_csv,
    parse_price_csv,
)
from stocks.providers.errors import ProviderNotFound


def _read_text(
    path: Path, error: type[NotAPriceFileError] | type[NotAnEventsFileError] | type[NotAnFxFileError]
) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path.name} is not a UTF-8 text file.") from None


def read_fx_file(path: Path, *, base: str, quote: str, today: dt.date) -> FxSeries:
    """Daily rates of 1 `base` in `quote` from one `date,rate` CSV file; NotAnFxFileError when it is not one."""
    return parse_fx_csv(_read_text(path, NotAnFxFileError), base=base, quote=quote, today=today, name=path.name)


def read_events_file(path: Path, *, symbol: str) -> CorporateActions:
    """Splits and dividends from one `date,kind,value` CSV file; NotAnEventsFileError when it is not one."""
    return parse_events_csv(_read_text(path, NotAnEventsFileError), symbol=symbol, name=path.name)


def read_price_file(path: Path, *, today: dt.date, symbol: str, interval: Interval) -> PriceSeries:
    """A price series from one CSV file; NotAPriceFileError when the file is not a readable price CSV."""
    parsed = parse_price_csv(_read_text(path, NotAPriceFileError), today=today, name=path.name)
    return PriceSeries(symbol=symbol, interval=interval, bars=parsed.bars, rejected=parsed.rejected)


class CsvProvider:
    name = "csv"
    calls_unlimited = True

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @classmethod
    def from_settings(cls) -> CsvProvider:
        directory = getattr(settings, "MARKET_DATA_CSV_DIR", None) or settings.BACKEND_DIR / "var" / "csv"
        return cls(Path(directory))

    def _path(self, symbol: str, interval: Interval) -> Path:
        folder = self.directory / "weekly" if interval == "weekly" else self.directory
        path = folder / f"{symbol}.csv"
        if not path.is_file():
            raise ProviderNotFound(f"No {interval} price file for {symbol} at {path}.")
        return path

    def price_series(self, symbol: str, interval: Interval, outputsize: OutputSize = "compact") -> PriceSeries:
        path = self._path(symbol, interval)
        return read_price_file(path, today=dt.date.today(), symbol=symbol, interval=interval)

    def quote(self, symbol: str) -> Quote:
        bars = self.price_series(symbol, "daily").bars
        if not bars:
            raise ProviderNotFound(f"The price file for {symbol} has no valid bars.")
        last, previous = bars[-1], bars[-2] if len(bars) > 1 else bars[-1]
        change = last.close - previous.close
        return Quote(
            symbol=symbol,
            price=last.close,
            open=last.open,
            high=last.high,
            low=last.low,
            volume=last.volume,
            latest_trading_day=last.date,
            previous_close=previous.close,
            change=change,
            change_percent=(change / previous.close * 100).quantize(last.close) if previous.close else None,
        )

    def overview(self, symbol: str) -> CompanyOverview:
        raise ProviderNotFound("CSV files carry prices only: no company overview.")

    def balance_sheets(self, symbol: str) -> Statements:
        raise ProviderNotFound("CSV files carry prices only: no balance sheets.")

    def income_statements(self, symbol: str) -> Statements:
        raise ProviderNotFound("CSV files carry prices only: no income statements.")

    def cash_flows(self, symbol: str) -> Statements:
        raise ProviderNotFound("CSV files carry prices only: no cash flows.")

    def search(self, keywords: str) -> list[SymbolMatch]:
        needle = keywords.strip().upper()
        symbols = sorted(p.stem.upper() for p in self.directory.glob("*.csv")) if self.directory.is_dir() else []
        return [
            SymbolMatch(s, s, "Equity", "United States", "USD", Decimal(1)) for s in symbols if needle and needle in s
        ]

    def intraday_series(self, symbol: str) -> IntradaySeries:
        raise ProviderNotFound(f"CSV files hold daily and weekly bars only; there are no intraday bars for {symbol}.")

    def corporate_actions(self, symbol: str) -> CorporateActions:
        path = self.directory / "events" / f"{symbol}.csv"
        if not path.is_file():
            raise ProviderNotFound(f"No splits/dividends file for {symbol} at {path}.")
        return read_events_file(path, symbol=symbol)

    def economic_indicator(self, name: str, interval: str) -> EconomicSeries:
        raise ProviderNotFound("CSV files carry prices only: no economic indicators.")

    def fx_daily(self, base: str, quote: str, outputsize: OutputSize = "compact") -> FxSeries:
        path = self.directory / "fx" / f"{base}{quote}.csv"
        if not path.is_file():
            raise ProviderNotFound(f"No exchange-rate file for {base}/{quote} at {path}.")
        return read_fx_file(path, base=base, quote=quote, today=dt.date.today())
