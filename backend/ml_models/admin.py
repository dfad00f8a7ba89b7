"""Admin for prediction models, their training runs and predictions."""

from __future__ import annotations

from django.contrib import admin

from ml_models.models import ModelPrediction, PredictionModel, TrainingHistory


@admin.register(PredictionModel)
class PredictionModelAdmin(admin.ModelAdmin):
    list_display = ("model_type", "version", "created_at")


@admin.register(TrainingHistory)
class TrainingHistoryAdmin(admin.ModelAdmin):
    list_display = ("stock", "model", "state", "trigger", "data_end", "bars", "duration_seconds", "started_at")
    list_filter = ("state", "trigger", "model__model_type")


@admin.register(ModelPrediction)
class ModelPredictionAdmin(admin.ModelAdmin):
    list_display = ("stock", "model", "as_of", "data_version", "created_at")
    list_filter = ("model__model_type",)
