"""Portfolio summary, history and the background-collection status of a symbol."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError, ErrorCode
from core.symbols import InvalidSymbolError, normalize_symbol
from portfolios.apis.fields import TradeDateField
from portfolios.methods import MWR_FORMULA, PL_FORMULA, ROAI_FORMULA, SIMPLE_FORMULA, TWR_FORMULA
from portfolios.selectors.history import PERIOD_DAYS, portfolio_history_get
from portfolios.selectors.status import symbol_status_get
from portfolios.selectors.summary import portfolio_summary_get
from portfolios.serializers import (
    PortfolioHistorySerializer,
    PortfolioSummarySerializer,
    SymbolCollectionStatusSerializer,
)
from users.models import User

PERIODS = (*PERIOD_DAYS, "ytd", "all")
AS_OF = OpenApiParameter(
    "as_of",
    dt.date,
    description="Show the portfolio as it stood at this date's close (YYYY-MM-DD, not in the future): trades on or "
    "before it, the last close on or before it, that day's exchange rates. Default: now, at the last prices.",
)


METHODS_DESCRIPTION = "\n".join(
    [
        "Amounts are in the user's base currency (`currency`): every trade converted at its own date's rate, every "
        "day's value at that day's rate; a missing rate makes the figures null with the reason `fx_missing` and is "
        "listed in `fx_missing` (never guessed). Each return names its method and formula; `value` is net of fees, "
        "`gross` adds the fees back.",
        "",
        f"- time_weighted (TWR, Portfolio Performance's TTWROR convention): {TWR_FORMULA}",
        f"- money_weighted (MWR, XIRR): {MWR_FORMULA}",
        f"- roai (Ghostfolio's return on average investment, since the start): {ROAI_FORMULA}",
        f"- simple: {SIMPLE_FORMULA}",
        f"- period_pl (1d, wtd, mtd, ytd, 1y, since_start): {PL_FORMULA}, from the last close before the period",
    ]
)


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


class AsOfQuerySerializer(serializers.Serializer[Any]):
    as_of = TradeDateField(required=False)


def _as_of(request: Request) -> dt.date | None:
    query = AsOfQuerySerializer(data={k: v for k, v in request.query_params.items() if k == "as_of"})
    query.is_valid(raise_exception=True)
    value: dt.date | None = query.validated_data.get("as_of")
    return value


class PortfolioSummaryApi(APIView):
    @extend_schema(
        summary="Value, cost, P/L, day change and weight per holding (its currency and the base) and in total (the "
        "user's base currency), labelled returns and period P/L",
        description=METHODS_DESCRIPTION,
        parameters=[AS_OF],
        responses=PortfolioSummarySerializer,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        summary = portfolio_summary_get(user=_user(request), as_of=_as_of(request))
        return Response(PortfolioSummarySerializer(summary).data)


class PortfolioHistoryApi(APIView):
    @extend_schema(
        summary="Snapshots, the daily value series in the base currency, labelled returns (TWR, MWR, ROAI, simple), "
        "period P/L, risk and a benchmark",
        description=METHODS_DESCRIPTION
        + "\n\nrisk (on the window's daily total returns; each figure states its window and convention): "
        "volatility = std(r, ddof=1) x sqrt(252); sharpe = mean(r - rf) / std(r - rf) x sqrt(252) with "
        "rf = (1 + RISK_FREE_RATE)^(1/252) - 1; sortino = mean(r - rf) x 252 / (sqrt(mean(min(r - rf, 0)^2)) x "
        "sqrt(252)); max_drawdown = min(I_t / max(I_s, s <= t) - 1); beta = cov(r, b) / var(b) against the "
        "benchmark, undefined when std(b) < 1e-6.",
        parameters=[
            AS_OF,
            OpenApiParameter("period", str, enum=list(PERIODS), description="Window; default all"),
            OpenApiParameter("benchmark", str, description="Benchmark symbol; default SPY, 'none' for no benchmark"),
        ],
        responses=PortfolioHistorySerializer,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", "all")
        if period not in PERIODS:
            raise ApplicationError(
                f"period: '{period[:20]}' is not one of {', '.join(PERIODS)}.",
                extra={
                    "fields": {"period": [f"one of {', '.join(PERIODS)}"]},
                    "field_codes": {"period": ["invalid_choice"]},
                    "allowed": list(PERIODS),
                },
            )
        raw_benchmark = request.query_params.get("benchmark", "SPY")
        try:
            benchmark = None if raw_benchmark.lower() in ("", "none") else normalize_symbol(raw_benchmark)
        except InvalidSymbolError as exc:
            raise ApplicationError(
                f"benchmark: {exc.message}",
                extra={
                    "fields": {"benchmark": [exc.message]},
                    "field_codes": {"benchmark": [ErrorCode.INVALID_SYMBOL]},
                    "symbol": raw_benchmark[:40],
                },
            ) from exc
        history = portfolio_history_get(user=_user(request), period=period, benchmark=benchmark, as_of=_as_of(request))
        return Response(PortfolioHistorySerializer(history).data)


class SymbolStatusApi(APIView):
    @extend_schema(
        summary="What is stored for a symbol and the state of each background collection step",
        responses=SymbolCollectionStatusSerializer,
        tags=["portfolio"],
    )
    def get(self, request: Request, symbol: str) -> Response:
        return Response(SymbolCollectionStatusSerializer(symbol_status_get(symbol=symbol)).data)
