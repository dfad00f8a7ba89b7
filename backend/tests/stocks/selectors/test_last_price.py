"""One last price per stock: which stored value wins, the previous session's close by the XNYS calendar, and when
the price was observed, across a session boundary, a weekend, a holiday (Thanksgiving 2026-11-26) and an early
close (2026-11-27, 13:00 New York time); and every reader (overview, watchlist, summary, WebSocket) shows it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from stocks.models import CorporateAction, CorporateActionKind, DailyPrice, DataSource, Stock
from stocks.realtime import price_update_message
from stocks.schedule import MARKET_TZ, previous_session, session_close
from stocks.selectors.last_price import LastPrice, last_price_get, last_prices_get
from tests.factories import StockFactory
from tests.portfolios.factories import HoldingFactory, TransactionFactory, WatchlistEntryFactory

pytestmark = pytest.mark.django_db


def ny(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=MARKET_TZ).astimezone(dt.UTC)


MON_23, TUE_24, WED_25, THU_26, FRI_27 = (dt.date(2026, 11, d) for d in (23, 24, 25, 26, 27))
FRI_20, SAT_21, MON_30 = dt.date(2026, 11, 20), dt.date(2026, 11, 21), dt.date(2026, 11, 30)


def bars(symbol: str, *closes: tuple[dt.date, str]) -> None:
    """Daily bars fetched 20 minutes after their session's close, as the planner fetches them."""
    for day, close in closes:
        DailyPrice.objects.create(
            stock_id=symbol,
            date=day,
            open_price=Decimal(close),
            high_price=Decimal(close),
            low_price=Decimal(close),
            close_price=Decimal(close),
            volume=1_000,
            source=DataSource.SIMULATED,
            fetched_at=session_close(day) + dt.timedelta(minutes=20),
        )


def quote(symbol: str, price: str, *, session: dt.date, fetched_at: dt.datetime, previous: str | None = None) -> None:
    Stock.objects.filter(symbol=symbol).update(
        real_time_price=Decimal(price),
        latest_trading_day=session,
        quote_fetched_at=fetched_at,
        previous_close=None if previous is None else Decimal(previous),
        volume=777,
    )


def last(symbol: str) -> LastPrice:
    price = last_price_get(symbol=symbol)
    assert price is not None
    return price


@pytest.fixture
def sym() -> str:
    return StockFactory.create(symbol="LAST").symbol


def test_a_session_boundary_measures_the_quote_against_yesterdays_close_not_the_providers(sym: str) -> None:
    # The reported bug: the provider's previous close was the day before yesterday's (100), so +5 instead of -5.
    bars(sym, (MON_23, "100"), (TUE_24, "110"))
    quote(sym, "105", session=WED_25, fetched_at=ny(WED_25, 10, 30), previous="100")
    price = last(sym)
    assert (price.basis, price.price, price.session) == ("quote", Decimal("105"), WED_25)
    assert (price.previous_session, price.previous_close) == (TUE_24, Decimal("110"))
    assert price.change == Decimal("-5")
    assert price.change_percent is not None
    assert round(price.change_percent, 4) == Decimal("-4.5455")
    assert price.observed_at == ny(WED_25, 10, 30)
    assert price.volume == 777


def test_the_newer_observation_wins_between_the_quote_and_the_days_bar(sym: str) -> None:
    bars(sym, (TUE_24, "110"), (WED_25, "108"))
    # A quote from 15:00 is older than the 16:00 close the bar carries: the bar wins, observed at the close.
    quote(sym, "107", session=WED_25, fetched_at=ny(WED_25, 15))
    price = last(sym)
    assert (price.basis, price.price, price.observed_at) == ("daily_close", Decimal("108"), ny(WED_25, 16))
    assert (price.previous_close, price.change) == (Decimal("110"), Decimal("-2"))
    # A quote fetched after the close is the newer observation.
    quote(sym, "108.02", session=WED_25, fetched_at=ny(WED_25, 16, 25))
    price = last(sym)
    assert (price.basis, price.price, price.observed_at) == ("quote", Decimal("108.02"), ny(WED_25, 16, 25))
    assert price.change == Decimal("-1.98")
    # A quote of an older session never beats a newer bar, however late it was fetched.
    quote(sym, "99", session=TUE_24, fetched_at=ny(THU_26, 12))
    assert (last(sym).basis, last(sym).price) == ("daily_close", Decimal("108"))


def test_over_a_weekend_monday_compares_with_friday_and_saturday_with_thursday(sym: str) -> None:
    bars(sym, (dt.date(2026, 11, 19), "50"), (FRI_20, "52"))
    quote(sym, "52.5", session=FRI_20, fetched_at=ny(SAT_21, 11))  # the demo clock's after-hours tick
    saturday = last(sym)
    assert (saturday.basis, saturday.session, saturday.previous_session) == ("quote", FRI_20, dt.date(2026, 11, 19))
    assert saturday.change == Decimal("2.5")
    quote(sym, "53", session=MON_23, fetched_at=ny(MON_23, 9, 45))
    monday = last(sym)
    assert (monday.previous_session, monday.previous_close, monday.change) == (FRI_20, Decimal("52"), Decimal("1"))


def test_after_thanksgiving_the_previous_session_is_wednesday(sym: str) -> None:
    bars(sym, (TUE_24, "200"), (WED_25, "210"))
    quote(sym, "210.4", session=WED_25, fetched_at=ny(THU_26, 12))  # fetched on the holiday: still Wednesday's
    holiday = last(sym)
    assert (holiday.session, holiday.previous_session, holiday.previous_close) == (WED_25, TUE_24, Decimal("200"))
    quote(sym, "205", session=FRI_27, fetched_at=ny(FRI_27, 10))
    friday = last(sym)
    assert (friday.previous_session, friday.previous_close, friday.change) == (WED_25, Decimal("210"), Decimal("-5"))
    assert previous_session(THU_26) == WED_25


def test_an_early_close_at_13_00_dates_the_days_bar_and_orders_quotes_against_it(sym: str) -> None:
    bars(sym, (WED_25, "210"), (FRI_27, "207"))
    quote(sym, "207.5", session=FRI_27, fetched_at=ny(FRI_27, 12, 59))
    price = last(sym)
    assert (price.basis, price.price, price.observed_at) == ("daily_close", Decimal("207"), ny(FRI_27, 13))
    assert (price.previous_session, price.change) == (WED_25, Decimal("-3"))
    quote(sym, "207.1", session=FRI_27, fetched_at=ny(FRI_27, 13, 5))  # after the 13:00 close: newer than the bar
    assert (last(sym).basis, last(sym).price) == ("quote", Decimal("207.1"))
    quote(sym, "209", session=MON_30, fetched_at=ny(MON_30, 9, 31))
    monday = last(sym)
    assert (monday.previous_session, monday.previous_close, monday.change) == (FRI_27, Decimal("207"), Decimal("2"))


def test_a_split_on_the_session_divides_the_previous_close(sym: str) -> None:
    bars(sym, (TUE_24, "400"))
    CorporateAction.objects.create(
        stock_id=sym, kind=CorporateActionKind.SPLIT, ex_date=WED_25, ratio=Decimal(4), fetched_at=ny(TUE_24, 18)
    )
    quote(sym, "101", session=WED_25, fetched_at=ny(WED_25, 11))
    price = last(sym)
    assert (price.previous_close, price.change) == (Decimal("100"), Decimal("1"))


def test_a_missing_previous_bar_leaves_the_change_unknown_or_takes_the_providers_for_a_quote(sym: str) -> None:
    bars(sym, (MON_23, "90"), (WED_25, "95"))  # Tuesday's bar is missing: Monday's close is not Wednesday's previous
    price = last(sym)
    assert (price.previous_session, price.previous_close, price.change_percent) == (TUE_24, None, None)
    quote(sym, "96", session=WED_25, fetched_at=ny(WED_25, 16, 30), previous="94")
    assert (last(sym).previous_close, last(sym).change) == (Decimal("94"), Decimal("2"))


def test_nothing_stored_gives_no_price_and_unknown_symbols_are_absent(sym: str) -> None:
    assert last_price_get(symbol=sym) is None
    bars(sym, (WED_25, "10"))
    assert set(last_prices_get(symbols=[sym, "NOPE"])) == {sym}


def test_every_reader_shows_the_same_price_and_change(sym: str, api_client: APIClient) -> None:
    bars(sym, (TUE_24, "110"))
    quote(sym, "105", session=WED_25, fetched_at=ny(WED_25, 10, 30), previous="100")
    holding = HoldingFactory.create(stock_id=sym)
    TransactionFactory.create(holding=holding, quantity=Decimal(2), price=Decimal(100), date=MON_23)
    WatchlistEntryFactory.create(user=holding.user, stock_id=sym)
    api_client.force_authenticate(user=holding.user)

    overview: dict[str, Any] = api_client.get(f"/api/v1/stocks/api/overview/{sym}/").json()["last_price"]
    watched = api_client.get("/api/v1/users/watchlist/").json()["results"][0]["price"]
    summary = api_client.get("/api/v1/users/portfolio/summary/").json()
    held = summary["holdings"][0]["price"]
    stock = Stock.objects.get(symbol=sym)
    pushed = price_update_message(last(stock.symbol))

    for shown in (overview, watched, held):
        assert (shown["price"], shown["previous_close"], shown["change"]) == (105.0, 110.0, -5.0)
        assert shown["change_percent"] == pytest.approx(-4.545454)
        assert (shown["date"], shown["previous_session"], shown["basis"]) == ("2026-11-25", "2026-11-24", "quote")
        assert dt.datetime.fromisoformat(shown["observed_at"]) == ny(WED_25, 10, 30)
    assert (pushed["price"], pushed["change"], pushed["previous_close"]) == (105.0, -5.0, 110.0)
    assert pushed["change_percent"] == pytest.approx(-4.545454)
    assert dt.datetime.fromisoformat(pushed["timestamp"]) == ny(WED_25, 10, 30)
    assert summary["holdings"][0]["day_change"] == -10.0  # 2 shares x -5
    assert summary["totals"]["day_change"] == -10.0
