"""Prediction models and the predictions they made, with the out-of-sample scores that qualify them."""

from __future__ import annotations

from django.db import models


class ModelType(models.TextChoices):
    PRICE_PREDICTION = "price_prediction", "Price prediction"
    TREND_ANALYSIS = "trend_analysis", "Trend analysis"
    RISK_ASSESSMENT = "risk_assessment", "Risk assessment"


class PredictionModel(models.Model):
    """A model family and version; predictions name the version that produced them."""

    model_type = models.CharField(max_length=32, choices=ModelType.choices)
    version = models.CharField(max_length=32)
    description = models.TextField(blank=True)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_type", "version"], name="prediction_model_unique")]

    def __str__(self) -> str:
        return f"{self.model_type} {self.version}"


class TrainingScope(models.TextChoices):
    SYMBOL = "symbol", "One symbol"
    UNIVERSE = "universe", "All stored symbols"


class TrainingTrigger(models.TextChoices):
    NEW_BARS = "new_bars", "Daily bars were stored (first collection or daily refresh)"
    FIRST_READ = "first_read", "A prediction was asked for before one existed"
    COMMAND = "command", "A management command"


class TrainingState(models.TextChoices):
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class TrainingHistory(models.Model):
    """One training run of one model type on one symbol (or the universe): its data, parameters, time and scores.

    Runs sharing a `batch` were trained together; their p-values are adjusted together (Benjamini-Hochberg).
    """

    batch = models.UUIDField(db_index=True)
    trigger = models.CharField(max_length=16, choices=TrainingTrigger.choices)
    scope = models.CharField(max_length=16, choices=TrainingScope.choices, default=TrainingScope.SYMBOL)
    stock = models.ForeignKey(
        "stocks.Stock", to_field="symbol", on_delete=models.CASCADE, db_column="symbol", null=True, blank=True
    )
    model = models.ForeignKey(PredictionModel, on_delete=models.CASCADE, related_name="trainings")
    state = models.CharField(max_length=16, choices=TrainingState.choices)
    error = models.TextField(blank=True)
    data_start = models.DateField(null=True, blank=True, help_text="First bar of the data window.")
    data_end = models.DateField(null=True, blank=True, help_text="Last bar of the data window.")
    bars = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict)
    metrics = models.JSONField(default=dict, help_text="The out-of-sample evaluation; empty when nothing is scored.")
    started_at = models.DateTimeField()
    duration_seconds = models.FloatField()

    class Meta:
        ordering = ["-started_at"]
        verbose_name_plural = "training history"
        indexes = [models.Index(fields=["stock", "model", "-started_at"], name="training_stock_model_idx")]

    def __str__(self) -> str:
        return f"{self.model} on {self.stock_id or 'universe'} ({self.state})"


class ModelPrediction(models.Model):
    """One prediction for one stock from the bars up to `as_of`, with the walk-forward evaluation behind it."""

    stock = models.ForeignKey("stocks.Stock", to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    model = models.ForeignKey(PredictionModel, on_delete=models.CASCADE, related_name="predictions")
    training = models.ForeignKey(TrainingHistory, on_delete=models.CASCADE, related_name="predictions")
    data_version = models.PositiveIntegerField(help_text="The stock's data version when the model read its bars.")
    as_of = models.DateField(help_text="Date of the last bar the model saw.")
    result = models.JSONField()
    evaluation = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["stock", "model", "as_of"], name="model_prediction_unique_as_of")
        ]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.model} @ {self.as_of}"


class PredictionScore(models.Model):
    """A stored prediction scored against the adjusted close once its horizon (in XNYS sessions) passed.

    Price fields are null for a trend prediction and trend fields for a price one; `outcome_up` is null when the
    close did not move (neither up nor down, as in training).
    """

    prediction = models.OneToOneField(ModelPrediction, on_delete=models.CASCADE, related_name="score")
    stock = models.ForeignKey("stocks.Stock", to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    model = models.ForeignKey(PredictionModel, on_delete=models.CASCADE, related_name="scores")
    target_date = models.DateField(help_text="The session `horizon_days` sessions after the prediction's as_of.")
    realised_log_return = models.FloatField(help_text="Adjusted close at target_date over the one at as_of, log.")
    realised_close = models.FloatField(null=True, blank=True, help_text="On the prediction's scale (price only).")
    abs_error = models.FloatField(null=True, blank=True, help_text="|predicted - realised| log return.")
    baseline_abs_error = models.FloatField(null=True, blank=True, help_text="The same for 'no change'.")
    inside_80 = models.BooleanField(null=True, blank=True)
    inside_95 = models.BooleanField(null=True, blank=True)
    probability_up = models.FloatField(null=True, blank=True)
    outcome_up = models.BooleanField(null=True, blank=True)
    brier = models.FloatField(null=True, blank=True)
    brier_base_rate = models.FloatField(null=True, blank=True)
    scored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-target_date"]
        indexes = [models.Index(fields=["model", "stock"], name="prediction_score_model_idx")]

    def __str__(self) -> str:
        return f"{self.prediction} scored at {self.target_date}"
