"""App config for portfolios: connects to the stocks app's domain events."""

from __future__ import annotations

from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portfolios import receivers
        from portfolios.selectors.interest import PortfolioCurrencyInterest, PortfolioSymbolInterest
        from stocks import signals
        from stocks.interest import currency_interest_register, symbol_interest_register

        symbol_interest_register(PortfolioSymbolInterest())
        currency_interest_register(PortfolioCurrencyInterest())

        signals.quote_stored.connect(receivers.on_quote_stored, dispatch_uid="portfolios.alerts.quote")
        signals.bars_stored.connect(receivers.on_bars_stored, dispatch_uid="portfolios.alerts.bars")
        signals.stock_data_changed.connect(receivers.on_stock_data_changed, dispatch_uid="portfolios.dividends")
        signals.demo_data_loaded.connect(receivers.on_demo_data_loaded, dispatch_uid="portfolios.demo")
