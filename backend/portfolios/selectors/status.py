"""Background-collection status of a symbol, in the seed's shape plus the state of each ingestion step."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.symbols import normalize_symbol
from portfolios.clock import iso_timestamp
from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    DailyPrice,
    IncomeStatement,
    IngestionState,
    IngestionStatus,
    Stock,
    WeeklyPrice,
)
from stocks.selectors.stalled import step_stalled

_ACTIVE = {IngestionState.PENDING, IngestionState.RUNNING, IngestionState.WAITING_FOR_QUOTA}


def _collection_state(states: list[str]) -> str:
    """idle (nothing recorded), running (a step still to finish), failed (a step failed) or done."""
    if not states:
        return "idle"
    if any(state in _ACTIVE for state in states):
        return "running"
    if any(state == IngestionState.FAILED for state in states):
        return "failed"
    return "done"


def symbol_status_get(*, symbol: str) -> dict[str, Any]:
    """What is stored for `symbol` and where each collection step stands (stock data is shared by all users)."""
    symbol = normalize_symbol(symbol)
    stock = Stock.objects.filter(pk=symbol).first()
    details = {"daily_prices": 0, "weekly_prices": 0, "balance_sheets": 0, "income_statements": 0, "cash_flows": 0}
    steps: dict[str, dict[str, Any]] = {}
    if stock is None:
        return {
            "symbol": symbol,
            "stock_exists": False,
            "has_overview": False,
            "has_prices": False,
            "has_financial": False,
            "is_complete": False,
            "collection_state": "idle",
            "details": details,
            "steps": steps,
        }
    details = {
        "daily_prices": DailyPrice.objects.filter(stock_id=symbol).count(),
        "weekly_prices": WeeklyPrice.objects.filter(stock_id=symbol).count(),
        "balance_sheets": BalanceSheet.objects.filter(stock_id=symbol).count(),
        "income_statements": IncomeStatement.objects.filter(stock_id=symbol).count(),
        "cash_flows": CashFlowStatement.objects.filter(stock_id=symbol).count(),
    }
    now = timezone.now()
    for status in IngestionStatus.objects.filter(stock_id=symbol).order_by("step"):
        steps[status.step] = {
            "state": status.state,
            "rows_written": status.rows_written,
            "rows_rejected": status.rows_rejected,
            "reason": status.reason,
            "retry_at": iso_timestamp(status.retry_at),
            "updated_at": iso_timestamp(status.updated_at),
            "stalled": step_stalled(state=status.state, started_at=status.started_at, now=now),
        }
    has_overview = stock.overview_fetched_at is not None or bool(stock.description or stock.sector)
    has_prices = details["daily_prices"] > 0
    has_financial = details["balance_sheets"] + details["income_statements"] + details["cash_flows"] > 0
    return {
        "symbol": symbol,
        "stock_exists": True,
        "has_overview": has_overview,
        "has_prices": has_prices,
        "has_financial": has_financial,
        "is_complete": has_overview and has_prices and has_financial,
        "collection_state": _collection_state([s["state"] for s in steps.values()]),
        "details": details,
        "steps": steps,
    }
