"""Realtime push: stored quotes, fired alerts and portfolio values go to WebSocket groups over the channel layer.

With the Redis layer a push from any process (worker, command, web) reaches every ASGI process. The in-memory
layer cannot cross processes, so then each ASGI process also runs a `DatabaseRelay` that polls for what other
processes stored and pushes it locally; an in-process push and the relay share one "last pushed" record so
nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from decimal import Decimal
from typing import Any

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.websocket import live_event
from stocks.models import Stock

logger = logging.getLogger(__name__)


def stock_group(symbol: str) -> str:
    return f"stock_{symbol}"


def user_group(user_id: int) -> str:
    return f"user_{user_id}"


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def price_update_message(stock: Stock) -> dict[str, Any]:
    """DESIGN.md's `price_update` shape for the stock's stored quote."""
    stamp = stock.quote_fetched_at
    return {
        "type": "price_update",
        "symbol": stock.symbol,
        "price": _number(stock.real_time_price),
        "change": _number(stock.change),
        "change_percent": _number(stock.change_percent),
        "volume": stock.volume,
        "timestamp": stamp.isoformat() if stamp else None,
    }


def alert_message(notification: Any) -> dict[str, Any]:
    return {
        "type": "alert",
        "id": notification.pk,
        "symbol": notification.symbol,
        "kind": notification.kind,
        "threshold": _number(notification.threshold),
        "value": _number(notification.value),
        "message": notification.message,
        "created_at": notification.created_at.isoformat() if notification.created_at else None,
    }


def portfolio_value_message(snapshot: Any) -> dict[str, Any]:
    return {
        "type": "portfolio_update",
        "total_value": _number(snapshot.total_value),
        "total_cost": _number(snapshot.total_cost),
        "profit_loss": _number(snapshot.profit_loss),
        "profit_loss_percentage": _number(snapshot.profit_loss_percentage),
        "day_change": _number(snapshot.day_change),
        "recorded_at": snapshot.recorded_at.isoformat(),
    }


class _Pushed:
    """What this process already pushed: a quote's fetch time per symbol, the last row id per user and kind."""

    def __init__(self) -> None:
        self.quotes: dict[str, dt.datetime] = {}
        self.rows: dict[tuple[str, int], int] = {}

    def quote_is_new(self, symbol: str, fetched_at: dt.datetime | None) -> bool:
        if fetched_at is None:
            return False
        last = self.quotes.get(symbol)
        if last is not None and fetched_at <= last:
            return False
        self.quotes[symbol] = fetched_at
        return True

    def row_is_new(self, kind: str, user_id: int, row_id: int) -> bool:
        if row_id <= self.rows.get((kind, user_id), 0):
            return False
        self.rows[(kind, user_id)] = row_id
        return True


_pushed = _Pushed()


def _group_send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, live_event(group, message))
    except Exception:  # the data is stored whatever happens to the push; a down Redis must not fail ingestion
        logger.exception("Could not push %s to %s", message.get("type"), group)


def quote_push(*, symbol: str) -> bool:
    """Send the stored quote of `symbol` to its group; False when there is no newer quote to send."""
    stock = Stock.objects.filter(symbol=symbol).first()
    if stock is None or not _pushed.quote_is_new(symbol, stock.quote_fetched_at):
        return False
    _group_send(stock_group(symbol), price_update_message(stock))
    return True


def alert_push(*, notification: Any) -> None:
    if _pushed.row_is_new("alert", notification.user_id, notification.pk):
        _group_send(user_group(notification.user_id), alert_message(notification))


def portfolio_value_push(*, snapshot: Any) -> None:
    if _pushed.row_is_new("portfolio", snapshot.user_id, snapshot.pk):
        _group_send(user_group(snapshot.user_id), portfolio_value_message(snapshot))


def portfolio_value_snapshot_take(*, user_id: int, slot: dt.datetime) -> Any | None:
    """Record the user's portfolio value for the 5-minute `slot` and push it; idempotent per slot.

    A redelivered task (worker killed after the snapshot committed) finds the snapshot and does nothing.
    """
    from portfolios.services.snapshots import portfolio_snapshot_create

    history = apps.get_model("portfolios", "PortfolioHistory")
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    with transaction.atomic():
        user = user_model.objects.select_for_update().filter(pk=user_id).first()
        if user is None or history.objects.filter(user_id=user_id, recorded_at__gte=slot).exists():
            return None
        snapshot = portfolio_snapshot_create(user=user)
        transaction.on_commit(lambda: portfolio_value_push(snapshot=snapshot))
    return snapshot


def _on_quote_stored(sender: Any, symbol: str, **kwargs: Any) -> None:
    quote_push(symbol=symbol)


def _on_notification_created(sender: Any, notification: Any, **kwargs: Any) -> None:
    alert_push(notification=notification)


def connect_receivers() -> None:
    """Called from StocksConfig.ready(): push on every stored quote and every fired alert."""
    from stocks.signals import quote_stored

    quote_stored.connect(_on_quote_stored, dispatch_uid="stocks.realtime.quote_stored")
    if apps.is_installed("portfolios"):
        from portfolios.signals import notification_created

        notification_created.connect(_on_notification_created, dispatch_uid="stocks.realtime.notification_created")


class DatabaseRelay:
    """Polls the database for quotes, alerts and portfolio values of this process's subscribers (in-memory layer)."""

    def __init__(self) -> None:
        self.symbols: Counter[str] = Counter()
        self.users: Counter[int] = Counter()
        self._task: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return settings.REALTIME_RELAY_SECONDS > 0

    async def subscribe_symbol(self, symbol: str) -> None:
        if not self.enabled:
            return
        if not self.symbols[symbol]:
            fetched_at = await database_sync_to_async(self._quote_time)(symbol)
            if fetched_at is not None:
                _pushed.quote_is_new(symbol, fetched_at)  # baseline: push only quotes newer than this
        self.symbols[symbol] += 1
        self._ensure_running()

    async def subscribe_user(self, user_id: int) -> None:
        if not self.enabled:
            return
        if not self.users[user_id]:
            await database_sync_to_async(self._user_baseline)(user_id)
        self.users[user_id] += 1
        self._ensure_running()

    def unsubscribe_symbol(self, symbol: str) -> None:
        self.symbols[symbol] -= 1
        if self.symbols[symbol] <= 0:
            del self.symbols[symbol]

    def unsubscribe_user(self, user_id: int) -> None:
        self.users[user_id] -= 1
        if self.users[user_id] <= 0:
            del self.users[user_id]

    def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        while self.symbols or self.users:
            await asyncio.sleep(settings.REALTIME_RELAY_SECONDS)
            try:
                await database_sync_to_async(self.poll_once)()
            except Exception:  # keep relaying after a transient database error
                logger.exception("Realtime relay poll failed")

    @staticmethod
    def _quote_time(symbol: str) -> dt.datetime | None:
        return Stock.objects.filter(symbol=symbol).values_list("quote_fetched_at", flat=True).first()

    @staticmethod
    def _user_baseline(user_id: int) -> None:
        for kind, model_name in (("alert", "Notification"), ("portfolio", "PortfolioHistory")):
            model = apps.get_model("portfolios", model_name)
            last = model.objects.filter(user_id=user_id).order_by("-pk").values_list("pk", flat=True).first()
            if last is not None:
                _pushed.row_is_new(kind, user_id, last)

    def poll_once(self) -> None:
        """One sweep: push whatever subscribers have not seen yet (runs in a worker thread)."""
        symbols = list(self.symbols)
        if symbols:
            for stock in Stock.objects.filter(symbol__in=symbols, quote_fetched_at__isnull=False):
                if _pushed.quote_is_new(stock.symbol, stock.quote_fetched_at):
                    _group_send(stock_group(stock.symbol), price_update_message(stock))
        users = list(self.users)
        if users:
            since = timezone.now() - dt.timedelta(hours=1)
            notifications = apps.get_model("portfolios", "Notification").objects.filter(
                user_id__in=users, created_at__gte=since
            )
            for notification in notifications.order_by("pk"):
                alert_push(notification=notification)
            snapshots = apps.get_model("portfolios", "PortfolioHistory").objects.filter(
                user_id__in=users, recorded_at__gte=since
            )
            for snapshot in snapshots.order_by("pk"):
                portfolio_value_push(snapshot=snapshot)


relay = DatabaseRelay()
