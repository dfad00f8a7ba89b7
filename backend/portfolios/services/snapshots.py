"""Portfolio snapshots (PortfolioHistory), taken by the scheduler every few minutes."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from portfolios.models import PortfolioHistory
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
