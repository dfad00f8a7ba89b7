"""Live portfolio events: the `user_<id>` group, the `alert` and `portfolio_update` messages, and their pushes.

The transport is `core.realtime`; `user_events` is this app's relay source for processes without Redis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from core.realtime import as_float, group_send, pushed
from portfolios.models import Notification, PortfolioHistory

ALERT_STREAM = "alert"
PORTFOLIO_STREAM = "portfolio"
RELAY_LOOKBACK = dt.timedelta(hours=1)


def user_group(user_id: int) -> str:
    return f"user_{user_id}"


def alert_message(notification: Notification) -> dict[str, Any]:
    return {
        "type": "alert",
        "id": notification.pk,
        "symbol": notification.symbol,
        "kind": notification.kind,
        "threshold": as_float(notification.threshold),
        "value": as_float(notification.value),
        "message": notification.message,
        "created_at": notification.created_at.isoformat() if notification.created_at else None,
    }


def portfolio_value_message(snapshot: PortfolioHistory) -> dict[str, Any]:
    return {
        "type": "portfolio_update",
        "total_value": as_float(snapshot.total_value),
        "total_cost": as_float(snapshot.total_cost),
        "profit_loss": as_float(snapshot.profit_loss),
        "profit_loss_percentage": as_float(snapshot.profit_loss_percentage),
        "day_change": as_float(snapshot.day_change),
        "recorded_at": snapshot.recorded_at.isoformat(),
    }


def alert_push(*, notification: Notification) -> None:
    if pushed.is_new(ALERT_STREAM, notification.user_id, notification.pk):
        group_send(user_group(notification.user_id), alert_message(notification))


def portfolio_value_push(*, snapshot: PortfolioHistory) -> None:
    if pushed.is_new(PORTFOLIO_STREAM, snapshot.user_id, snapshot.pk):
        group_send(user_group(snapshot.user_id), portfolio_value_message(snapshot))


def _last_id(rows: QuerySet[Any], user_id: int) -> int | None:
    last: int | None = rows.filter(user_id=user_id).order_by("-pk").values_list("pk", flat=True).first()
    return last


class UserEventsRelaySource:
    """The relay's view of fired alerts and portfolio snapshots, per subscribed user, in id order."""

    def baseline(self, key: int) -> None:
        pushed.is_new(ALERT_STREAM, key, _last_id(Notification.objects.all(), key))
        pushed.is_new(PORTFOLIO_STREAM, key, _last_id(PortfolioHistory.objects.all(), key))

    def push_new(self, keys: Sequence[int]) -> None:
        since = timezone.now() - RELAY_LOOKBACK
        for notification in Notification.objects.filter(user_id__in=keys, created_at__gte=since).order_by("pk"):
            alert_push(notification=notification)
        for snapshot in PortfolioHistory.objects.filter(user_id__in=keys, recorded_at__gte=since).order_by("pk"):
            portfolio_value_push(snapshot=snapshot)


user_events = UserEventsRelaySource()
