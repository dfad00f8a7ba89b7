"""The portfolios app's answer to `stocks.interest.SymbolInterest`: holders and watchers per symbol."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count, QuerySet

from portfolios.models import Holding, WatchlistEntry
from stocks.selectors.fx import trading_currency


def _users_per_symbol(queryset: QuerySet[Holding] | QuerySet[WatchlistEntry]) -> dict[str, int]:
    rows = queryset.values("stock_id").annotate(n=Count("user_id", distinct=True))
    return {row["stock_id"]: row["n"] for row in rows}


class PortfolioSymbolInterest:
    def held_counts(self) -> Mapping[str, int]:
        return _users_per_symbol(Holding.objects.filter(quantity__gt=0))  # sold down to zero is no longer held

    def watched_counts(self) -> Mapping[str, int]:
        return _users_per_symbol(WatchlistEntry.objects.all())


class PortfolioCurrencyInterest:
    def currencies_needed(self) -> set[str]:
        holdings = Holding.objects.all()
        stocks = holdings.values_list("stock__currency", "stock__overview_fetched_at").distinct()
        stock_currencies = {trading_currency(code, overview_at)[0] for code, overview_at in stocks}
        base_currencies = {code.upper() for code in holdings.values_list("user__base_currency", flat=True).distinct()}
        return stock_currencies | base_currencies
