"""Reads of a user's alerts and notifications (scoped to the user: another user's id is a 404)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.exceptions import NotFoundError
from portfolios.models import Alert, Notification
from users.models import User


def alert_list(*, user: User) -> QuerySet[Alert]:
    return Alert.objects.filter(user=user).order_by("created_at", "id")


def alert_get(*, user: User, alert_id: int) -> Alert:
    alert = alert_list(user=user).filter(pk=alert_id).first()
    if alert is None:
        raise NotFoundError(f"No alert {alert_id}.", extra={"id": alert_id})
    return alert


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    queryset = Notification.objects.filter(user=user)
    return queryset.filter(read_at__isnull=True) if unread_only else queryset


def notification_get(*, user: User, notification_id: int) -> Notification:
    notification = notification_list(user=user).filter(pk=notification_id).first()
    if notification is None:
        raise NotFoundError(f"No notification {notification_id}.", extra={"id": notification_id})
    return notification
