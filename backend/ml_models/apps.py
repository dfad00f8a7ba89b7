"""App config for ml_models: new daily bars (stocks' `bars_stored` event) queue the symbol's training, and the
refresh status reads the models' feature drift."""

from __future__ import annotations

from django.apps import AppConfig


class MlModelsConfig(AppConfig):
    name = "ml_models"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ml_models import receivers, selectors
        from stocks import signals
        from stocks.selectors import refresh

        signals.bars_stored.connect(receivers.on_bars_stored, dispatch_uid="ml_models.training.bars")
        refresh.model_drift_reader_register(selectors.model_drift_by_symbol)
