"""Portfolio summary: per holding (in the stock's trading currency and in the user's base currency) and in total
(base currency), value, cost, unrealised and realised P/L, day change and weight, plus the labelled returns and
period P/L since the start.

Base-currency figures replay the ledger with every trade converted at its own date's rate (so cost and realised
P/L are what the money was worth in the base currency then) and value the shares at the price's session rate.
A holding whose rate is missing on a date it needs has `base: null`; the totals then cover the other holdings,
`totals.partial_reason` says `fx_missing` and `fx_missing` lists the currency and dates. Rates are never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from portfolios.clock import market_today
from portfolios.ledger import LedgerEntry, Position, ledger_replay
from portfolios.models import Holding, Transaction
from portfolios.selectors.cash import cash_entries_net
from portfolios.selectors.history import UserLedger, performance_report, portfolio_series_get
from portfolios.selectors.ledger import ledger_entries, stored_splits_get
from stocks.selectors.fx import FxTable, fx_missing_report, fx_table_get, trading_currency
from stocks.selectors.last_price import LastPrice, closes_as_of_get, last_prices_get
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
    entries: list[LedgerEntry]
    currency: str = "USD"
    currency_source: str = "default"

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


@dataclass(frozen=True, slots=True)
class BaseValuation:
    """One holding in the base currency: cost and realised P/L at the trades' rates, value at the price's."""

    rate: Decimal | None
    rate_date: dt.date | None
    position: Position
    market_value: Decimal | None
    day_change: Decimal | None

    @property
    def unrealized_pl(self) -> Decimal | None:
        return None if self.market_value is None else self.market_value - self.position.cost


def holding_valuations(*, user: User, as_of: dt.date | None = None) -> list[HoldingValuation]:
    """Each holding's replayed ledger position (trades on or before `as_of`) and its price: the last price, or
    the last close on or before `as_of` when that is before today."""
    holdings = list(Holding.objects.filter(user=user).select_related("stock").order_by("stock_id"))
    transactions: dict[int, list[Transaction]] = {h.pk: [] for h in holdings}
    rows = Transaction.objects.filter(holding__user=user).order_by("date", "id")
    if as_of is not None:
        rows = rows.filter(date__lte=as_of)
    for t in rows:
        transactions[t.holding_id].append(t)
    symbols = [h.stock_id for h in holdings]
    past = as_of is not None and as_of < market_today()
    prices = closes_as_of_get(symbols=symbols, as_of=as_of) if past and as_of else last_prices_get(symbols=symbols)
    splits = stored_splits_get(symbols=symbols)
    if as_of is not None:
        splits = {s: [(d, r) for d, r in items if d <= as_of] for s, items in splits.items()}
    valuations = []
    for h in holdings:
        entries = ledger_entries(transactions[h.pk], symbol=h.stock_id, splits=splits)
        currency, source = trading_currency(h.stock.currency, h.stock.overview_fetched_at)
        valuations.append(
            HoldingValuation(h, ledger_replay(entries), prices.get(h.stock_id), entries, currency, source)
        )
    return valuations


def _in_base(v: HoldingValuation, fx: FxTable) -> BaseValuation | None:
    converted: list[LedgerEntry] = []
    for entry in v.entries:
        if entry.kind == "split":
            converted.append(entry)
            continue
        factor = fx.rate(v.currency, entry.date)
        if factor is None:
            return None
        converted.append(replace(entry, price=entry.price * factor, fee=entry.fee * factor))
    position = ledger_replay(converted)
    if v.last is None:
        return BaseValuation(None, None, position, None, None)
    rate = fx.rate(v.currency, v.last.session)
    if rate is None:
        return None
    day_change = v.day_change
    return BaseValuation(
        rate,
        fx.rate_date(v.currency, v.last.session),
        position,
        position.quantity * v.last.price * rate,
        None if day_change is None else day_change * rate,
    )


def _base_row(b: BaseValuation | None, currency: str) -> dict[str, Any] | None:
    if b is None:
        return None
    return {
        "currency": currency,
        "fx_rate": b.rate,
        "fx_date": b.rate_date,
        "market_value": b.market_value,
        "cost": b.position.cost,
        "average_price": b.position.average_price,
        "unrealized_pl": b.unrealized_pl,
        "unrealized_pl_percent": _pct(b.unrealized_pl, b.position.cost),
        "realized_pl": b.position.realized_pl,
        "dividends": b.position.dividends,
        "fees": b.position.fees,
        "day_change": b.day_change,
    }


def portfolio_summary_get(*, user: User, as_of: dt.date | None = None) -> dict[str, Any]:
    """Values use each stock's last price (`stocks.selectors.last_price`) and say its session, source and time.

    Totals are in the user's base currency and cover priced holdings that could be converted; holdings without any
    stored price are listed in `unpriced_symbols`, those without a rate in `unconverted_symbols`.
    """
    base = user.base_currency.upper()
    valuations = holding_valuations(user=user, as_of=as_of)
    fx = fx_table_get(currencies={v.currency for v in valuations}, base=base)
    in_base = [_in_base(v, fx) for v in valuations]
    counted = [(v, b) for v, b in zip(valuations, in_base, strict=True) if b is not None]
    priced = [(v, b) for v, b in counted if b.market_value is not None]
    total_value = sum((b.market_value or ZERO for _, b in priced), ZERO)
    total_cost = sum((b.position.cost for _, b in priced), ZERO)
    day_change = sum((b.day_change or ZERO for _, b in priced), ZERO)
    realized = sum((b.position.realized_pl for _, b in counted), ZERO)
    dividends = sum((b.position.dividends for _, b in counted), ZERO)
    fees = sum((b.position.fees for _, b in counted), ZERO)
    holding_rows = []
    for v, b in zip(valuations, in_base, strict=True):
        value = v.market_value
        previous_value = None if value is None or v.day_change is None else value - v.day_change
        holding_rows.append(
            {
                "id": v.holding.pk,
                "symbol": v.holding.stock_id,
                "name": v.holding.stock.name,
                "currency": v.currency,
                "currency_source": v.currency_source,
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
                "base": _base_row(b, base),
                "weight": _pct(b.market_value, total_value) if b is not None and b.market_value is not None else None,
            }
        )
    unrealized = total_value - total_cost
    unconverted = [v.holding.stock_id for v, b in zip(valuations, in_base, strict=True) if b is None]

    ledger = UserLedger(
        base,
        as_of,
        {v.holding.stock_id: v.entries for v in valuations},
        {v.holding.stock_id: (v.currency, v.currency_source) for v in valuations},
        fx,
    )
    performance = performance_report(ledger, portfolio_series_get(ledger=ledger))
    # Trades' net cash, from the replayed positions in the base currency: sale proceeds + dividends - buys =
    # realised + dividends - cost. Cash entries are amounts in the base currency.
    cash = cash_entries_net(user=user) + sum(
        (b.position.realized_pl + b.position.dividends - b.position.cost for _, b in counted), ZERO
    )
    return {
        "currency": base,
        "as_of": as_of or market_today(),
        "holdings": holding_rows,
        "totals": {
            "market_value": total_value,
            "cost": total_cost,
            "unrealized_pl": unrealized,
            "unrealized_pl_percent": _pct(unrealized, total_cost),
            "realized_pl": realized,
            "dividends": dividends,
            "fees": fees,
            "day_change": day_change,
            "day_change_percent": _pct(day_change, total_value - day_change),
            "holdings_count": len(valuations),
            "partial_reason": "fx_missing" if unconverted else None,
            "cash": cash,
            "account_value": total_value + cash,
        },
        "returns": performance["returns"],
        "period_pl": performance["period_pl"],
        "unpriced_symbols": [v.holding.stock_id for v in valuations if v.market_value is None],
        "unconverted_symbols": unconverted,
        "fx_missing": fx_missing_report(fx.missing),
    }
