"""The quota-aware refresh planner: a pure decision function and the thin service that feeds and runs it."""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stocks.interest import symbol_interest
from stocks.models import IngestionState, IngestionStatus, Stock
from stocks.schedule import (
    Dataset,
    fresh_since,
    is_market_open,
    market_minutes_left,
    market_state,
    next_boundary,
)

logger = logging.getLogger(__name__)

QUOTE_PERIOD = dt.timedelta(minutes=1)
# A task that has not reported for this long is presumed lost (its worker died before acking) and may be replanned.
IN_FLIGHT_TIMEOUT = dt.timedelta(minutes=10)
# A failed dataset is not retried by the planner before this (Celery already retried temporary errors).
FAILURE_BACKOFF = dt.timedelta(minutes=15)
# Financials: balance sheet, income statement, cash flow. Corporate actions: splits, dividends.
CALL_COST: dict[Dataset, int] = {Dataset.FINANCIALS: 3, Dataset.CORPORATE_ACTIONS: 2}
TIER_HELD, TIER_WATCHED, TIER_OTHER = 0, 1, 2
# Paced to the session on a finite quota, out of the calls left after the daily closes' reserve.
PACED: frozenset[Dataset] = frozenset({Dataset.QUOTE, Dataset.INTRADAY})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One (symbol, dataset) the planner may refresh."""

    symbol: str
    dataset: Dataset
    as_of: dt.datetime | None  # last successful refresh
    tier: int = TIER_OTHER  # 0 held, 1 watched, 2 neither
    users: int = 0  # users holding or watching the symbol
    blocked_until: dt.datetime | None = None  # in flight, failed recently or waiting for quota
    viewing: bool = False  # someone opened its 1D or 5D chart in the last settings.INTRADAY_VIEWING_MINUTES

    @property
    def intraday_interest(self) -> list[str]:
        """Why the planner keeps this symbol's 5-minute bars fresh: "held", "watched", "viewing" (none: it does not)."""
        reasons = ["held"] if self.tier == TIER_HELD else ["watched"] if self.tier == TIER_WATCHED else []
        return [*reasons, "viewing"] if self.viewing else reasons


@dataclass(frozen=True, slots=True)
class Budget:
    unlimited: bool
    remaining_today: int | None = None
    limit_per_day: int | None = None
    per_cycle: int | None = None  # calls the provider still allows this minute

    def calls_left(self, calls_used: int) -> int | None:
        """Calls this tick may still make after `calls_used` (today's and this minute's limits); None: unlimited."""
        if self.unlimited:
            return None
        return max(0, min(self.remaining_today or 0, self.per_cycle or 0) - calls_used)


@dataclass(slots=True)
class Plan:
    picked: list[Candidate] = field(default_factory=list)
    next_refresh: dict[tuple[str, Dataset], dt.datetime | None] = field(default_factory=dict)
    quote_period: dt.timedelta | None = QUOTE_PERIOD
    calls: int = 0


def _cost(dataset: Dataset) -> int:
    return CALL_COST.get(dataset, 1)


def quote_period_for(*, budget: Budget, quote_symbols: int, reserve: int, now: dt.datetime) -> dt.timedelta | None:
    """How often each quoted symbol can be refreshed so the day's remaining quota lasts until the close.

    None when no call is left for quotes (after `reserve` calls kept for the daily closes).
    """
    if budget.unlimited:
        return QUOTE_PERIOD
    usable = (budget.remaining_today or 0) - reserve
    if usable <= 0 or quote_symbols == 0:
        return None
    minutes = max(1, market_minutes_left(now))
    return max(QUOTE_PERIOD, dt.timedelta(minutes=math.ceil(minutes * quote_symbols / usable)))


def refresh_plan(
    *,
    candidates: Sequence[Candidate],
    budget: Budget,
    now: dt.datetime,
    demo_clock: bool = False,
    demo_period: dt.timedelta = QUOTE_PERIOD,
) -> Plan:
    """Pick what to refresh this cycle: held, then watched, then other symbols; stalest and most-used first.

    Never spends more than the budget allows. With a finite budget only held or watched symbols get intraday
    quotes, paced so the quota lasts the session; with an unlimited one every symbol is quoted every minute in
    market hours, and every `demo_period` outside them when `demo_clock` is on. Splits and dividends (monthly,
    two calls) wait until a symbol has daily bars, which they are checked against. 5-minute bars are planned only
    for symbols someone holds, watches or is viewing, after everything else that is due, paced like quotes.
    """
    market = market_state(now)
    demo = demo_clock and budget.unlimited and not market.is_open
    quotes_live = market.is_open or demo
    interested = {c.symbol for c in candidates if c.tier < TIER_OTHER}
    priced = {c.symbol for c in candidates if c.dataset is Dataset.DAILY and c.as_of is not None}
    quote_allowance: int | None = None
    if budget.unlimited:
        period: dt.timedelta | None = demo_period if demo else QUOTE_PERIOD
    else:
        # Keep one call per interesting symbol for its daily bar after today's close.
        reserve = len(interested) if market.is_open else 0
        period = quote_period_for(budget=budget, quote_symbols=len(interested), reserve=reserve, now=now)
        quote_allowance = max(0, (budget.remaining_today or 0) - reserve)
    plan = Plan(quote_period=period)

    due: list[Candidate] = []
    for candidate in candidates:
        if candidate.dataset is Dataset.CORPORATE_ACTIONS and candidate.symbol not in priced:
            # Splits and dividends are checked against the stored prices: planned once daily bars are stored.
            plan.next_refresh[(candidate.symbol, candidate.dataset)] = None
            continue
        is_due, when = _due_or_next(
            candidate, now=now, market_next_open=market.next_open, quotes_live=quotes_live, period=period, budget=budget
        )
        if is_due:
            due.append(candidate)
        else:
            plan.next_refresh[(candidate.symbol, candidate.dataset)] = when

    due.sort(
        key=lambda c: (
            c.dataset is Dataset.INTRADAY,
            c.tier,
            c.as_of is not None,
            c.as_of or now,
            -c.users,
            c.symbol,
            c.dataset.value,
        )
    )
    left_today = None if budget.unlimited else (budget.remaining_today or 0)
    left_cycle = budget.calls_left(0)
    for candidate in due:
        cost = _cost(candidate.dataset)
        if left_cycle is not None and left_today is not None:
            key = (candidate.symbol, candidate.dataset)
            is_quote = candidate.dataset in PACED and quote_allowance is not None
            if is_quote and cost > (quote_allowance or 0):
                plan.next_refresh[key] = None  # the rest of today's quota is kept for the daily closes
                continue
            if cost > left_cycle:
                # Due, but this minute's calls are spent: next cycle if the day still has quota.
                plan.next_refresh[key] = now + QUOTE_PERIOD if cost <= left_today else None
                continue
            left_cycle -= cost
            left_today -= cost
            if is_quote and quote_allowance is not None:
                quote_allowance -= cost
        plan.picked.append(candidate)
        plan.calls += cost
        plan.next_refresh[(candidate.symbol, candidate.dataset)] = now
    return plan


def _due_or_next(
    candidate: Candidate,
    *,
    now: dt.datetime,
    market_next_open: dt.datetime,
    quotes_live: bool,
    period: dt.timedelta | None,
    budget: Budget,
) -> tuple[bool, dt.datetime | None]:
    """(True, None) when `candidate` is due now, else (False, when it next will be; None: not planned at all)."""
    if candidate.blocked_until is not None and candidate.blocked_until > now:
        return False, candidate.blocked_until
    if candidate.dataset is Dataset.INTRADAY:
        return _intraday_due_or_next(candidate, now=now, period=period, finite=not budget.unlimited)
    if candidate.dataset is not Dataset.QUOTE:
        if candidate.as_of is None or candidate.as_of < fresh_since(candidate.dataset, now):
            return True, None
        return False, next_boundary(candidate.dataset, now)
    if not budget.unlimited and candidate.tier == TIER_OTHER:
        return False, None  # finite quota: intraday quotes only for symbols someone holds or watches
    if not quotes_live:
        # One final quote after the close (unlimited budgets only), then the next open.
        if budget.unlimited and (candidate.as_of is None or candidate.as_of < fresh_since(Dataset.QUOTE, now)):
            return True, None
        return False, market_next_open
    if period is None:
        return False, None
    # Half a period of slack: the beat tick drifts by a few seconds and a quote stored at :01 must be due at :00.
    if candidate.as_of is None or candidate.as_of < now - period / 2:
        return True, None
    return False, max(candidate.as_of + period, now)


def _intraday_due_or_next(
    candidate: Candidate, *, now: dt.datetime, period: dt.timedelta | None, finite: bool
) -> tuple[bool, dt.datetime | None]:
    """Every 5-minute bar in market hours and once after the close, for held, watched or viewed symbols only; on a
    finite quota in market hours no more often than the quote period."""
    if not candidate.intraday_interest:
        return False, None
    if finite and is_market_open(now):
        if period is None:
            return False, None
        if candidate.as_of is not None and candidate.as_of >= now - period / 2:
            return False, max(candidate.as_of + period, next_boundary(Dataset.INTRADAY, now))
    if candidate.as_of is None or candidate.as_of < fresh_since(Dataset.INTRADAY, now):
        return True, None
    return False, next_boundary(Dataset.INTRADAY, now)


# --- the service: reads the database, runs the pure planner, enqueues one task per (symbol, dataset) ---


class _StatusRow(NamedTuple):
    state: str
    finished_at: dt.datetime | None
    retry_at: dt.datetime | None
    updated_at: dt.datetime


def _as_of_from_status(status: _StatusRow | None) -> dt.datetime | None:
    if status is not None and status.state in (IngestionState.DONE, IngestionState.PARTIAL):
        return status.finished_at
    return None


def _blocked_until(status: _StatusRow | None, dataset: Dataset, as_of: dt.datetime | None) -> dt.datetime | None:
    if status is None:
        return None
    if status.state == IngestionState.WAITING_FOR_QUOTA:
        return status.retry_at
    if status.state in (IngestionState.PENDING, IngestionState.RUNNING):
        if as_of is not None and as_of >= status.updated_at:
            return None  # refreshed since it was planned, whatever the status row still says
        return status.updated_at + IN_FLIGHT_TIMEOUT
    if status.state == IngestionState.FAILED and status.finished_at is not None:
        return max(status.finished_at + FAILURE_BACKOFF, next_boundary(dataset, status.finished_at))
    return None


def _failed_before_prices(status: _StatusRow | None, daily_as_of: dt.datetime | None) -> bool:
    """True when the step's last try failed before the symbol's daily bars were first stored."""
    return (
        status is not None
        and status.state == IngestionState.FAILED
        and status.finished_at is not None
        and daily_as_of is not None
        and status.finished_at < daily_as_of
    )


def refresh_candidates_get() -> list[Candidate]:
    """Every (stored symbol, dataset) with its last refresh, interest tier and any block (three queries)."""
    interest = symbol_interest()
    held, watched = Counter(interest.held_counts()), Counter(interest.watched_counts())
    stocks = Stock.objects.all()
    viewed_since = timezone.now() - dt.timedelta(minutes=settings.INTRADAY_VIEWING_MINUTES)
    statuses = IngestionStatus.objects.all()
    by_key = {
        (symbol, step): _StatusRow(state, finished_at, retry_at, updated_at)
        for symbol, step, state, finished_at, retry_at, updated_at in statuses.values_list(
            "stock_id", "step", "state", "finished_at", "retry_at", "updated_at"
        )
    }
    candidates: list[Candidate] = []
    rows = stocks.values_list("symbol", "quote_fetched_at", "overview_fetched_at", "intraday_viewed_at")
    for symbol, quote_at, overview_at, viewed_at in rows:
        tier = TIER_HELD if held[symbol] else TIER_WATCHED if watched[symbol] else TIER_OTHER
        daily_as_of = _as_of_from_status(by_key.get((symbol, Dataset.DAILY.value)))
        for dataset in Dataset:
            status = by_key.get((symbol, dataset.value))
            if dataset is Dataset.QUOTE:
                as_of = quote_at
            elif dataset is Dataset.OVERVIEW:
                as_of = overview_at
            else:
                as_of = _as_of_from_status(status)
            blocked_until = _blocked_until(status, dataset, as_of)
            if dataset is Dataset.CORPORATE_ACTIONS and _failed_before_prices(status, daily_as_of):
                blocked_until = None  # it failed for want of prices, which are stored now
            candidates.append(
                Candidate(
                    symbol=symbol,
                    dataset=dataset,
                    as_of=as_of,
                    tier=tier,
                    users=held[symbol] + watched[symbol],
                    blocked_until=blocked_until,
                    viewing=viewed_at is not None and viewed_at >= viewed_since,
                )
            )
    return candidates


def refresh_budget_get() -> tuple[str, Budget]:
    """The configured provider's name and what it still allows (its own quota counter, shared by all processes)."""
    from stocks.providers.registry import get_provider, quota_remaining

    provider = get_provider()
    if provider.calls_unlimited:
        return provider.name, Budget(unlimited=True)
    quota = quota_remaining()
    limit = int(quota.get("limit_per_day", settings.ALPHA_VANTAGE_CALLS_PER_DAY))
    return provider.name, Budget(
        unlimited=False,
        remaining_today=int(quota.get("remaining_today", limit)),
        limit_per_day=limit,
        per_cycle=int(quota.get("remaining_minute", settings.ALPHA_VANTAGE_CALLS_PER_MINUTE)),
    )


def refresh_plan_configured(*, candidates: Sequence[Candidate], budget: Budget, now: dt.datetime) -> Plan:
    """`refresh_plan` with this deployment's demo clock: what the planner tick runs and refresh status reports."""
    return refresh_plan(
        candidates=candidates,
        budget=budget,
        now=now,
        demo_clock=settings.DEMO_CLOCK,
        demo_period=dt.timedelta(seconds=settings.DEMO_CLOCK_SECONDS),
    )


def refresh_plan_run(*, now: dt.datetime | None = None) -> Plan:
    """Plan this cycle and enqueue one ingestion task per picked (symbol, dataset), marked pending first.

    Marking pending in the same transaction as the enqueue (sent on commit) is what stops the next cycle, or a
    redelivered planner task, from enqueuing the same refresh twice.
    """
    now = now or timezone.now()
    _provider, budget = refresh_budget_get()
    plan = refresh_plan_configured(candidates=refresh_candidates_get(), budget=budget, now=now)
    if not plan.picked:
        return plan
    with transaction.atomic():
        IngestionStatus.objects.bulk_create(
            [
                IngestionStatus(stock_id=c.symbol, step=c.dataset.value, state=IngestionState.PENDING, updated_at=now)
                for c in plan.picked
            ],
            update_conflicts=True,
            unique_fields=["stock", "step"],
            update_fields=["state", "updated_at"],
        )
        picked = [(c.symbol, c.dataset) for c in plan.picked]
        transaction.on_commit(lambda: _enqueue(picked))
    logger.info("Planned %d refreshes (%d provider calls)", len(plan.picked), plan.calls)
    return plan


def _enqueue(picked: Sequence[tuple[str, Dataset]]) -> None:
    from stocks.tasks import ingest_step_enqueue

    for symbol, dataset in picked:
        ingest_step_enqueue(symbol=symbol, step=dataset.value)


LOOKUP_RESERVE_RETRY_SECONDS = 3600.0  # the day's calls free up one by one as the rolling 24 h window moves


def lookup_calls_spare_get() -> tuple[int | None, float]:
    """Provider calls left today beyond the planner's share (None: unlimited), and when to ask again if none.

    On-demand symbol lookups may spend only these: `SYMBOL_LOOKUP_PLANNER_RESERVE` of the daily quota stays for
    the refreshes of held and watched symbols. Reading the counter never waits.
    """
    _provider, budget = refresh_budget_get()
    if budget.unlimited:
        return None, 0.0
    reserve = math.ceil((budget.limit_per_day or 0) * settings.SYMBOL_LOOKUP_PLANNER_RESERVE)
    spare = (budget.remaining_today or 0) - reserve
    return spare, 0.0 if spare > 0 else LOOKUP_RESERVE_RETRY_SECONDS
