"""Watchlist endpoints (under /api/v1/users/watchlist/)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import PageQuerySerializer, page_prepared, page_query, page_serializer
from core.serializers import error_responses
from portfolios.apis.fields import SymbolField
from portfolios.selectors.watchlist import watchlist_entry_get, watchlist_ordered, watchlist_rows
from portfolios.serializers import WatchlistEntrySerializer
from portfolios.services.watchlist import watchlist_entry_create, watchlist_entry_delete, watchlist_entry_update
from users.models import User


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


def _entry_body(user: User, entry_id: int) -> dict[str, Any]:
    return dict(WatchlistEntrySerializer(watchlist_rows([watchlist_entry_get(user=user, entry_id=entry_id)])[0]).data)


WatchlistPageSerializer = page_serializer(
    "WatchlistPageSerializer", WatchlistEntrySerializer, order="in the order they were added"
)


class WatchlistApi(APIView):
    class WatchlistInputSerializer(serializers.Serializer[Any]):
        symbol = SymbolField()
        notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    @extend_schema(
        operation_id="api_v1_users_watchlist_list",
        summary="The watchlist with each symbol's last price and day change, a page at a time",
        parameters=[PageQuerySerializer],
        responses={200: WatchlistPageSerializer, **error_responses(400)},
        tags=["watchlist"],
    )
    def get(self, request: Request) -> Response:
        entries = watchlist_ordered(user=_user(request))
        page = page_prepared(entries, request=request, prepare=watchlist_rows, **page_query(request))
        return Response(WatchlistPageSerializer(page).data)

    @extend_schema(
        summary="Watch a symbol",
        request=WatchlistInputSerializer,
        responses={201: WatchlistEntrySerializer},
        tags=["watchlist"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.WatchlistInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = watchlist_entry_create(user=_user(request), **serializer.validated_data)
        return Response(_entry_body(_user(request), entry.pk), status=status.HTTP_201_CREATED)


class WatchlistDetailApi(APIView):
    class WatchlistDetailInputSerializer(serializers.Serializer[Any]):
        notes = serializers.CharField(max_length=1000, allow_blank=True)

    @extend_schema(summary="One watchlist entry", responses=WatchlistEntrySerializer, tags=["watchlist"])
    def get(self, request: Request, pk: int) -> Response:
        entry = watchlist_entry_get(user=_user(request), entry_id=pk)
        return Response(_entry_body(_user(request), entry.pk))

    @extend_schema(
        summary="Change an entry's notes",
        request=WatchlistDetailInputSerializer,
        responses=WatchlistEntrySerializer,
        tags=["watchlist"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        entry = watchlist_entry_get(user=_user(request), entry_id=pk)
        serializer = self.WatchlistDetailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        watchlist_entry_update(entry=entry, notes=serializer.validated_data["notes"])
        return Response(_entry_body(_user(request), entry.pk))

    @extend_schema(summary="Stop watching", responses={204: None}, tags=["watchlist"])
    def delete(self, request: Request, pk: int) -> Response:
        watchlist_entry_delete(entry=watchlist_entry_get(user=_user(request), entry_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
