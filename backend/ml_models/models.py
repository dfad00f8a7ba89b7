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


class ModelPrediction(models.Model):
    """One prediction for one stock at one data version, with the walk-forward evaluation behind it."""

    stock = models.ForeignKey("stocks.Stock", to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    model = models.ForeignKey(PredictionModel, on_delete=models.CASCADE, related_name="predictions")
    data_version = models.PositiveIntegerField()
    as_of = models.DateField(help_text="Date of the last bar the model saw.")
    result = models.JSONField()
    evaluation = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["stock", "model", "data_version"], name="model_prediction_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.model} @ {self.as_of}"
