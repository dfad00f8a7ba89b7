"""Portfolio summary, history and the background-collection status of a symbol."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.symbols import InvalidSymbolError, normalize_symbol
from portfolios.selectors.history import PERIOD_DAYS, portfolio_history_get
from portfolios.selectors.status import symbol_status_get
from portfolios.selectors.summary import portfolio_summary_get
from users.models import User

PERIODS = (*PERIOD_DAYS, "ytd", "all")

LAST_PRICE_SCHEMA = inline_serializer(
    "LastPrice",
    {
        "price": serializers.FloatField(),
        "date": serializers.DateField(allow_null=True),
        "basis": serializers.ChoiceField(
            choices=["quote", "daily_close"], help_text="Which stored value the price is."
        ),
        "source": serializers.CharField(),
        "previous_close": serializers.FloatField(allow_null=True),
        "change": serializers.FloatField(allow_null=True),
        "change_percent": serializers.FloatField(allow_null=True),
    },
    allow_null=True,
)

_SUMMARY_ROW = inline_serializer(
    "PortfolioSummaryHolding",
    {
        "id": serializers.IntegerField(),
        "symbol": serializers.CharField(),
        "name": serializers.CharField(),
        "quantity": serializers.FloatField(),
        "average_price": serializers.FloatField(),
        "cost": serializers.FloatField(),
        "price": LAST_PRICE_SCHEMA,
        "market_value": serializers.FloatField(allow_null=True),
        "unrealized_pl": serializers.FloatField(allow_null=True),
        "unrealized_pl_percent": serializers.FloatField(allow_null=True),
        "realized_pl": serializers.FloatField(),
        "dividends": serializers.FloatField(),
        "fees": serializers.FloatField(),
        "day_change": serializers.FloatField(allow_null=True),
        "day_change_percent": serializers.FloatField(allow_null=True),
        "weight": serializers.FloatField(allow_null=True, help_text="Percent of the priced market value."),
    },
    many=True,
)

_SUMMARY = inline_serializer(
    "PortfolioSummary",
    {
        "currency": serializers.CharField(),
        "holdings": _SUMMARY_ROW,
        "totals": inline_serializer(
            "PortfolioSummaryTotals",
            {
                "market_value": serializers.FloatField(),
                "cost": serializers.FloatField(),
                "unrealized_pl": serializers.FloatField(),
                "unrealized_pl_percent": serializers.FloatField(allow_null=True),
                "realized_pl": serializers.FloatField(),
                "dividends": serializers.FloatField(),
                "day_change": serializers.FloatField(),
                "day_change_percent": serializers.FloatField(allow_null=True),
                "holdings_count": serializers.IntegerField(),
            },
        ),
        "unpriced_symbols": serializers.ListField(child=serializers.CharField()),
    },
)

_RETURN: dict[str, serializers.Field[Any, Any, Any, Any]] = {
    "method": serializers.CharField(),
    "value": serializers.FloatField(allow_null=True),
}

_HISTORY = inline_serializer(
    "PortfolioHistory",
    {
        "currency": serializers.CharField(),
        "period": serializers.CharField(),
        "start": serializers.DateField(allow_null=True),
        "end": serializers.DateField(allow_null=True),
        "series": inline_serializer(
            "PortfolioHistoryPoint",
            {
                "date": serializers.DateField(),
                "value": serializers.FloatField(),
                "contribution": serializers.FloatField(),
                "distribution": serializers.FloatField(),
                "index": serializers.FloatField(help_text="Time-weighted growth of 1."),
            },
            many=True,
        ),
        "returns": inline_serializer(
            "PortfolioReturns",
            {
                "time_weighted": inline_serializer(
                    "TimeWeightedReturn", {**_RETURN, "annualized": serializers.FloatField(allow_null=True)}
                ),
                "money_weighted": inline_serializer(
                    "MoneyWeightedReturn", {**_RETURN, "annualized": serializers.BooleanField()}
                ),
            },
        ),
        "benchmark": serializers.DictField(allow_null=True, help_text="symbol, available, return, series or reason"),
        "snapshots": inline_serializer(
            "PortfolioSnapshot",
            {
                "recorded_at": serializers.DateTimeField(),
                "total_value": serializers.FloatField(),
                "total_cost": serializers.FloatField(),
                "profit_loss": serializers.FloatField(),
                "profit_loss_percentage": serializers.FloatField(),
            },
            many=True,
        ),
    },
)

_STATUS = inline_serializer(
    "SymbolCollectionStatus",
    {
        "symbol": serializers.CharField(),
        "stock_exists": serializers.BooleanField(),
        "has_overview": serializers.BooleanField(),
        "has_prices": serializers.BooleanField(),
        "has_financial": serializers.BooleanField(),
        "is_complete": serializers.BooleanField(),
        "collection_state": serializers.ChoiceField(choices=["idle", "running", "failed", "done"]),
        "details": inline_serializer(
            "SymbolCollectionCounts",
            {
                "daily_prices": serializers.IntegerField(),
                "weekly_prices": serializers.IntegerField(),
                "balance_sheets": serializers.IntegerField(),
                "income_statements": serializers.IntegerField(),
                "cash_flows": serializers.IntegerField(),
            },
        ),
        "steps": serializers.DictField(
            child=inline_serializer(
                "SymbolCollectionStep",
                {
                    "state": serializers.CharField(),
                    "rows_written": serializers.IntegerField(),
                    "rows_rejected": serializers.IntegerField(),
                    "reason": serializers.CharField(),
                    "retry_at": serializers.DateTimeField(allow_null=True),
                    "updated_at": serializers.DateTimeField(),
                },
            )
        ),
    },
)


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


class PortfolioSummaryApi(APIView):
    @extend_schema(
        summary="Value, cost, P/L, day change and weight per holding and in total, at the last stored prices",
        responses=_SUMMARY,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        return Response(portfolio_summary_get(user=_user(request)))


class PortfolioHistoryApi(APIView):
    @extend_schema(
        summary="Snapshots, the daily value series, time- and money-weighted returns and a benchmark",
        parameters=[
            OpenApiParameter("period", str, enum=list(PERIODS), description="Window; default all"),
            OpenApiParameter("benchmark", str, description="Benchmark symbol; default SPY, 'none' for no benchmark"),
        ],
        responses=_HISTORY,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", "all")
        if period not in PERIODS:
            raise ApplicationError(
                f"period: '{period[:20]}' is not one of {', '.join(PERIODS)}.",
                extra={"fields": {"period": [f"one of {', '.join(PERIODS)}"]}},
            )
        raw_benchmark = request.query_params.get("benchmark", "SPY")
        try:
            benchmark = None if raw_benchmark.lower() in ("", "none") else normalize_symbol(raw_benchmark)
        except InvalidSymbolError as exc:
            raise ApplicationError(f"benchmark: {exc.message}", extra={"fields": {"benchmark": [exc.message]}}) from exc
        return Response(portfolio_history_get(user=_user(request), period=period, benchmark=benchmark))


class SymbolStatusApi(APIView):
    @extend_schema(
        summary="What is stored for a symbol and the state of each background collection step",
        responses=_STATUS,
        tags=["portfolio"],
    )
    def get(self, request: Request, symbol: str) -> Response:
        return Response(symbol_status_get(symbol=symbol))
