"""The prediction response: the serializers that render it are the ones the OpenAPI schema documents."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from ml_models import drift, forecasting, risk, track_record
from ml_models.models import ModelType


class ModelVersionSerializer(serializers.Serializer):
    version = serializers.CharField()
    description = serializers.CharField()


class PriceIntervalSerializer(serializers.Serializer):
    level = serializers.FloatField(help_text="Nominal coverage: 0.8 or 0.95.")
    lower = serializers.FloatField()
    upper = serializers.FloatField()
    coverage = serializers.FloatField(help_text="Share of out-of-sample outcomes inside the band fitted before them.")
    rolling_coverage = serializers.FloatField(help_text="The same over the last 250 scored points.")
    coverage_by_volatility = serializers.ListField(
        child=serializers.FloatField(), help_text="Coverage in the low, middle and high third of volatility."
    )


class PricePredictionSerializer(serializers.Serializer):
    horizon_days = serializers.IntegerField()
    last_close = serializers.FloatField()
    predicted_price = serializers.FloatField()
    lower = serializers.FloatField(help_text="Lower end of the 80% band (the first of `intervals`).")
    upper = serializers.FloatField(help_text="Upper end of the 80% band.")
    intervals = PriceIntervalSerializer(
        many=True, help_text="Volatility-scaled split-conformal bands at 80% and 95%, with their coverage."
    )


class TrendPredictionSerializer(serializers.Serializer):
    horizon_days = serializers.IntegerField()
    probability_up = serializers.FloatField(
        help_text="Calibrated (Platt) probability; the base rate where calibrated ones did not beat it out of sample."
    )
    probability_source = serializers.ChoiceField(choices=["model", "base_rate"])
    probability_up_uncalibrated = serializers.FloatField(help_text="The model's own probability, before calibration.")
    base_rate = serializers.FloatField(
        help_text="Share of up outcomes in the training data (the live Brier's yardstick)."
    )
    direction = serializers.ChoiceField(choices=["up", "down"])


class RiskFigureLabelSerializer(serializers.Serializer):
    window_days = serializers.IntegerField(
        allow_null=True, help_text="Trading days the figure covers; null: the whole stored history."
    )
    returns = serializers.ChoiceField(
        choices=list(forecasting.RETURN_CONVENTIONS),
        help_text="Daily log returns, simple returns, simple returns less the risk-free rate, or the closes.",
    )
    description = serializers.CharField(help_text="The window and convention in words.")


class VarBacktestSerializer(serializers.Serializer):
    """Each day's loss against the one-day 95% VaR of the year before it, and Kupiec's proportion-of-failures test."""

    days = serializers.IntegerField()
    breaches = serializers.IntegerField()
    expected_rate = serializers.FloatField()
    breach_rate = serializers.FloatField()
    kupiec_likelihood_ratio = serializers.FloatField()
    kupiec_p_value = serializers.FloatField(
        help_text="Chi-square (1 df) p-value that the breach rate is expected_rate."
    )
    rejected = serializers.BooleanField(help_text="The breach rate differs from expected_rate at 5%: the VaR is off.")


class RiskAssessmentSerializer(serializers.Serializer):
    annual_volatility = serializers.FloatField()
    var_95_1d = serializers.FloatField(help_text="Historical one-day value at risk, a positive fraction of value.")
    cvar_95_1d = serializers.FloatField()
    max_drawdown = serializers.FloatField(help_text="Positive fraction.")
    sharpe = serializers.FloatField(allow_null=True, help_text="Annualised; null when returns never vary.")
    sortino = serializers.FloatField(allow_null=True, help_text="Annualised; null without a return below the rate.")
    risk_free_rate = serializers.FloatField(help_text="Annual rate Sharpe and Sortino subtract (RISK_FREE_RATE).")
    beta = serializers.FloatField(allow_null=True, help_text="Against SPY (SPY's own is 1); null with beta_reason.")
    beta_points = serializers.IntegerField(help_text="Daily returns on dates shared with SPY that beta used.")
    beta_reason = serializers.CharField(allow_null=True, help_text="Why beta is null, in words; null when it is not.")
    # A CharField, not a nullable ChoiceField: the schema's NullEnum would type it `unknown` in the web app.
    beta_reason_code = serializers.CharField(
        allow_null=True, help_text=f"The same reason as a code: {', '.join(risk.BETA_REASONS)}; null with a beta."
    )
    level = serializers.ChoiceField(choices=["low", "medium", "high"])
    backtest_var_breaches = serializers.FloatField(
        help_text="Share of out-of-sample days whose loss exceeded the prior year's VaR (var_backtest.breach_rate)."
    )
    var_backtest = VarBacktestSerializer(allow_null=True, help_text="Null when there is no year-ahead day yet.")
    labels = serializers.DictField(
        child=RiskFigureLabelSerializer(), help_text="Window and return convention of each figure, by field name."
    )


_PREDICTION_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    ModelType.PRICE_PREDICTION: PricePredictionSerializer,
    ModelType.TREND_ANALYSIS: TrendPredictionSerializer,
    ModelType.RISK_ASSESSMENT: RiskAssessmentSerializer,
}


class ReliabilityBinSerializer(serializers.Serializer):
    low = serializers.FloatField()
    high = serializers.FloatField()
    count = serializers.IntegerField()
    mean_predicted = serializers.FloatField(allow_null=True)
    observed = serializers.FloatField(allow_null=True, help_text="Share of up outcomes among these predictions.")


class ProbabilityCalibrationSerializer(serializers.Serializer):
    """Out-of-sample scores (each fold calibrated on the folds before it) of calibrated, raw and base-rate
    probabilities on the same points."""

    method = serializers.CharField()
    scored_points = serializers.IntegerField()
    brier = serializers.FloatField()
    brier_uncalibrated = serializers.FloatField()
    brier_base_rate = serializers.FloatField()
    log_loss = serializers.FloatField()
    log_loss_uncalibrated = serializers.FloatField()
    log_loss_base_rate = serializers.FloatField()
    reliability = ReliabilityBinSerializer(many=True)


class EvaluationSerializer(serializers.Serializer):
    """The walk-forward out-of-sample record and the test behind its claim; empty for risk assessment."""

    metric = serializers.CharField(required=False)
    model = serializers.FloatField(required=False)
    baseline = serializers.FloatField(required=False)
    baseline_name = serializers.CharField(required=False)
    test_points = serializers.IntegerField(required=False)
    folds = serializers.IntegerField(required=False)
    skill = serializers.FloatField(required=False)
    method = serializers.CharField(required=False)
    p_value = serializers.FloatField(
        required=False, help_text="One-sided Diebold-Mariano p-value (Newey-West variance) that the model is better."
    )
    q_value = serializers.FloatField(
        required=False, help_text="The p-value adjusted (Benjamini-Hochberg) across the models trained in the run."
    )
    fdr_family_size = serializers.IntegerField(required=False, help_text="How many tests the adjustment covered.")
    dm_statistic = serializers.FloatField(
        required=False, help_text="Absent when the loss difference never varies (the test has nothing to scale by)."
    )
    hac_lag = serializers.IntegerField(required=False, help_text="Newey-West truncation lag, 2 x (horizon - 1).")
    fold_wins = serializers.IntegerField(required=False, help_text="Test folds where the model's loss was lower.")
    independent_points = serializers.IntegerField(
        required=False, help_text="Test points / horizon: how many non-overlapping outcomes were scored."
    )
    min_independent_points = serializers.IntegerField(required=False)
    alpha = serializers.FloatField(required=False)
    beats_baseline = serializers.BooleanField(
        required=False,
        help_text="Better on average with q <= alpha, in a majority of folds, on at least min_independent_points.",
    )
    calibration = ProbabilityCalibrationSerializer(required=False, help_text="Trend analysis only.")


class TrackRecordSerializer(serializers.Serializer):
    """Stored predictions scored once their horizon (in NYSE sessions) passed. Daily predictions with multi-day
    horizons overlap, so `scored` counts predictions, not independent outcomes."""

    scored = serializers.IntegerField()
    pending = serializers.IntegerField(help_text="Stored predictions whose horizon has not passed (or lacks a bar).")
    mean_abs_error = serializers.FloatField(allow_null=True, help_text="Price: mean |predicted - realised| log return.")
    baseline_mean_abs_error = serializers.FloatField(allow_null=True, help_text="Price: the same for 'no change'.")
    error_ratio = serializers.FloatField(
        allow_null=True, help_text="Price: mean_abs_error / baseline_mean_abs_error; below 1 beats 'no change'."
    )
    coverage_80 = serializers.FloatField(allow_null=True, help_text="Price: share of outcomes inside the 80% band.")
    coverage_95 = serializers.FloatField(allow_null=True, help_text="Price: share inside the 95% band.")
    moved = serializers.IntegerField(help_text="Trend: outcomes that went up or down (flat ones are not scored).")
    brier = serializers.FloatField(allow_null=True, help_text="Trend: mean Brier score of P(up).")
    brier_base_rate = serializers.FloatField(
        allow_null=True, help_text="Trend: the same for the training base rate; brier below it is skill."
    )
    hit_rate = serializers.FloatField(allow_null=True, help_text="Trend: share of moves whose direction was called.")


class FeatureDriftSerializer(serializers.Serializer):
    feature = serializers.CharField()
    psi = serializers.FloatField()
    usual_psi = serializers.FloatField(
        allow_null=True, help_text="The highest PSI of the series' earlier windows; flagged only above it."
    )
    flag = serializers.ChoiceField(choices=list(drift.FLAGS))


class DriftThresholdsSerializer(serializers.Serializer):
    watch = serializers.FloatField()
    drift = serializers.FloatField()


class DriftSerializer(serializers.Serializer):
    """PSI of each feature over the latest bars against the training rows before them, computed per training run."""

    reference_rows = serializers.IntegerField()
    recent_rows = serializers.IntegerField()
    earlier_windows = serializers.IntegerField(help_text="Earlier windows of recent_rows that set each usual_psi.")
    flag = serializers.ChoiceField(
        choices=list(drift.FLAGS),
        help_text="The worst feature's: stable (PSI < 0.1), watch (0.1-0.25), drift (> 0.25).",
    )
    worst_feature = serializers.CharField()
    worst_psi = serializers.FloatField()
    thresholds = DriftThresholdsSerializer()
    features = FeatureDriftSerializer(many=True)


class PredictionTrackRecordSerializer(serializers.Serializer):
    symbol = TrackRecordSerializer(help_text="This model version on this symbol.")
    model = TrackRecordSerializer(help_text="This model version on every symbol.")


class DisclaimerSerializer(serializers.Serializer):
    ko = serializers.CharField()
    en = serializers.CharField()


class UniverseMetricsSerializer(serializers.Serializer):
    """Daily cross-sectional scores of the universe model's out-of-sample predictions."""

    ic = serializers.FloatField(help_text="Mean over days of the Pearson correlation across symbols.")
    icir = serializers.FloatField(help_text="Mean daily IC / its standard deviation.")
    rank_ic = serializers.FloatField(help_text="Mean over days of the Spearman rank correlation across symbols.")
    rank_icir = serializers.FloatField()
    days = serializers.IntegerField(help_text="Out-of-sample days scored.")
    symbols = serializers.IntegerField()
    p_value = serializers.FloatField(help_text="One-sided test that the mean IC is above zero (Newey-West).")


class CompetitorSerializer(serializers.Serializer):
    model_scope = serializers.ChoiceField(choices=["universe", "per_symbol"])
    beats_baseline = serializers.BooleanField(allow_null=True)
    skill = serializers.FloatField(allow_null=True)
    model_card = serializers.CharField()


class SelectionSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Which model a symbol shows: the universe model unless its own earns it.")
    competitor = CompetitorSerializer(
        allow_null=True, help_text="The other model's record on this symbol from the same bars; null without one."
    )


class PredictionReadySerializer(serializers.Serializer):
    """A stored prediction, with the model version and run that made it."""

    status = serializers.ChoiceField(choices=["ready"])
    symbol = serializers.CharField()
    model_type = serializers.ChoiceField(choices=ModelType.values)
    model = ModelVersionSerializer()
    trained_at = serializers.DateTimeField(help_text="When the training run that made this prediction started.")
    as_of = serializers.DateField(help_text="Date of the last bar the model saw.")
    # DRF's metaclass moves declared fields off the class, so this does not shadow Field.source at run time.
    source = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    prediction = serializers.SerializerMethodField()
    evaluation = EvaluationSerializer()
    drift = DriftSerializer(
        allow_null=True, help_text="Feature drift at the run that made this prediction; null for risk assessment."
    )
    track_record = PredictionTrackRecordSerializer(
        allow_null=True, help_text="The live track record; null for risk assessment (not scored)."
    )
    disclaimer = DisclaimerSerializer()
    model_scope = serializers.ChoiceField(
        choices=["universe", "per_symbol"], help_text="The universe model, or one trained on this symbol alone."
    )
    universe_metrics = UniverseMetricsSerializer(allow_null=True, help_text="Null for a per-symbol model.")
    model_card = serializers.CharField(help_text="Path of the model card of the run that made this prediction.")
    selection = SelectionSerializer()

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


class PredictionPreparingSerializer(serializers.Serializer):
    """Nothing is stored yet: a worker is training the models; ask again after `retry_after_seconds`."""

    status = serializers.ChoiceField(choices=["preparing"])
    symbol = serializers.CharField()
    model_type = serializers.ChoiceField(choices=ModelType.values)
    queued = serializers.BooleanField(help_text="Whether this request queued the training (false: already queued).")
    retry_after_seconds = serializers.IntegerField()


PREDICTION_RESPONSE = PolymorphicProxySerializer(
    component_name="PredictionResponse",
    serializers={"ready": PredictionReadySerializer, "preparing": PredictionPreparingSerializer},
    resource_type_field_name="status",
)


class ModelCardSerializer(serializers.Serializer):
    """What a trained model predicts, from which features and data, how it scored out of sample, and its limits."""

    id = serializers.IntegerField(help_text="The training run.")
    model_type = serializers.ChoiceField(choices=ModelType.values)
    model_scope = serializers.ChoiceField(choices=["universe", "per_symbol"])
    version = serializers.CharField()
    symbol = serializers.CharField(allow_null=True, help_text="Null for the universe model.")
    state = serializers.ChoiceField(choices=["done", "failed"])
    error = serializers.CharField(allow_blank=True)
    predicts = serializers.CharField()
    target = serializers.CharField(allow_blank=True)
    horizon_days = serializers.IntegerField(allow_null=True)
    features = serializers.ListField(child=serializers.CharField())
    learner = serializers.DictField()
    training_window = serializers.DictField(help_text="data_start, data_end, rows, symbols.")
    evaluation = serializers.DictField(
        help_text="Universe: daily IC/ICIR/rank IC, symbols beating their baseline; per-symbol: the evaluation."
    )
    feature_importance = serializers.DictField(child=serializers.FloatField(), help_text="Share of split gain.")
    file = serializers.DictField(allow_null=True, help_text="The saved model file: name, format, bytes, sha256.")
    limits = serializers.ListField(child=serializers.CharField())
    trigger = serializers.CharField()
    trained_at = serializers.DateTimeField()
    duration_seconds = serializers.FloatField()
    params = serializers.DictField()


class VersionTrackRecordSerializer(TrackRecordSerializer):
    version = serializers.CharField()


class SymbolTrackRecordSerializer(TrackRecordSerializer):
    symbol = serializers.CharField()


class TrackRecordsSerializer(serializers.Serializer):
    model_type = serializers.ChoiceField(choices=list(track_record.SCORED_MODEL_TYPES))
    version = serializers.CharField(help_text="The model version in service, whose per-symbol records are listed.")
    models = VersionTrackRecordSerializer(many=True, help_text="Every version with a stored prediction, newest first.")
    symbols = SymbolTrackRecordSerializer(many=True, help_text="Per symbol, for the version in service.")
