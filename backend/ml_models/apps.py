"""App config for ml_models: new daily bars (stocks' `bars_stored` event) queue the symbol's training."""

from __future__ import annotations

from django.apps import AppConfig


class MlModelsConfig(AppConfig):
    name = "ml_models"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ml_models import receivers
        from stocks import signals

        signals.bars_stored.connect(receivers.on_bars_stored, dispatch_uid="ml_models.training.bars")
