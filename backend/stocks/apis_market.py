"""GET /api/v1/stocks/api/market/overview/ and .../market/economic/[<name>/]: the market overview page's reads."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError, ErrorCode
from core.serializers import error_responses
from stocks.providers.base import ECONOMIC_INDICATORS
from stocks.selectors.market import (
    collected_interval,
    economic_indicators_get,
    economic_series_get,
    market_overview_get,
)
from stocks.serializers import EconomicIndicatorsSerializer, EconomicSeriesSerializer, MarketOverviewSerializer


class MarketOverviewApi(APIView):
    """Movers (day, week), sector performance, breadth (share above the 50/200-day average) and the benchmark."""

    permission_classes = (AllowAny,)

    @extend_schema(responses={200: MarketOverviewSerializer})
    def get(self, request: Request) -> Response:
        return Response(MarketOverviewSerializer(market_overview_get()).data)


class EconomicIndicatorsApi(APIView):
    """Every collected US economic indicator with its latest values and its 24 newest observations."""

    permission_classes = (AllowAny,)

    @extend_schema(operation_id="api_v1_stocks_api_market_economic_list", responses={200: EconomicIndicatorsSerializer})
    def get(self, request: Request) -> Response:
        return Response(EconomicIndicatorsSerializer({"indicators": economic_indicators_get()}).data)


class EconomicIndicatorApi(APIView):
    """One indicator's whole stored series; `interval` defaults to (and must be) the one collected."""

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(ECONOMIC_INDICATORS),
                description="Indicator name (case-insensitive).",
            ),
            OpenApiParameter(
                "interval",
                OpenApiTypes.STR,
                description="quarterly for REAL_GDP, annual for INFLATION, monthly for the others (the default).",
            ),
        ],
        responses={200: EconomicSeriesSerializer, **error_responses(400)},
    )
    def get(self, request: Request, name: str) -> Response:
        wanted = name.strip().upper()
        if wanted not in ECONOMIC_INDICATORS:
            raise ApplicationError(
                f"name: unknown economic indicator '{name[:40]}'; choose from {', '.join(ECONOMIC_INDICATORS)}.",
                code=ErrorCode.UNKNOWN_INDICATOR,
                extra={"field": "name", "name": name[:40], "allowed": list(ECONOMIC_INDICATORS)},
            )
        collected = collected_interval(wanted)
        interval = request.query_params.get("interval", collected).strip().lower()
        if interval != collected:
            raise ApplicationError(
                f"interval: {wanted} is collected at the {collected} interval only, not '{interval[:20]}'.",
                code=ErrorCode.UNKNOWN_INTERVAL,
                extra={"field": "interval", "name": wanted, "interval": interval[:20], "allowed": [collected]},
            )
        return Response(EconomicSeriesSerializer(economic_series_get(name=wanted, interval=interval)).data)
