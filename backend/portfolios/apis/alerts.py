"""Alert and notification endpoints (under /api/v1/users/alerts/)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ErrorCode, field_error
from core.pagination import PageQuerySerializer, page_get, page_query, page_serializer
from core.serializers import error_responses
from portfolios.apis.fields import MAX_DIGITS, SymbolField, money
from portfolios.models import Alert, AlertKind, Notification
from portfolios.selectors.alerts import alert_get, alert_list, notification_get, notification_list
from portfolios.services.alerts import (
    alert_create,
    alert_delete,
    alert_update,
    notification_mark_read,
    notifications_mark_all_read,
)
from users.models import User


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


def _threshold(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=MAX_DIGITS,
        decimal_places=6,
        help_text="Price, percent (5 = 5 %) or RSI level, depending on the kind.",
        **kwargs,
    )


class AlertOutputSerializer(serializers.ModelSerializer[Alert]):
    symbol = serializers.CharField(source="stock_id")
    threshold = money()
    triggered_value = money(allow_null=True)

    class Meta:
        model = Alert
        fields = (
            "id",
            "symbol",
            "kind",
            "threshold",
            "armed",
            "triggered_at",
            "triggered_value",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class NotificationOutputSerializer(serializers.ModelSerializer[Notification]):
    threshold = money()
    value = money()
    alert_id = serializers.IntegerField(allow_null=True)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ("id", "alert_id", "symbol", "kind", "threshold", "value", "message", "created_at", "read_at", "read")
        read_only_fields = fields

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


AlertPageSerializer = page_serializer("AlertPageSerializer", AlertOutputSerializer, order="oldest first")
NotificationPageSerializer = page_serializer("NotificationPageSerializer", NotificationOutputSerializer)


class AlertListCreateApi(APIView):
    class AlertListCreateInputSerializer(serializers.Serializer[Any]):
        symbol = SymbolField()
        kind = serializers.ChoiceField(choices=AlertKind.choices)
        threshold = _threshold()

    @extend_schema(
        operation_id="api_v1_users_alerts_list",
        summary="The user's alerts, oldest first, a page at a time",
        parameters=[PageQuerySerializer],
        responses={200: AlertPageSerializer, **error_responses(400)},
        tags=["alerts"],
    )
    def get(self, request: Request) -> Response:
        page = page_get(alert_list(user=_user(request)), request=request, **page_query(request))
        return Response(AlertPageSerializer(page).data)

    @extend_schema(
        summary="Create an alert (fires once, then waits to be re-armed)",
        request=AlertListCreateInputSerializer,
        responses={201: AlertOutputSerializer},
        tags=["alerts"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.AlertListCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alert = alert_create(user=_user(request), **serializer.validated_data)
        return Response(AlertOutputSerializer(alert).data, status=status.HTTP_201_CREATED)


class AlertDetailApi(APIView):
    class AlertDetailInputSerializer(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(choices=AlertKind.choices, required=False)
        threshold = _threshold(required=False)
        armed = serializers.BooleanField(required=False, help_text="true re-arms a fired alert")

    @extend_schema(summary="One alert", responses=AlertOutputSerializer, tags=["alerts"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(AlertOutputSerializer(alert_get(user=_user(request), alert_id=pk)).data)

    @extend_schema(
        summary="Change an alert or re-arm it",
        request=AlertDetailInputSerializer,
        responses=AlertOutputSerializer,
        tags=["alerts"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        alert = alert_get(user=_user(request), alert_id=pk)
        serializer = self.AlertDetailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(AlertOutputSerializer(alert_update(alert=alert, **serializer.validated_data)).data)

    @extend_schema(summary="Delete an alert", responses={204: None}, tags=["alerts"])
    def delete(self, request: Request, pk: int) -> Response:
        alert_delete(alert=alert_get(user=_user(request), alert_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class NotificationListApi(APIView):
    @extend_schema(
        operation_id="api_v1_users_alerts_notifications_list",
        summary="Fired alerts, newest first, a page at a time",
        parameters=[
            PageQuerySerializer,
            OpenApiParameter("unread", bool, description="Only unread notifications (true, 1 or yes)"),
        ],
        responses={200: NotificationPageSerializer, **error_responses(400)},
        tags=["alerts"],
    )
    def get(self, request: Request) -> Response:
        unread_only = request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        notifications = notification_list(user=_user(request), unread_only=unread_only).order_by("-created_at", "-id")
        page = page_get(notifications, request=request, **page_query(request))
        return Response(NotificationPageSerializer(page).data)


class NotificationDetailApi(APIView):
    class NotificationDetailInputSerializer(serializers.Serializer[Any]):
        read = serializers.BooleanField()

    @extend_schema(
        summary="Mark a notification read",
        request=NotificationDetailInputSerializer,
        responses=NotificationOutputSerializer,
        tags=["alerts"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        notification = notification_get(user=_user(request), notification_id=pk)
        serializer = self.NotificationDetailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not serializer.validated_data["read"]:
            raise field_error("read", "only true is accepted.", ErrorCode.MUST_BE_TRUE)
        return Response(NotificationOutputSerializer(notification_mark_read(notification=notification)).data)


class NotificationsMarkedSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many unread notifications were marked read.")


class NotificationReadAllApi(APIView):
    @extend_schema(
        summary="Mark every notification read",
        request=None,
        responses=NotificationsMarkedSerializer,
        tags=["alerts"],
    )
    def post(self, request: Request) -> Response:
        return Response(
            NotificationsMarkedSerializer({"marked": notifications_mark_all_read(user=_user(request))}).data
        )
