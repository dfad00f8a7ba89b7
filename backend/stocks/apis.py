"""Thin read APIs for stocks: validate the query, ask a selector (through the cache), answer with ETag support."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from analysis.indicators import INDICATORS
from core.serializers import error_responses
from core.symbols import normalize_symbol
from stocks.cache import (
    ParamValue,
    body_of,
    cached_body,
    json_response,
    stock_body,
)
from stocks.selectors.adjusted import chart_get
from stocks.selectors.indicators import indicators_get
from stocks.selectors.intraday import INTRADAY_PERIODS, intraday_chart_get, intraday_version_get
from stocks.selectors.overview import overview_get
from stocks.selectors.popular import popular_symbols_get
from stocks.selectors.prices import StockVersion, Window
from stocks.selectors.statements import StatementKind, statements_get
from stocks.serializers import (
    ChartQuerySerializer,
    ChartResponseSerializer,
    IndicatorQuerySerializer,
    IndicatorsResponseSerializer,
    IntradayChartResponseSerializer,
    OverviewResponseSerializer,
    PopularQuerySerializer,
    PopularResponseSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    StatementQuerySerializer,
    StatementsResponseSerializer,
    ValidateResponseSerializer,
)
from stocks.services import symbols
from stocks.services.intraday import intraday_view_record

SYMBOL_PARAMETER = OpenApiParameter(
    "symbol", OpenApiTypes.STR, OpenApiParameter.PATH, description="Ticker, e.g. AAPL (case-insensitive)."
)
_NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match / If-Modified-Since copy is current.")


INDICATOR_PARAMETERS = [
    OpenApiParameter(
        f"{spec.name}_{param.name}",
        OpenApiTypes.INT if param.integer else OpenApiTypes.NUMBER,
        OpenApiParameter.QUERY,
        required=False,
        description=f"{spec.name}: default {param.default:g}, from {param.minimum:g} to {param.maximum:g}.",
    )
    for spec in INDICATORS.values()
    for param in spec.params
]


def _errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return error_responses(
        *statuses, _400="Bad parameter; the message names it and the allowed values.", _404="Unknown symbol."
    )


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _stock_response(
    request: Request,
    kind: str,
    raw_symbol: str,
    params: Mapping[str, ParamValue],
    read: Callable[[StockVersion], object],
    output: type[serializers.Serializer],
) -> HttpResponse:
    """The stock's `kind` body: from the cache, else `read` (a selector) rendered by the `output` serializer."""
    cached = stock_body(
        kind, symbol=normalize_symbol(raw_symbol), params=params, build=lambda stock: output(read(stock)).data
    )
    return json_response(request, cached)


def _window(query: Mapping[str, Any]) -> Window:
    return Window(period=query.get("period"), days=query.get("days"))


class PublicReadApi(APIView):
    """Market data is public: anyone may read it; anonymous and signed-in users have their own throttles."""

    permission_classes = (AllowAny,)


class ChartApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_chart",
        summary="Price bars for a chart, oldest first",
        description="period=1d and 5d answer the last 1 or 5 sessions' 5-minute bars (IntradayChartResponse, "
        "interval=5min, times in New York time), or the daily bars with fallback=no_intraday_bars when none are "
        "stored; every other window answers daily or weekly bars (ChartResponse).",
        parameters=[SYMBOL_PARAMETER, ChartQuerySerializer],
        responses={
            200: PolymorphicProxySerializer(
                component_name="AnyChartResponse",
                serializers=[ChartResponseSerializer, IntradayChartResponseSerializer],
                resource_type_field_name=None,
            ),
            304: _NOT_MODIFIED,
            **_errors(400, 404, 429),
        },
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        query = _query(ChartQuerySerializer, request)
        window = _window(query)
        if window.days is None and window.period in INTRADAY_PERIODS:
            return self._intraday(request, symbol, query, window.period)
        return _stock_response(
            request,
            "chart",
            symbol,
            {"type": query["type"], "period": window.period, "days": window.days, "adjustment": query["adjustment"]},
            lambda stock: chart_get(stock=stock, interval=query["type"], window=window, adjustment=query["adjustment"]),
            ChartResponseSerializer,
        )

    def _intraday(self, request: Request, raw_symbol: str, query: Mapping[str, Any], period: str) -> HttpResponse:
        """Answers from the cache, keyed on the intraday version as well as the data version (fallback bars and events
        depend on the latter), then records the view (the planner keeps a viewed symbol's 5-minute bars fresh)."""
        symbol = normalize_symbol(raw_symbol)
        params: dict[str, ParamValue] = {
            "type": query["type"],
            "period": period,
            "adjustment": query["adjustment"],
            "intraday": intraday_version_get(symbol=symbol),
        }
        cached = stock_body(
            "chart",
            symbol=symbol,
            params=params,
            build=lambda stock: (
                IntradayChartResponseSerializer(
                    intraday_chart_get(
                        stock=stock, interval=query["type"], period=period, adjustment=query["adjustment"]
                    )
                ).data
            ),
        )
        intraday_view_record(symbol=symbol)
        return json_response(request, cached)


class OverviewApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_overview",
        summary="Company overview and last quote",
        parameters=[SYMBOL_PARAMETER],
        responses={200: OverviewResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 404, 429)},
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        return _stock_response(
            request, "overview", symbol, {}, lambda stock: overview_get(stock=stock), OverviewResponseSerializer
        )


class StatementApi(PublicReadApi):
    statement: ClassVar[StatementKind]

    def get(self, request: Request, symbol: str) -> HttpResponse:
        query = _query(StatementQuerySerializer, request)
        return _stock_response(
            request,
            "statements",
            symbol,
            {"statement": self.statement, "period": query["period"], "limit": query["limit"]},
            lambda stock: statements_get(
                stock=stock, kind=self.statement, period=query["period"], limit=query["limit"]
            ),
            StatementsResponseSerializer,
        )


def _statement_schema(name: str) -> Callable[[Any], Any]:
    return extend_schema(
        operation_id=f"stocks_{name.replace('-', '_')}",
        summary=f"{name.replace('-', ' ').capitalize()} reports with derived ratios, newest first",
        parameters=[SYMBOL_PARAMETER, StatementQuerySerializer],
        responses={200: StatementsResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 404, 429)},
    )


class BalanceSheetApi(StatementApi):
    statement = "balance-sheet"

    @_statement_schema("balance-sheet")
    def get(self, request: Request, symbol: str) -> HttpResponse:
        return super().get(request, symbol)


class IncomeStatementApi(StatementApi):
    statement = "income-statement"

    @_statement_schema("income-statement")
    def get(self, request: Request, symbol: str) -> HttpResponse:
        return super().get(request, symbol)


class CashFlowApi(StatementApi):
    statement = "cashflow"

    @_statement_schema("cashflow")
    def get(self, request: Request, symbol: str) -> HttpResponse:
        return super().get(request, symbol)


class IndicatorsApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_indicators",
        summary="Technical indicators (TA-Lib) and signals with their track record",
        parameters=[SYMBOL_PARAMETER, IndicatorQuerySerializer, *INDICATOR_PARAMETERS],
        responses={200: IndicatorsResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 404, 429)},
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        query = _query(IndicatorQuerySerializer, request)
        window = _window(query)
        requested: dict[str, dict[str, float]] = query["requested"]
        params: dict[str, ParamValue] = {"type": query["type"], "period": window.period, "days": window.days}
        for name, values in requested.items():
            params[f"use_{name}"] = True
            params.update({f"{name}_{key}": value for key, value in values.items()})
        return _stock_response(
            request,
            "indicators",
            symbol,
            params,
            lambda stock: indicators_get(stock=stock, interval=query["type"], window=window, requested=requested),
            IndicatorsResponseSerializer,
        )


def _caller_id(request: Request) -> int | None:
    """The signed-in user's id, whose lookup budget a request spends; None for anonymous callers."""
    return int(request.user.pk) if request.user and request.user.is_authenticated else None


class SymbolSearchApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_search_symbols",
        summary="Find symbols in the local catalogue at once; a provider lookup is queued when it has none",
        parameters=[SearchQuerySerializer],
        responses={200: SearchResponseSerializer, **_errors(400, 429)},
    )
    def get(self, request: Request) -> HttpResponse:
        query = _query(SearchQuerySerializer, request)
        found = symbols.symbol_search(keywords=query["keywords"], user_id=_caller_id(request))
        return json_response(request, body_of(SearchResponseSerializer(found).data))


class SymbolValidateApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_search_validate",
        summary="Is this symbol stored here, in the catalogue, being looked up, or invalid?",
        parameters=[SYMBOL_PARAMETER],
        responses={200: ValidateResponseSerializer, **_errors(429)},
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        validation = symbols.symbol_validate(raw_symbol=symbol, user_id=_caller_id(request))
        return json_response(request, body_of(ValidateResponseSerializer(validation).data))


class PopularSymbolsApi(PublicReadApi):
    @extend_schema(
        operation_id="stocks_search_popular",
        summary="Most held and watched stocks, topped up from a curated list",
        parameters=[PopularQuerySerializer],
        responses={200: PopularResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 429)},
    )
    def get(self, request: Request) -> HttpResponse:
        limit = _query(PopularQuerySerializer, request)["limit"]
        cached = cached_body(
            "popular",
            symbol=None,
            version=None,
            params={"limit": limit},
            build=lambda: PopularResponseSerializer(popular_symbols_get(limit=limit)).data,
        )
        return json_response(request, cached)
