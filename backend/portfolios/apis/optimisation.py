"""Portfolio optimisation endpoints: the user's holdings (POST /api/v1/users/portfolio/optimise/) and a list of
stored symbols (POST /api/v1/analysis/optimise/)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from analysis.optimisation import METHODS, STRATEGIES, Spec
from core.exceptions import ErrorCode
from core.serializers import error_responses
from portfolios.apis.fields import NonNegativeFloatField, SymbolField
from portfolios.services.optimisation import (
    MAX_SYMBOLS,
    Optimisation,
    Settings,
    portfolio_optimise,
    symbols_optimise,
)
from users.models import User


class OptimisationInputSerializer(serializers.Serializer[Any]):
    method = serializers.ChoiceField(
        choices=list(METHODS),
        default="max_sharpe",
        help_text="min_volatility, max_sharpe, efficient_return (needs target_return), efficient_risk (needs "
        "target_volatility) or hrp (hierarchical risk parity; no weight bounds).",
    )
    target_return = serializers.FloatField(
        required=False, min_value=-1, max_value=10, help_text="Annual return to reach at the least volatility (0.12)."
    )
    target_volatility = serializers.FloatField(
        required=False, min_value=0.0001, max_value=5, help_text="Annual volatility to stay within (0.15)."
    )
    min_weight = serializers.FloatField(default=0.0, min_value=0, max_value=1, help_text="Floor of each weight.")
    max_weight = serializers.FloatField(
        default=1.0, min_value=0.0001, max_value=1, help_text="Maximum weight of one position (0.25 = 25%)."
    )
    risk_free_rate = serializers.FloatField(default=0.02, min_value=-0.05, max_value=0.25)
    lookback_days = serializers.IntegerField(
        default=504,
        min_value=60,
        max_value=2520,
        help_text="Daily closes the estimates use; also each walk-forward training window.",
    )
    rebalance_days = serializers.IntegerField(
        default=63, min_value=5, max_value=252, help_text="Walk-forward: bars each re-optimised portfolio is held."
    )
    evaluation_days = serializers.IntegerField(
        default=1260, min_value=5, max_value=5040, help_text="Walk-forward: bars of out-of-sample test at most."
    )
    frontier_points = serializers.IntegerField(default=20, min_value=2, max_value=50)
    cash = NonNegativeFloatField(default=0.0, max_value=1e12, help_text="Cash to allocate in whole shares; 0 for none.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for method, name in (("efficient_return", "target_return"), ("efficient_risk", "target_volatility")):
            if attrs["method"] == method and attrs.get(name) is None:
                raise serializers.ValidationError({name: [f"{method} needs a {name}."]}, code=ErrorCode.TARGET_REQUIRED)
        return attrs

    def settings(self) -> Settings:
        data = self.validated_data
        spec = Spec(
            method=data["method"],
            target_return=data.get("target_return"),
            target_volatility=data.get("target_volatility"),
            min_weight=data["min_weight"],
            max_weight=data["max_weight"],
            risk_free_rate=data["risk_free_rate"],
        )
        return Settings(
            spec=spec,
            lookback_days=data["lookback_days"],
            rebalance_days=data["rebalance_days"],
            evaluation_days=data["evaluation_days"],
            frontier_points=data["frontier_points"],
            cash=data["cash"],
        )


class SymbolsOptimisationInputSerializer(OptimisationInputSerializer):
    symbols = serializers.ListField(
        child=SymbolField(), min_length=1, max_length=MAX_SYMBOLS, help_text="Stored symbols, 2 to 30."
    )
    shares = serializers.DictField(
        child=NonNegativeFloatField(max_value=1e12),
        required=False,
        help_text="Shares held per symbol (keys among symbols), for the current weights and the trades.",
    )


class PerformanceSerializer(serializers.Serializer[Any]):
    expected_return = serializers.FloatField(help_text="Annual, a fraction (0.12 = 12%).")
    volatility = serializers.FloatField(help_text="Annual standard deviation, a fraction.")
    sharpe = serializers.FloatField()


class PositionSerializer(serializers.Serializer[Any]):
    symbol = serializers.CharField()
    weight = serializers.FloatField(help_text="Target weight.")
    current_weight = serializers.FloatField(allow_null=True, help_text="At the last prices; null without holdings.")
    last_price = serializers.FloatField()
    current_shares = serializers.FloatField()
    target_shares = serializers.FloatField(help_text="Whole shares nearest the target weight of today's value.")
    trade_shares = serializers.FloatField(help_text="Buy (positive) or sell (negative) to reach target_shares.")


class AllocationSerializer(serializers.Serializer[Any]):
    cash = serializers.FloatField()
    shares = serializers.DictField(child=serializers.IntegerField(), help_text="Whole shares to buy per symbol.")
    leftover = serializers.FloatField(help_text="Cash not spent.")


class StrategyRecordSerializer(serializers.Serializer[Any]):
    name = serializers.ChoiceField(choices=list(STRATEGIES))
    annual_return = serializers.FloatField(help_text="Compound annual growth, a fraction.")
    volatility = serializers.FloatField()
    sharpe = serializers.FloatField()
    max_drawdown = serializers.FloatField(help_text="Worst peak-to-trough fall, a negative fraction.")
    total_return = serializers.FloatField()


class OutOfSampleSerializer(serializers.Serializer[Any]):
    """Walk-forward test: re-optimise on the trailing train_days, hold hold_days, rebalance; each strategy is judged
    only on bars after the data its weights were estimated from."""

    train_days = serializers.IntegerField()
    hold_days = serializers.IntegerField()
    periods = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    fallback_periods = serializers.IntegerField(
        help_text="Windows where the method had no answer and the minimum-volatility weights were held."
    )
    strategies = StrategyRecordSerializer(many=True)


class OptimisationSerializer(serializers.Serializer[Optimisation]):
    method = serializers.ChoiceField(choices=list(METHODS))
    symbols = serializers.ListField(child=serializers.CharField())
    start = serializers.DateField(help_text="First close of the estimation window.")
    end = serializers.DateField()
    bars = serializers.IntegerField()
    risk_free_rate = serializers.FloatField()
    min_weight = serializers.FloatField()
    max_weight = serializers.FloatField()
    positions = PositionSerializer(many=True)
    performance = PerformanceSerializer(help_text="The target portfolio, in sample.")
    current = PerformanceSerializer(allow_null=True, help_text="The current portfolio, in sample.")
    equal_weight = PerformanceSerializer()
    min_volatility = PerformanceSerializer()
    max_return = serializers.FloatField(help_text="The highest annual return the weight bounds allow.")
    frontier = PerformanceSerializer(many=True, help_text="Efficient frontier, least volatile first.")
    portfolio_value = serializers.FloatField(help_text="Current value at the last prices that the trades rebalance.")
    trade_leftover = serializers.FloatField(help_text="Cash left after the trades' whole shares.")
    allocation = AllocationSerializer(allow_null=True, help_text="Whole shares for `cash`; null when cash is 0.")
    out_of_sample = OutOfSampleSerializer()


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


ERRORS = error_responses(400, 401, 404)


class PortfolioOptimiseApi(APIView):
    @extend_schema(
        summary="Optimise the user's holdings: target weights, frontier, trades, cash allocation, walk-forward test",
        request=OptimisationInputSerializer,
        responses={200: OptimisationSerializer, **ERRORS},
        tags=["portfolio"],
    )
    def post(self, request: Request) -> Response:
        serializer = OptimisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = portfolio_optimise(user=_user(request), settings=serializer.settings())
        return Response(OptimisationSerializer(result).data)


class SymbolsOptimiseApi(APIView):
    @extend_schema(
        summary="Optimise a list of stored symbols: target weights, frontier, trades, allocation, walk-forward test",
        request=SymbolsOptimisationInputSerializer,
        responses={200: OptimisationSerializer, **ERRORS},
        tags=["analysis"],
    )
    def post(self, request: Request) -> Response:
        serializer = SymbolsOptimisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = symbols_optimise(
            symbols=serializer.validated_data["symbols"],
            shares=serializer.validated_data.get("shares"),
            settings=serializer.settings(),
        )
        return Response(OptimisationSerializer(result).data)
