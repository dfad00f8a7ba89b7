"""Admin for portfolios."""

from __future__ import annotations

from django.contrib import admin

from portfolios.models import (
    Alert,
    Holding,
    Notification,
    PortfolioHistory,
    Transaction,
    TransactionImport,
    WatchlistEntry,
)


@admin.register(Holding)
class HoldingAdmin(admin.ModelAdmin):
    list_display = ("user", "stock", "quantity", "average_price", "updated_at")
    list_filter = ("stock",)
    search_fields = ("user__username", "stock__symbol")


@admin.register(Transaction)
class TransactionAdmin(admin.ModelAdmin):
    list_display = ("holding", "kind", "date", "quantity", "price", "fee")
    list_filter = ("kind",)


admin.site.register(TransactionImport)
admin.site.register(PortfolioHistory)
admin.site.register(WatchlistEntry)
admin.site.register(Alert)
admin.site.register(Notification)
