"""Portfolio snapshots (PortfolioHistory), taken by the scheduler every few minutes and pushed to the user."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from django.db import transaction

from portfolios.models import PortfolioHistory
from portfolios.realtime import portfolio_value_push
from portfolios.selectors.summary import portfolio_summary_get
from users.models import User

MONEY_STEP = Decimal("0.0001")


def _money(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(MONEY_STEP, rounding=ROUND_HALF_EVEN)


def portfolio_snapshot_create(*, user: User) -> PortfolioHistory:
    """Record the user's current totals (priced holdings at their last stored price)."""
    totals = portfolio_summary_get(user=user)["totals"]
    return PortfolioHistory.objects.create(
        user=user,
        total_value=_money(totals["market_value"]),
        total_cost=_money(totals["cost"]),
        profit_loss=_money(totals["unrealized_pl"]),
        profit_loss_percentage=_money(totals["unrealized_pl_percent"]),
        realized_pl=_money(totals["realized_pl"]),
        day_change=_money(totals["day_change"]),
    )


def portfolio_value_snapshot_take(*, user_id: int, slot: dt.datetime) -> PortfolioHistory | None:
    """Record the user's portfolio value for the 5-minute `slot` and push it after commit; idempotent per slot.

    A redelivered task (worker killed after the snapshot committed) finds the snapshot and does nothing.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None or PortfolioHistory.objects.filter(user_id=user_id, recorded_at__gte=slot).exists():
            return None
        snapshot = portfolio_snapshot_create(user=user)
        transaction.on_commit(lambda: portfolio_value_push(snapshot=snapshot))
    return snapshot
