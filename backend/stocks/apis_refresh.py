"""GET /api/v1/stocks/api/refresh-status/: provider quota, market hours, and per symbol data age and next refresh."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError, ErrorCode
from core.symbols import normalize_symbol
from stocks.selectors.refresh import refresh_status_get
from stocks.serializers import RefreshStatusSerializer

MAX_SYMBOLS = 200


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
                raise ApplicationError(
                    f"symbols: at most {MAX_SYMBOLS} per request.",
                    code=ErrorCode.TOO_MANY_SYMBOLS,
                    extra={"field": "symbols", "limit": MAX_SYMBOLS},
                )
            symbols = [normalize_symbol(part) for part in parts]
        return Response(RefreshStatusSerializer(refresh_status_get(symbols=symbols)).data)
