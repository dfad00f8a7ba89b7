"""Backtests of the signal rules and candlestick patterns of a stored stock (mounted under /api/v1/analysis/).

The selectors (numpy, TA-Lib) are imported inside the views, so loading the URLconf stays light.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from analysis.backtest import Costs
from core.symbols import normalize_symbol
from stocks.apis import _NOT_MODIFIED, SYMBOL_PARAMETER, PublicReadApi, _errors, _query
from stocks.cache import cached_body, json_response
from stocks.selectors.prices import stock_version_get
from stocks.serializers_strategy import (
    BacktestQuerySerializer,
    BacktestResponseSerializer,
    PatternsQuerySerializer,
    PatternsResponseSerializer,
)


class BacktestApi(PublicReadApi):
    @extend_schema(
        operation_id="analysis_backtest",
        summary="Backtest a signal rule (or the composite) with costs against buy-and-hold",
        description="Signals are computed on the split-adjusted daily history up to each bar's close and traded at "
        "the next bar's open; commission and slippage are charged on every trade. Cached per data version.",
        parameters=[SYMBOL_PARAMETER, BacktestQuerySerializer],
        responses={200: BacktestResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 404, 429)},
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        from stocks.selectors.strategy import backtest_get

        query = _query(BacktestQuerySerializer, request)
        stock = stock_version_get(symbol=normalize_symbol(symbol))
        costs = Costs(query["commission_bps"], query["slippage_bps"])
        start, end = query.get("start"), query.get("end")
        params = {
            "rule": query["rule"],
            "mode": query["mode"],
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "commission_bps": costs.commission_bps,
            "slippage_bps": costs.slippage_bps,
        }
        cached = cached_body(
            "backtest",
            symbol=stock.symbol,
            version=stock.data_version,
            params=params,
            build=lambda: (
                BacktestResponseSerializer(
                    backtest_get(stock=stock, rule=query["rule"], mode=query["mode"], costs=costs, start=start, end=end)
                ).data
            ),
        )
        return json_response(request, cached)


class PatternsApi(PublicReadApi):
    @extend_schema(
        operation_id="analysis_patterns",
        summary="Candlestick patterns (TA-Lib CDL*) with their meaning and their record on this stock",
        description="Computed on the split-adjusted daily history. Each pattern's record: forward returns 1, 5 and "
        "20 bars after each occurrence whose window has closed, beside the base rate over the same history.",
        parameters=[SYMBOL_PARAMETER, PatternsQuerySerializer],
        responses={200: PatternsResponseSerializer, 304: _NOT_MODIFIED, **_errors(400, 404, 429)},
    )
    def get(self, request: Request, symbol: str) -> HttpResponse:
        from stocks.selectors.strategy import patterns_get

        query = _query(PatternsQuerySerializer, request)
        stock = stock_version_get(symbol=normalize_symbol(symbol))
        names: list[str] = query["patterns"]
        cached = cached_body(
            "patterns",
            symbol=stock.symbol,
            version=stock.data_version,
            params={"patterns": ",".join(names), "recent_bars": query["recent_bars"]},
            build=lambda: (
                PatternsResponseSerializer(
                    patterns_get(stock=stock, names=names, recent_bars=query["recent_bars"])
                ).data
            ),
        )
        return json_response(request, cached)
