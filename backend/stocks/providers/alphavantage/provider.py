"""Alpha Vantage as a `MarketDataProvider`: client calls -> processor functions -> standard models."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from zoneinfo import ZoneInfo

from stocks.providers.alphavantage import processor
from stocks.providers.alphavantage.client import NAME, AlphaVantageClient, Payload
from stocks.providers.base import (
    CompanyOverview,
    CorporateActionKind,
    CorporateActions,
    EconomicSeries,
    FxSeries,
    Interval,
    IntradaySeries,
    ListedSymbol,
    OutputSize,
    PriceSeries,
    Quote,
    Statements,
    SymbolMatch,
)
from stocks.providers.errors import ProviderPremiumRequired, ProviderSchemaError

logger = logging.getLogger(__name__)
NEW_YORK = ZoneInfo("America/New_York")


def _today() -> dt.date:
    return dt.datetime.now(tz=NEW_YORK).date()


class AlphaVantageProvider:
    """Asks for CSV bodies wherever Alpha Vantage offers them (smaller, and the freshest recordings are CSV)."""

    name = NAME
    calls_unlimited = False

    def __init__(self, client: AlphaVantageClient) -> None:
        self.client = client

    @classmethod
    def from_settings(cls) -> AlphaVantageProvider:
        return cls(AlphaVantageClient.from_settings())

    def quote(self, symbol: str) -> Quote:
        payload = self.client.global_quote(symbol, "csv")
        if isinstance(payload, str):
            return processor.quote_from_csv(payload, symbol)
        return processor.quote_from_json(payload, symbol)

    def overview(self, symbol: str) -> CompanyOverview:
        return processor.overview_from_json(self.client.overview(symbol), symbol)

    def _series(self, payload: Payload, symbol: str, interval: Interval) -> PriceSeries:
        if isinstance(payload, str):
            return processor.price_series_from_csv(payload, symbol, interval, today=_today())
        return processor.price_series_from_json(payload, symbol, interval, today=_today())

    def price_series(self, symbol: str, interval: Interval, outputsize: OutputSize = "compact") -> PriceSeries:
        if interval == "weekly":
            return self._series(self.client.time_series_weekly(symbol, "csv"), symbol, interval)
        try:
            return self._series(self.client.time_series_daily(symbol, outputsize, "csv"), symbol, interval)
        except ProviderPremiumRequired:
            if outputsize != "full":
                raise
            # Free keys may be refused outputsize=full: keep the last 100 bars and say the history is partial.
            logger.warning("Full daily history for %s is premium-only; falling back to compact", symbol)
            series = self._series(self.client.time_series_daily(symbol, "compact", "csv"), symbol, interval)
            return replace(series, partial_history=True)

    def intraday_series(self, symbol: str) -> IntradaySeries:
        """The last month of 5-minute bars (outputsize=full); the last 100 bars when a free key is refused full."""
        now = dt.datetime.now(tz=dt.UTC)
        try:
            payload = self.client.time_series_intraday(symbol, "full", "csv")
        except ProviderPremiumRequired:
            logger.warning("Full intraday history for %s is premium-only; falling back to compact", symbol)
            payload = self.client.time_series_intraday(symbol, "compact", "csv")
        if isinstance(payload, str):
            return processor.intraday_series_from_csv(payload, symbol, now=now)
        return processor.intraday_series_from_json(payload, symbol, now=now)

    def balance_sheets(self, symbol: str) -> Statements:
        return processor.statements_from_json(self.client.balance_sheet(symbol), symbol, "balance_sheet")

    def income_statements(self, symbol: str) -> Statements:
        return processor.statements_from_json(self.client.income_statement(symbol), symbol, "income_statement")

    def cash_flows(self, symbol: str) -> Statements:
        return processor.statements_from_json(self.client.cash_flow(symbol), symbol, "cash_flow")

    def search(self, keywords: str) -> list[SymbolMatch]:
        payload = self.client.symbol_search(keywords)
        if isinstance(payload, str):
            return processor.symbol_matches_from_csv(payload)
        return processor.symbol_matches_from_json(payload)

    def listed_symbols(self) -> list[ListedSymbol]:
        """The provider's whole active listing: one LISTING_STATUS call."""
        payload = self.client.listing_status()
        if not isinstance(payload, str):
            raise ProviderSchemaError("LISTING_STATUS answered JSON instead of CSV.")
        return processor.listed_symbols_from_csv(payload)

    def _actions(self, payload: Payload, symbol: str, kind: CorporateActionKind) -> CorporateActions:
        if isinstance(payload, str):
            return processor.corporate_actions_from_csv(payload, symbol, kind)
        return processor.corporate_actions_from_json(payload, symbol, kind)

    def corporate_actions(self, symbol: str) -> CorporateActions:
        """SPLITS then DIVIDENDS (two calls); either answer failing fails the whole step, so nothing half-stored."""
        splits = self._actions(self.client.splits(symbol, "csv"), symbol, "split")
        dividends = self._actions(self.client.dividends(symbol, "csv"), symbol, "dividend")
        return CorporateActions(
            symbol,
            sorted(splits.events + dividends.events, key=lambda e: (e.ex_date, e.kind)),
            splits.rejected + dividends.rejected,
        )

    def economic_indicator(self, name: str, interval: str) -> EconomicSeries:
        payload = self.client.economic_indicator(name, interval)
        if isinstance(payload, str):
            raise ProviderSchemaError(f"Alpha Vantage sent CSV for {name}, which is asked for as JSON.")
        return processor.economic_series_from_json(payload, name, interval)

    def fx_daily(self, base: str, quote: str, outputsize: OutputSize = "compact") -> FxSeries:
        """FX_DAILY as CSV; a free key refused outputsize=full gets the last 100 days."""
        try:
            payload = self.client.fx_daily(base, quote, outputsize, "csv")
        except ProviderPremiumRequired:
            if outputsize != "full":
                raise
            logger.warning("Full FX_DAILY history for %s/%s is premium-only; falling back to compact", base, quote)
            payload = self.client.fx_daily(base, quote, "compact", "csv")
        if isinstance(payload, str):
            return processor.fx_series_from_csv(payload, base, quote, today=_today())
        return processor.fx_series_from_json(payload, base, quote, today=_today())
