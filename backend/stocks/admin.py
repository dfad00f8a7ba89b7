"""Django admin for stocks: read-mostly views of stored market data and where each symbol's collection stands."""

from __future__ import annotations

from django.contrib import admin

from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    CorporateAction,
    DailyPrice,
    IncomeStatement,
    IngestionStatus,
    Stock,
    WeeklyPrice,
)


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = (
        "symbol",
        "name",
        "sector",
        "exchange",
        "real_time_price",
        "source",
        "history_partial",
        "data_version",
        "quote_fetched_at",
    )
    list_filter = ("source", "sector", "exchange", "history_partial")
    search_fields = ("symbol", "name")
    readonly_fields = ("data_version", "created_at", "updated_at")


class PriceAdmin(admin.ModelAdmin):
    list_display = ("stock", "date", "open_price", "high_price", "low_price", "close_price", "volume", "source")
    list_filter = ("source",)
    search_fields = ("stock__symbol",)
    date_hierarchy = "date"
    raw_id_fields = ("stock",)


admin.site.register(DailyPrice, PriceAdmin)
admin.site.register(WeeklyPrice, PriceAdmin)


class StatementAdmin(admin.ModelAdmin):
    list_display = ("stock", "period_type", "fiscal_year", "fiscal_quarter", "fiscal_date_ending", "source")
    list_filter = ("period_type", "source")
    search_fields = ("stock__symbol",)
    raw_id_fields = ("stock",)


admin.site.register(BalanceSheet, StatementAdmin)
admin.site.register(IncomeStatement, StatementAdmin)
admin.site.register(CashFlowStatement, StatementAdmin)


@admin.register(CorporateAction)
class CorporateActionAdmin(admin.ModelAdmin):
    list_display = ("stock", "kind", "ex_date", "ratio", "amount", "source")
    list_filter = ("kind", "source")
    search_fields = ("stock__symbol",)
    raw_id_fields = ("stock",)


@admin.register(IngestionStatus)
class IngestionStatusAdmin(admin.ModelAdmin):
    list_display = ("stock", "step", "state", "rows_written", "rows_rejected", "retry_at", "finished_at")
    list_filter = ("state", "step")
    search_fields = ("stock__symbol", "reason")
    raw_id_fields = ("stock",)
