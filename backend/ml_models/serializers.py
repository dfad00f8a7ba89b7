"""The prediction response: the serializers that render it are the ones the OpenAPI schema documents."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from ml_models.models import ModelType


class ModelVersionSerializer(serializers.Serializer):
    version = serializers.CharField()
    description = serializers.CharField()


class PricePredictionSerializer(serializers.Serializer):
    horizon_days = serializers.IntegerField()
    last_close = serializers.FloatField()
    predicted_price = serializers.FloatField()
    lower = serializers.FloatField(help_text="10th percentile of out-of-sample errors applied to the prediction.")
    upper = serializers.FloatField(help_text="90th percentile of out-of-sample errors applied to the prediction.")


class TrendPredictionSerializer(serializers.Serializer):
    horizon_days = serializers.IntegerField()
    probability_up = serializers.FloatField()
    direction = serializers.ChoiceField(choices=["up", "down"])


class RiskAssessmentSerializer(serializers.Serializer):
    annual_volatility = serializers.FloatField()
    var_95_1d = serializers.FloatField(help_text="Historical one-day value at risk, a positive fraction of value.")
    cvar_95_1d = serializers.FloatField()
    max_drawdown = serializers.FloatField(help_text="Positive fraction.")
    beta = serializers.FloatField(allow_null=True, help_text="Against SPY; null without aligned SPY prices.")
    level = serializers.ChoiceField(choices=["low", "medium", "high"])
    backtest_var_breaches = serializers.FloatField(
        help_text="Share of out-of-sample days whose loss exceeded the prior year's VaR."
    )


_PREDICTION_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    ModelType.PRICE_PREDICTION: PricePredictionSerializer,
    ModelType.TREND_ANALYSIS: TrendPredictionSerializer,
    ModelType.RISK_ASSESSMENT: RiskAssessmentSerializer,
}


class EvaluationSerializer(serializers.Serializer):
    """The walk-forward out-of-sample record; empty for risk assessment, which predicts nothing to score."""

    metric = serializers.CharField(required=False)
    model = serializers.FloatField(required=False)
    baseline = serializers.FloatField(required=False)
    baseline_name = serializers.CharField(required=False)
    test_points = serializers.IntegerField(required=False)
    folds = serializers.IntegerField(required=False)
    skill = serializers.FloatField(required=False)
    method = serializers.CharField(required=False)
    beats_baseline = serializers.BooleanField(required=False)


class DisclaimerSerializer(serializers.Serializer):
    ko = serializers.CharField()
    en = serializers.CharField()


class PredictionResponseSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    model_type = serializers.ChoiceField(choices=ModelType.values)
    model = ModelVersionSerializer()
    as_of = serializers.DateField(help_text="Date of the last bar the model saw.")
    # DRF's metaclass moves declared fields off the class, so this does not shadow Field.source at run time.
    source = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    prediction = serializers.SerializerMethodField()
    evaluation = EvaluationSerializer()
    disclaimer = DisclaimerSerializer()

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="PredictionValues",
            serializers=list(_PREDICTION_SERIALIZERS.values()),
            resource_type_field_name=None,
        )
    )
    def get_prediction(self, body: dict[str, Any]) -> dict[str, Any]:
        serializer = _PREDICTION_SERIALIZERS[body["model_type"]]
        return dict(serializer(body["prediction"]).data)
