"""App config for core."""

from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import converters, logging, request_id

        converters.register()
        request_id.install_log_record_factory()
        logging.redact_server_logs()
