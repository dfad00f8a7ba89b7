"""App config for stocks."""

from __future__ import annotations

from django.apps import AppConfig


class StocksConfig(AppConfig):
    name = "stocks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from stocks import cache, realtime
        from stocks.services import dead_letters

        realtime.connect_receivers()
        cache.connect_receivers()
        dead_letters.connect_receivers()
