"""Portfolio summary: per holding and in total, value, cost, unrealised and realised P/L, day change and weight."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portfolios.ledger import Position, ledger_replay
from portfolios.models import Holding, Transaction
from portfolios.selectors.cash import cash_entries_net
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from stocks.selectors.last_price import LastPrice, last_prices_get
from users.models import User

ZERO = Decimal(0)


def _pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return part / whole * 100


@dataclass(frozen=True, slots=True)
class HoldingValuation:
    holding: Holding
    position: Position
    last: LastPrice | None

    @property
    def market_value(self) -> Decimal | None:
        return None if self.last is None else self.position.quantity * self.last.price

    @property
    def unrealized_pl(self) -> Decimal | None:
        value = self.market_value
        return None if value is None else value - self.position.cost

    @property
    def day_change(self) -> Decimal | None:
        change = None if self.last is None else self.last.change
        return None if change is None else self.position.quantity * change


def holding_valuations(*, user: User) -> list[HoldingValuation]:
    """Each holding's replayed ledger position and last price (three queries plus up to two per holding)."""
    holdings = list(Holding.objects.filter(user=user).select_related("stock").order_by("stock_id"))
    transactions: dict[int, list[Transaction]] = {h.pk: [] for h in holdings}
    for t in Transaction.objects.filter(holding__user=user).order_by("date", "id"):
        transactions[t.holding_id].append(t)
    prices = last_prices_get(symbols=[h.stock_id for h in holdings])
    splits = stored_splits_get(symbols=[h.stock_id for h in holdings])
    return [
        HoldingValuation(
            h,
            ledger_replay(ledger_entries(transactions[h.pk], symbol=h.stock_id, splits=splits)),
            prices.get(h.stock_id),
        )
        for h in holdings
    ]


def portfolio_summary_get(*, user: User) -> dict[str, Any]:
    """Values use each stock's last price (`stocks.selectors.last_price`) and say its session, source and time.

    Totals cover priced holdings; holdings without any stored price are listed in `unpriced_symbols`.
    """
    valuations = holding_valuations(user=user)
    priced = [v for v in valuations if v.market_value is not None]
    total_value = sum((v.market_value or ZERO for v in priced), ZERO)
    total_cost = sum((v.position.cost for v in priced), ZERO)
    day_change = sum((v.day_change or ZERO for v in priced), ZERO)
    realized = sum((v.position.realized_pl for v in valuations), ZERO)
    dividends = sum((v.position.dividends for v in valuations), ZERO)
    rows = []
    for v in valuations:
        value = v.market_value
        previous_value = None if value is None or v.day_change is None else value - v.day_change
        rows.append(
            {
                "id": v.holding.pk,
                "symbol": v.holding.stock_id,
                "name": v.holding.stock.name,
                "quantity": v.position.quantity,
                "average_price": v.position.average_price,
                "cost": v.position.cost,
                "price": v.last,
                "market_value": value,
                "unrealized_pl": v.unrealized_pl,
                "unrealized_pl_percent": _pct(v.unrealized_pl, v.position.cost),
                "realized_pl": v.position.realized_pl,
                "dividends": v.position.dividends,
                "fees": v.position.fees,
                "day_change": v.day_change,
                "day_change_percent": _pct(v.day_change, previous_value),
                "weight": _pct(value, total_value) if value is not None else None,
            }
        )
    unrealized = total_value - total_cost
    # Trades' net cash, from the replayed positions: sale proceeds + dividends - buys = realised + dividends - cost.
    cash = cash_entries_net(user=user) + sum(
        (v.position.realized_pl + v.position.dividends - v.position.cost for v in valuations), ZERO
    )
    return {
        "currency": "USD",
        "holdings": rows,
        "totals": {
            "market_value": total_value,
            "cost": total_cost,
            "unrealized_pl": unrealized,
            "unrealized_pl_percent": _pct(unrealized, total_cost),
            "realized_pl": realized,
            "dividends": dividends,
            "day_change": day_change,
            "day_change_percent": _pct(day_change, total_value - day_change),
            "holdings_count": len(valuations),
            "cash": cash,
            "account_value": total_value + cash,
        },
        "unpriced_symbols": [v.holding.stock_id for v in valuations if v.market_value is None],
    }
