"""WebSocket consumers: live prices per symbol, the authenticated portfolio channel, heartbeats and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import orjson
import pytest
from channels.db import database_sync_to_async
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken

from config.asgi import application
from stocks.models import Stock
from stocks.signals import quote_stored
from tests.factories import StockFactory, UserFactory
from tests.realtime.communicator import WebsocketCommunicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(30)]


async def received(communicator: WebsocketCommunicator) -> dict[str, Any]:
    message: dict[str, Any] = orjson.loads(await communicator.receive_from(timeout=3))
    return message


async def closed_with(communicator: WebsocketCommunicator) -> dict[str, Any]:
    output = await communicator.receive_output(timeout=3)
    assert output["type"] == "websocket.close"
    return output


def portfolio_socket(token: object) -> WebsocketCommunicator:
    """The web app's way: the access token offered as a subprotocol after `stockvis.jwt`, not in the URL."""
    return WebsocketCommunicator(application, "/ws/portfolio/", subprotocols=["stockvis.jwt", str(token)])


def store_quote(symbol: str, price: str, *, signal: bool = True) -> None:
    """What the ingestion service does: write the quote, then (after commit) send quote_stored."""
    Stock.objects.filter(symbol=symbol).update(
        real_time_price=Decimal(price),
        previous_close=Decimal(price) - Decimal("1.25"),  # no daily bars stored: the provider's previous close
        volume=1_234_567,
        quote_fetched_at=timezone.now(),
    )
    if signal:
        quote_stored.send(sender=Stock, symbol=symbol)


async def test_price_update_reaches_a_client_of_the_normalised_symbol() -> None:
    await database_sync_to_async(StockFactory.create)(symbol="AAPL")
    communicator = WebsocketCommunicator(application, "/ws/stocks/ aapl /")
    connected, _ = await communicator.connect()
    assert connected
    await database_sync_to_async(store_quote)("AAPL", "195.1000")
    message = await received(communicator)
    assert message["type"] == "price_update"
    assert message["symbol"] == "AAPL"
    assert message["price"] == pytest.approx(195.1)
    assert message["change"] == pytest.approx(1.25)
    assert message["change_percent"] == pytest.approx(1.25 / 193.85 * 100)
    assert message["previous_close"] == pytest.approx(193.85)
    assert message["volume"] == 1_234_567
    assert dt.datetime.fromisoformat(message["timestamp"]) <= timezone.now()
    await communicator.disconnect()


async def test_other_symbols_do_not_leak_into_a_symbol_channel() -> None:
    await database_sync_to_async(StockFactory.create)(symbol="MSFT")
    await database_sync_to_async(StockFactory.create)(symbol="NVDA")
    communicator = WebsocketCommunicator(application, "/ws/stocks/MSFT/")
    await communicator.connect()
    await database_sync_to_async(store_quote)("NVDA", "120.0000")
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_invalid_symbol_gets_an_error_frame_and_close_code_4400() -> None:
    communicator = WebsocketCommunicator(application, "/ws/stocks/%24%24%24/")
    connected, _ = await communicator.connect()
    assert connected
    error = await received(communicator)
    assert error == {"type": "error", "code": "invalid_symbol", "message": error["message"]}
    assert "$$$" in error["message"]
    close = await closed_with(communicator)
    assert close["code"] == 4400


async def test_ping_pong_and_malformed_messages_keep_the_connection() -> None:
    await database_sync_to_async(StockFactory.create)(symbol="KO")
    communicator = WebsocketCommunicator(application, "/ws/stocks/KO/")
    await communicator.connect()
    await communicator.send_to(text_data="ping")
    assert await received(communicator) == {"type": "pong"}
    await communicator.send_to(text_data="{not json")
    error = await received(communicator)
    assert (error["type"], error["code"]) == ("error", "invalid_message")
    await communicator.send_to(text_data='{"type": "subscribe", "symbol": "X"}')
    assert (await received(communicator))["code"] == "invalid_message"
    await communicator.send_to(text_data='{"type": "ping"}')
    assert await received(communicator) == {"type": "pong"}
    await communicator.disconnect()


async def test_server_sends_periodic_heartbeats(settings: Any) -> None:
    settings.WEBSOCKET_HEARTBEAT_SECONDS = 0.1
    await database_sync_to_async(StockFactory.create)(symbol="PEP")
    communicator = WebsocketCommunicator(application, "/ws/stocks/PEP/")
    await communicator.connect()
    first = await received(communicator)
    second = await received(communicator)
    assert first["type"] == second["type"] == "heartbeat"
    assert second["timestamp"] > first["timestamp"]
    await communicator.disconnect()


async def test_quote_written_without_a_signal_reaches_clients_through_the_database_relay(settings: Any) -> None:
    """No Redis: a quote stored by another process (the worker) is found by the ASGI process's relay."""
    settings.REALTIME_RELAY_SECONDS = 0.05
    await database_sync_to_async(StockFactory.create)(symbol="XOM")
    communicator = WebsocketCommunicator(application, "/ws/stocks/XOM/")
    await communicator.connect()
    await database_sync_to_async(store_quote)("XOM", "110.5000", signal=False)
    message = await received(communicator)
    assert (message["type"], message["symbol"], message["price"]) == ("price_update", "XOM", 110.5)
    # The same quote is pushed once, however many polls see it.
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_portfolio_socket_refuses_anonymous_clients_with_4401() -> None:
    communicator = WebsocketCommunicator(application, "/ws/portfolio/")
    connected, _ = await communicator.connect()
    assert connected
    error = await received(communicator)
    assert error["code"] == "not_authenticated"
    assert (await closed_with(communicator))["code"] == 4401


async def test_portfolio_socket_refuses_an_expired_token_with_4401_and_says_why() -> None:
    user = await database_sync_to_async(UserFactory.create)()
    token = AccessToken.for_user(user)
    token.set_exp(from_time=timezone.now() - dt.timedelta(hours=1), lifetime=dt.timedelta(minutes=15))
    communicator = portfolio_socket(token)
    await communicator.connect()
    error = await received(communicator)
    assert error["code"] == "token_invalid"
    assert "expired" in error["message"].lower()
    close = await closed_with(communicator)
    assert close["code"] == 4401
    assert "expired" in close.get("reason", "").lower()


async def test_portfolio_socket_authenticates_from_the_subprotocol_and_accepts_only_its_name() -> None:
    user = await database_sync_to_async(UserFactory.create)()
    communicator = portfolio_socket(AccessToken.for_user(user))
    assert (await communicator.connect())[0]
    # A browser requires the server to pick one offered subprotocol; the token itself is not echoed back.
    assert communicator.accepted_subprotocol == "stockvis.jwt"
    await communicator.send_to("ping")
    assert await received(communicator) == {"type": "pong"}
    await communicator.disconnect()


async def test_a_token_in_the_url_does_not_sign_the_socket_in() -> None:
    user = await database_sync_to_async(UserFactory.create)()
    communicator = WebsocketCommunicator(application, f"/ws/portfolio/?token={AccessToken.for_user(user)}")
    await communicator.connect()
    assert (await received(communicator))["code"] == "not_authenticated"
    assert (await closed_with(communicator))["code"] == 4401


async def test_an_access_token_from_before_a_password_change_is_refused() -> None:
    user = await database_sync_to_async(UserFactory.create)()
    token = AccessToken.for_user(user)

    def change_password() -> None:
        user.set_password("a-new-password-entirely")
        user.save(update_fields=["password"])

    await database_sync_to_async(change_password)()
    communicator = portfolio_socket(token)
    await communicator.connect()
    error = await received(communicator)
    assert error["code"] == "token_invalid"
    assert "password" in error["message"].lower()
    assert (await closed_with(communicator))["code"] == 4401


async def test_portfolio_socket_refuses_a_tampered_token() -> None:
    user = await database_sync_to_async(UserFactory.create)()
    token = str(AccessToken.for_user(user))
    communicator = portfolio_socket(f"{token[:-4]}abcd")
    await communicator.connect()
    assert (await received(communicator))["code"] == "token_invalid"
    assert (await closed_with(communicator))["code"] == 4401


def fire_alert(user: Any, symbol: str) -> Any:
    """What a stored quote does: the alert service fires the alert and pushes it after its commit."""
    from portfolios.models import Alert, AlertKind
    from portfolios.services.alerts import alerts_evaluate

    stock = StockFactory.create(symbol=symbol, real_time_price=Decimal("101.5"), quote_fetched_at=timezone.now())
    Alert.objects.create(user=user, stock=stock, kind=AlertKind.PRICE_ABOVE, threshold=Decimal("100"))
    (notification,) = alerts_evaluate(symbol=symbol)
    return notification


async def test_fired_alerts_reach_only_their_users_socket() -> None:
    owner = await database_sync_to_async(UserFactory.create)()
    other = await database_sync_to_async(UserFactory.create)()
    mine = portfolio_socket(AccessToken.for_user(owner))
    theirs = portfolio_socket(AccessToken.for_user(other))
    assert (await mine.connect())[0]
    assert (await theirs.connect())[0]
    notification = await database_sync_to_async(fire_alert)(owner, "AMD")
    message = await received(mine)
    assert message["type"] == "alert"
    assert (message["id"], message["symbol"], message["kind"]) == (notification.pk, "AMD", "price_above")
    assert (message["threshold"], message["value"]) == (100.0, 101.5)
    assert message["message"] == "AMD price rose to 101.5, above 100."
    assert await theirs.receive_nothing(timeout=0.3)
    await mine.disconnect()
    await theirs.disconnect()


def store_user_events(user: Any, symbol: str) -> tuple[Any, Any]:
    """What the worker does in another process: a notification and a portfolio snapshot, no push from here."""
    from portfolios.models import Alert, AlertKind, Notification, PortfolioHistory

    stock = StockFactory.create(symbol=symbol)
    alert = Alert.objects.create(user=user, stock=stock, kind=AlertKind.PRICE_BELOW, threshold=Decimal("50"))
    notification = Notification.objects.create(
        user=user,
        alert=alert,
        symbol=symbol,
        kind=AlertKind.PRICE_BELOW,
        threshold=Decimal("50"),
        value=Decimal("49.5"),
        message=f"{symbol} fell below 50",
    )
    snapshot = PortfolioHistory.objects.create(
        user=user,
        total_value=Decimal("600"),
        total_cost=Decimal("500"),
        profit_loss=Decimal("100"),
        profit_loss_percentage=Decimal("20"),
        realized_pl=Decimal("0"),
        day_change=Decimal("5"),
    )
    return notification, snapshot


async def test_alerts_and_portfolio_values_written_elsewhere_reach_the_user_through_the_database_relay(
    settings: Any,
) -> None:
    """No Redis: the ASGI process's relay finds what the worker stored for its subscribed users, once each."""
    settings.REALTIME_RELAY_SECONDS = 0.05
    owner = await database_sync_to_async(UserFactory.create)()
    other = await database_sync_to_async(UserFactory.create)()
    await database_sync_to_async(store_user_events)(owner, "OLD")  # stored before the client came: not replayed
    mine = portfolio_socket(AccessToken.for_user(owner))
    theirs = portfolio_socket(AccessToken.for_user(other))
    assert (await mine.connect())[0]
    assert (await theirs.connect())[0]
    notification, snapshot = await database_sync_to_async(store_user_events)(owner, "F")
    alert, value = await received(mine), await received(mine)
    assert (alert["type"], alert["id"], alert["symbol"], alert["value"]) == ("alert", notification.pk, "F", 49.5)
    assert (value["type"], value["total_value"], value["profit_loss_percentage"]) == ("portfolio_update", 600.0, 20.0)
    assert value["recorded_at"] == snapshot.recorded_at.isoformat()
    assert await mine.receive_nothing(timeout=0.3)
    assert await theirs.receive_nothing(timeout=0.1)
    await mine.disconnect()
    await theirs.disconnect()
