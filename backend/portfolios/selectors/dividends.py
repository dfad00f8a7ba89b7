"""The dividend report: received (by year and by symbol), upcoming from the stored calendar, yield on cost."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from portfolios.clock import market_today
from portfolios.models import Holding, Transaction, TransactionKind
from portfolios.selectors.holdings import holding_list
from portfolios.services.dividends import dividends_booking_enabled
from stocks.models import CorporateAction, CorporateActionKind
from users.models import User

ZERO = Decimal(0)
YIELD_ON_COST_METHOD = "dividends received in the last 365 days / cost basis of the shares held now x 100"


def dividend_report_get(*, user: User) -> dict[str, Any]:
    today = market_today()
    year_ago = today - dt.timedelta(days=365)
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_symbol: dict[str, Decimal] = defaultdict(lambda: ZERO)
    trailing: dict[str, Decimal] = defaultdict(lambda: ZERO)
    booked = 0
    rows = Transaction.objects.filter(holding__user=user, kind=TransactionKind.DIVIDEND).values_list(
        "holding__stock_id", "date", "quantity", "price", "fee", "corporate_action_id"
    )
    for symbol, date, quantity, price, fee, action_id in rows:
        cash = quantity * price - fee
        by_year[date.year] += cash
        by_symbol[symbol] += cash
        if date > year_ago:
            trailing[symbol] += cash
        booked += action_id is not None
    holdings: list[Holding] = holding_list(user=user)  # quantities as the ledger gives them now
    held = {h.stock_id: h for h in holdings if h.quantity > 0}
    upcoming = [
        {
            "symbol": symbol,
            "ex_date": ex_date,
            "amount_per_share": amount,
            "quantity": held[symbol].quantity,
            "expected": held[symbol].quantity * (amount or ZERO),
        }
        for symbol, ex_date, amount in CorporateAction.objects.filter(
            stock_id__in=list(held), kind=CorporateActionKind.DIVIDEND, ex_date__gt=today, amount__gt=0
        )
        .order_by("ex_date", "stock_id")
        .values_list("stock_id", "ex_date", "amount")
    ]
    symbols = []
    for symbol in sorted(set(by_symbol) | set(held)):
        holding = held.get(symbol)
        cost = holding.quantity * holding.average_price if holding else ZERO
        symbols.append(
            {
                "symbol": symbol,
                "received": by_symbol.get(symbol, ZERO),
                "last_365_days": trailing.get(symbol, ZERO),
                "cost": cost,
                "yield_on_cost": trailing.get(symbol, ZERO) / cost * 100 if cost else None,
            }
        )
    return {
        "currency": "USD",
        "book_dividends": dividends_booking_enabled(user_id=user.pk),
        "total_received": sum(by_symbol.values(), ZERO),
        "booked_records": booked,
        "by_year": [{"year": year, "received": by_year[year]} for year in sorted(by_year)],
        "by_symbol": symbols,
        "upcoming": upcoming,
        "yield_on_cost_method": YIELD_ON_COST_METHOD,
    }
