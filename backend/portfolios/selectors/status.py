"""Background-collection status of a symbol, in the seed's shape plus the state of each ingestion step.

It tells the truth (issue 16): a step that cannot apply (financial statements of an ETF or fund) is
"not_applicable", counted neither done nor to do; `collecting` is true only while an applicable step is really
pending, running or waiting for quota; `waiting_for_quota` names the step that waits and until when.
"""

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
    IngestionStep,
    Stock,
    SymbolListing,
    WeeklyPrice,
)
from stocks.selectors.stalled import step_stalled
from stocks.services.symbols import BUNDLED

_ACTIVE = {IngestionState.PENDING, IngestionState.RUNNING, IngestionState.WAITING_FOR_QUOTA}
_FINISHED = {IngestionState.DONE, IngestionState.PARTIAL}
NOT_APPLICABLE = "not_applicable"
# Asset types (as Alpha Vantage's OVERVIEW and LISTING_STATUS spell them) that publish no company statements.
_NO_STATEMENTS = {"ETF", "ETN", "FUND", "MUTUAL FUND", "INDEX", "TRUST"}


def statements_apply(asset_type: str) -> bool:
    """Whether financial statements exist for a security of `asset_type` (empty: assume a company)."""
    return asset_type.strip().upper() not in _NO_STATEMENTS


def _asset_type(stock: Stock) -> str:
    """The stored asset type, else the catalogue's (Alpha Vantage's OVERVIEW of an ETF is empty)."""
    if stock.asset_type:
        return stock.asset_type
    listed = SymbolListing.objects.filter(pk=stock.symbol).values_list("asset_type", flat=True).first()
    if listed:
        return listed
    bundled = BUNDLED.get(stock.symbol)
    return bundled.asset_type if bundled else ""


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
            "financials_apply": True,
            "is_complete": False,
            "collection_state": "idle",
            "collecting": False,
            "steps_done": 0,
            "steps_total": 0,
            "waiting_for_quota": None,
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
    applies = statements_apply(_asset_type(stock))
    now = timezone.now()
    for status in IngestionStatus.objects.filter(stock_id=symbol).order_by("step"):
        not_applicable = status.step == IngestionStep.FINANCIALS and not applies
        steps[status.step] = {
            "state": NOT_APPLICABLE if not_applicable else status.state,
            "rows_written": status.rows_written,
            "rows_rejected": status.rows_rejected,
            "reason": "" if not_applicable else status.reason,
            "retry_at": None if not_applicable else iso_timestamp(status.retry_at),
            "updated_at": iso_timestamp(status.updated_at),
            "stalled": step_stalled(state=status.state, started_at=status.started_at, now=now),
        }
    has_overview = stock.overview_fetched_at is not None or bool(stock.description or stock.sector)
    has_prices = details["daily_prices"] > 0
    has_financial = details["balance_sheets"] + details["income_statements"] + details["cash_flows"] > 0
    applicable = [s["state"] for s in steps.values() if s["state"] != NOT_APPLICABLE]
    waiting = sorted(
        ((s["retry_at"] or "", name) for name, s in steps.items() if s["state"] == IngestionState.WAITING_FOR_QUOTA),
    )
    collection_state = _collection_state(applicable)
    return {
        "symbol": symbol,
        "stock_exists": True,
        "has_overview": has_overview,
        "has_prices": has_prices,
        "has_financial": has_financial,
        "financials_apply": applies,
        "is_complete": has_overview and has_prices and (has_financial or not applies),
        "collection_state": collection_state,
        "collecting": collection_state == "running",
        "steps_done": sum(1 for state in applicable if state in _FINISHED),
        "steps_total": len(applicable),
        "waiting_for_quota": {"step": waiting[0][1], "retry_at": waiting[0][0] or None} if waiting else None,
        "details": details,
        "steps": steps,
    }
