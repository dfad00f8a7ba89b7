"""Django admin for stocks: read-mostly views of stored market data and where each symbol's collection stands."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    ConsistencyCheck,
    ConsistencyFinding,
    CorporateAction,
    DailyPrice,
    DeadLetter,
    EconomicIndicator,
    IncomeStatement,
    IngestionStatus,
    Stock,
    WeeklyPrice,
)
from stocks.services.dead_letters import dead_letters_requeue


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


@admin.register(DeadLetter)
class DeadLetterAdmin(admin.ModelAdmin):
    list_display = ("id", "task_name", "exception_type", "reason", "retries", "queue", "failed_at", "requeued_at")
    list_filter = ("task_name", "exception_type", ("requeued_at", admin.EmptyFieldListFilter))
    search_fields = ("task_name", "reason", "task_id")
    date_hierarchy = "failed_at"
    readonly_fields = [field.name for field in DeadLetter._meta.fields]
    actions = ("requeue",)

    @admin.action(description="Re-queue the selected tasks with their stored arguments")
    def requeue(self, request: HttpRequest, queryset: QuerySet[DeadLetter]) -> None:
        for outcome in dead_letters_requeue(letters=queryset.order_by("pk")):
            if outcome.refused:
                self.message_user(
                    request, f"#{outcome.letter_id} {outcome.task_name}: {outcome.refused}", messages.WARNING
                )
            else:
                self.message_user(request, f"#{outcome.letter_id} {outcome.task_name}: re-queued as {outcome.task_id}")


class ConsistencyFindingInline(admin.TabularInline):
    model = ConsistencyFinding
    fields = ("stock", "kind", "date", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ConsistencyCheck)
class ConsistencyCheckAdmin(admin.ModelAdmin):
    list_display = ("id", "started_at", "finished_at", "symbols_checked", "findings_count")
    readonly_fields = ("started_at", "finished_at", "symbols_checked", "findings_count")
    inlines = (ConsistencyFindingInline,)


@admin.register(ConsistencyFinding)
class ConsistencyFindingAdmin(admin.ModelAdmin):
    list_display = ("check_run", "stock", "kind", "date", "detail")
    list_filter = ("kind",)
    search_fields = ("stock__symbol", "detail")
    readonly_fields = ("check_run", "stock", "kind", "date", "detail", "values")


@admin.register(EconomicIndicator)
class EconomicIndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "interval", "unit", "source", "fetched_at", "requested_at", "error")
    readonly_fields = ("name", "interval", "unit", "source", "fetched_at", "requested_at", "error")
