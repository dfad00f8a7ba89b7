"""Admin for prediction models and predictions."""

from __future__ import annotations

from django.contrib import admin

from ml_models.models import ModelPrediction, PredictionModel


@admin.register(PredictionModel)
class PredictionModelAdmin(admin.ModelAdmin):
    list_display = ("model_type", "version", "created_at")


@admin.register(ModelPrediction)
class ModelPredictionAdmin(admin.ModelAdmin):
    list_display = ("stock", "model", "as_of", "data_version", "created_at")
    list_filter = ("model__model_type",)
