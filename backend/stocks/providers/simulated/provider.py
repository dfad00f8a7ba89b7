"""The simulated provider: a deterministic demo market for `make run` without an API key, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache

import numpy as np

from stocks.providers.base import (
    INTRADAY_MINUTES,
    PRICE_SCALE,
    CompanyOverview,
    CorporateActionEvent,
    CorporateActions,
    EconomicSeries,
    FxSeries,
    Interval,
    IntradayBar,
    IntradaySeries,
    OutputSize,
    PriceBars,
    PriceSeries,
    Quote,
    Statements,
    SymbolMatch,
)
from stocks.providers.errors import ProviderNotFound
from stocks.providers.simulated.economy import simulate_economic_series
from stocks.providers.simulated.fx import simulate_fx_series
from stocks.providers.simulated.intraday import simulate_session
from stocks.providers.simulated.model import (
    SimulatedBars,
    aggregate_weekly,
    dividend_schedule,
    simulate_daily,
)
from stocks.providers.simulated.statements import simulate_statements
from stocks.providers.simulated.universe import UNIVERSE, Listing
from stocks.schedule import is_market_open, last_closed_session, session_at, session_close, session_open

COMPACT_BARS = 100
QUOTE_TICK_SECONDS = 5
INTRADAY_SESSIONS = 5  # enough for the 5D chart; the simulation is cheap to repeat
INTRADAY_STEP = dt.timedelta(minutes=INTRADAY_MINUTES)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _dec(value: float, places: int = 4) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def bars_from_arrays(
    dates: np.ndarray, open_: np.ndarray, high: np.ndarray, low: np.ndarray, close: np.ndarray, volume: np.ndarray
) -> PriceBars:
    """Standard bars from one symbol's arrays (prices already rounded to 4 places, so x * 10,000 is whole)."""
    o, h, lo, c = (
        np.rint(np.asarray(a, dtype=np.float64) * PRICE_SCALE).astype(np.int64) for a in (open_, high, low, close)
    )
    return PriceBars(np.asarray(dates).astype("datetime64[D]"), o, h, lo, c, np.asarray(volume, dtype=np.int64))


class SimulatedProvider:
    """Implements `MarketDataProvider` from a seeded simulation; no quota, no network."""

    name = "simulated"
    calls_unlimited = True

    def __init__(
        self, *, seed: int, universe: Sequence[Listing] = UNIVERSE, clock: Callable[[], dt.datetime] | None = None
    ) -> None:
        self.seed = seed
        self.listings = {listing.symbol: listing for listing in universe}
        self._clock = clock or (lambda: dt.datetime.now(tz=dt.UTC))

    def _listing(self, symbol: str) -> Listing:
        try:
            return self.listings[symbol]
        except KeyError:
            raise ProviderNotFound(f"{symbol} is not in the simulated universe.") from None

    def last_session(self) -> dt.date:
        return last_closed_session(self._clock())

    def simulate(self, symbols: Sequence[str], *, max_bars: int | None = None) -> SimulatedBars:
        """Raw daily arrays for many symbols at once (vectorised; used by benchmarks and the demo loader)."""
        return simulate_daily(
            [self._listing(s) for s in symbols], seed=self.seed, end=self.last_session(), max_bars=max_bars
        )

    def _daily(self, symbol: str) -> SimulatedBars:
        return _cached_daily(self.seed, self._listing(symbol), self.last_session())

    def price_series(self, symbol: str, interval: Interval, outputsize: OutputSize = "compact") -> PriceSeries:
        sim = self._daily(symbol)
        arrays = (sim.dates, sim.open[0], sim.high[0], sim.low[0], sim.close[0], sim.volume[0])
        if interval == "weekly":
            arrays = aggregate_weekly(*arrays)
        elif outputsize == "compact":
            arrays = tuple(a[-COMPACT_BARS:] for a in arrays)  # type: ignore[assignment]
        return PriceSeries(symbol=symbol, interval=interval, bars=bars_from_arrays(*arrays))

    def intraday_series(self, symbol: str) -> IntradaySeries:
        """5-minute bars of the last INTRADAY_SESSIONS closed sessions, each session adding up to its daily bar."""
        sim = self._daily(symbol)
        bars: list[IntradayBar] = []
        for i in range(max(0, len(sim.dates) - INTRADAY_SESSIONS), len(sim.dates)):
            day: dt.date = sim.dates[i].astype(dt.date)
            opens_at = session_open(day)
            count = int((session_close(day) - opens_at) / INTRADAY_STEP)
            rng = np.random.default_rng([self.seed, zlib.crc32(f"{symbol}:intraday:{day.isoformat()}".encode())])
            session = simulate_session(
                float(sim.open[0, i]),
                float(sim.high[0, i]),
                float(sim.low[0, i]),
                float(sim.close[0, i]),
                int(sim.volume[0, i]),
                count=count,
                rng=rng,
            )
            bars += [
                IntradayBar(opens_at + n * INTRADAY_STEP, _dec(o), _dec(h), _dec(lo), _dec(c), v)
                for n, (o, h, lo, c, v) in enumerate(
                    zip(
                        session.open.tolist(),
                        session.high.tolist(),
                        session.low.tolist(),
                        session.close.tolist(),
                        session.volume.tolist(),
                        strict=True,
                    )
                )
            ]
        return IntradaySeries(symbol=symbol, bars=bars)

    def quote(self, symbol: str) -> Quote:
        listing = self._listing(symbol)
        sim = self._daily(symbol)
        now = self._clock()
        # In a session the quote is that session's price, moving from the last close (its previous close); outside
        # one it belongs to the last closed session, whose bar is the newest simulated one.
        last_day: dt.date = sim.dates[-1].astype(dt.date)
        in_session = is_market_open(now) and session_at(now) > last_day
        session = session_at(now) if in_session else last_day
        last_close = float(sim.close[0, -1])
        previous_close = last_close if in_session else float(sim.close[0, -2])
        # A deterministic intraday walk: the same instant always gives the same price, and it changes every tick.
        ticks_per_day = 86_400 // QUOTE_TICK_SECONDS
        day_start = dt.datetime.combine(now.date(), dt.time(), tzinfo=dt.UTC)
        tick = int((now - day_start).total_seconds()) // QUOTE_TICK_SECONDS
        rng = np.random.default_rng([self.seed, zlib.crc32(f"{symbol}:{now.date().isoformat()}".encode())])
        walk = np.cumsum(rng.standard_normal(ticks_per_day))
        daily_vol = max(listing.volatility, 0.1) / math.sqrt(252)
        price = last_close * math.exp(daily_vol * 0.5 * walk[tick] / math.sqrt(ticks_per_day))
        day_open = last_close if in_session else float(sim.open[0, -1])
        seen = last_close * np.exp(daily_vol * 0.5 * walk[: tick + 1] / math.sqrt(ticks_per_day))
        change = price - previous_close
        return Quote(
            symbol=symbol,
            price=_dec(price),
            open=_dec(day_open),
            high=_dec(max(float(seen.max()), day_open, price)),
            low=_dec(min(float(seen.min()), day_open, price)),
            volume=int(sim.volume[0, -1]),
            latest_trading_day=session,
            previous_close=_dec(previous_close),
            change=_dec(change),
            change_percent=_dec(change / previous_close * 100),
        )

    def overview(self, symbol: str) -> CompanyOverview:
        listing = self._listing(symbol)
        sim = self._daily(symbol)
        close = sim.close[0]
        price = float(close[-1])
        year = close[-252:]
        statements = self._statements(symbol)
        income = statements["income_statement"].quarterly[:4]
        fields: dict[str, object] = {
            "name": listing.name,
            "asset_type": listing.asset_type,
            "exchange": listing.exchange,
            "currency": "USD",
            "country": "USA",
            "sector": listing.sector,
            "industry": listing.industry,
            "description": listing.description,
            "fiscal_year_end": _MONTHS[listing.fiscal_year_end_month - 1],
            "shares_outstanding": int(listing.shares_millions * 1e6),
            "market_capitalization": Decimal(int(price * listing.shares_millions * 1e6)),
            "beta": _dec(listing.beta),
            "week_52_high": _dec(float(sim.high[0, -252:].max())),
            "week_52_low": _dec(float(sim.low[0, -252:].min())),
            "day_50_moving_average": _dec(float(close[-50:].mean())),
            "day_200_moving_average": _dec(float(close[-200:].mean())),
            "dividend_yield": _dec(listing.dividend_yield),
            "dividend_per_share": _dec(listing.dividend_yield * float(year.mean())),
        }
        if len(income) == 4:
            revenue = sum(float(r.items["total_revenue"] or 0) for r in income)
            net_income = sum(float(r.items["net_income"] or 0) for r in income)
            eps = net_income / (listing.shares_millions * 1e6)
            fields |= {
                "latest_quarter": income[0].fiscal_date_ending,
                "revenue_ttm": Decimal(int(revenue)),
                "gross_profit_ttm": Decimal(int(sum(float(r.items["gross_profit"] or 0) for r in income))),
                "ebitda": Decimal(int(sum(float(r.items["ebitda"] or 0) for r in income))),
                "eps": _dec(eps),
                "diluted_eps_ttm": _dec(eps),
                "profit_margin": _dec(net_income / revenue),
                "revenue_per_share_ttm": _dec(revenue / (listing.shares_millions * 1e6)),
                "pe_ratio": _dec(price / eps) if eps > 0 else None,
                "trailing_pe": _dec(price / eps) if eps > 0 else None,
                "price_to_sales_ratio_ttm": _dec(price * listing.shares_millions * 1e6 / revenue),
            }
        return CompanyOverview(symbol=symbol, fields=fields)

    def _statements(self, symbol: str) -> dict[str, Statements]:
        return _cached_statements(self.seed, self._listing(symbol), self.last_session())

    def balance_sheets(self, symbol: str) -> Statements:
        return self._statements(symbol)["balance_sheet"]

    def income_statements(self, symbol: str) -> Statements:
        return self._statements(symbol)["income_statement"]

    def cash_flows(self, symbol: str) -> Statements:
        return self._statements(symbol)["cash_flow"]

    def search(self, keywords: str) -> list[SymbolMatch]:
        needle = keywords.strip().upper()
        if not needle:
            return []
        matches: list[tuple[Decimal, Listing]] = []
        for listing in self.listings.values():
            if listing.symbol == needle:
                score = Decimal("1.0000")
            elif listing.symbol.startswith(needle):
                score = _dec(len(needle) / len(listing.symbol))
            elif needle in listing.name.upper():
                score = _dec(min(0.9, len(needle) / len(listing.name)))
            else:
                continue
            matches.append((score, listing))
        matches.sort(key=lambda m: (-m[0], m[1].symbol))
        return [
            SymbolMatch(
                listing.symbol,
                listing.name,
                "ETF" if listing.asset_type == "ETF" else "Equity",
                "United States",
                "USD",
                score,
            )
            for score, listing in matches[:10]
        ]

    def corporate_actions(self, symbol: str) -> CorporateActions:
        """The listing's splits and its dividend schedule after the first simulated session (an event on the first
        bar adjusts nothing and cannot be checked against a previous close)."""
        listing = self._listing(symbol)
        sim = self._daily(symbol)
        first, last = sim.dates[0].astype(dt.date), sim.dates[-1].astype(dt.date)
        events = [
            CorporateActionEvent("split", ex_date, _dec(ratio, 6))
            for ex_date, ratio in listing.splits
            if first < ex_date <= last
        ]
        events += [
            CorporateActionEvent("dividend", ex_date, _dec(amount, 6))
            for ex_date, amount in dividend_schedule(listing, self.seed, sim.dates, sim.close[0])
            if first < ex_date
        ]
        return CorporateActions(symbol, sorted(events, key=lambda e: (e.ex_date, e.kind)))

    def economic_indicator(self, name: str, interval: str) -> EconomicSeries:
        """Made-up US indicators (stocks.providers.simulated.economy), periods ended by the last session."""
        return _cached_economic(self.seed, name, interval, self.last_session())

    def fx_daily(self, base: str, quote: str, outputsize: OutputSize = "compact") -> FxSeries:
        """Made-up rates (stocks.providers.simulated.fx) up to the last session: 100 weekdays, or all since 2000."""
        days = None if outputsize == "full" else COMPACT_BARS
        return simulate_fx_series(base, quote, seed=self.seed, last_day=self.last_session(), days=days)


@lru_cache(maxsize=32)
def _cached_economic(seed: int, name: str, interval: str, end: dt.date) -> EconomicSeries:
    return simulate_economic_series(name, interval, seed=seed, last_day=end)


@lru_cache(maxsize=64)
def _cached_daily(seed: int, listing: Listing, end: dt.date) -> SimulatedBars:
    return simulate_daily([listing], seed=seed, end=end)


@lru_cache(maxsize=64)
def _cached_statements(seed: int, listing: Listing, end: dt.date) -> dict[str, Statements]:
    return simulate_statements(listing, seed=seed, last_session=end)
