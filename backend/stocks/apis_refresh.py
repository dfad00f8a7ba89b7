"""GET /api/v1/stocks/api/refresh-status/: provider quota, market hours, and per symbol data age and next refresh."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.symbols import normalize_symbol
from stocks.services.planner import refresh_status_get

MAX_SYMBOLS = 200


class QuotaSerializer(serializers.Serializer):
    remaining_today = serializers.IntegerField(allow_null=True)
    limit_per_day = serializers.IntegerField(allow_null=True)
    unlimited = serializers.BooleanField()


class MarketSerializer(serializers.Serializer):
    is_open = serializers.BooleanField()
    next_open = serializers.DateTimeField()
    next_close = serializers.DateTimeField()


class DatasetStatusSerializer(serializers.Serializer):
    as_of = serializers.DateTimeField(allow_null=True)
    next_refresh = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(allow_null=True, help_text="Reason of the last failure, if the last try failed.")


class SymbolStatusSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True, help_text="When the stored quote was fetched.")
    next_refresh = serializers.DateTimeField(
        allow_null=True, help_text="Next planned quote refresh; null when none is planned (quota spent)."
    )
    datasets = serializers.DictField(child=DatasetStatusSerializer(), help_text="quote, overview, daily, ...")


class RefreshStatusSerializer(serializers.Serializer):
    provider = serializers.CharField()
    quota = QuotaSerializer()
    market = MarketSerializer()
    quote_period_seconds = serializers.FloatField(allow_null=True)
    symbols = SymbolStatusSerializer(many=True)


class RefreshStatusApi(APIView):
    """What the planner will refresh next, so the web app can show "as of ... / next update ..."."""

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "symbols", OpenApiTypes.STR, description="Comma-separated tickers (default: every stored one)."
            )
        ],
        responses={200: RefreshStatusSerializer},
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("symbols")
        symbols: list[str] | None = None
        if raw is not None:
            parts = [part for part in raw.split(",") if part.strip()]
            if len(parts) > MAX_SYMBOLS:
                raise ApplicationError(f"symbols: at most {MAX_SYMBOLS} per request.", extra={"field": "symbols"})
            symbols = [normalize_symbol(part) for part in parts]
        status: dict[str, Any] = refresh_status_get(symbols=symbols)
        return Response(RefreshStatusSerializer(status).data)
