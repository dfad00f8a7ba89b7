"""App config for ml_models."""

from __future__ import annotations

from django.apps import AppConfig


class MlModelsConfig(AppConfig):
    name = "ml_models"
    default_auto_field = "django.db.models.BigAutoField"
