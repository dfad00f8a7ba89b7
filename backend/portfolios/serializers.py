"""Portfolio read responses: summary, history and collection status, rendered by the serializers the schema documents.

Dates and times are passed through (`format=None`) so the JSON renderer writes them as it writes every other
response (ISO 8601 with the offset), exactly as before these serializers rendered them.
"""

from __future__ import annotations

from rest_framework import serializers

from portfolios.returns import XirrUndefined
from stocks.serializers import LastPriceSerializer


class PortfolioSummaryHoldingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.FloatField()
    average_price = serializers.FloatField()
    cost = serializers.FloatField()
    price = LastPriceSerializer(allow_null=True)
    market_value = serializers.FloatField(allow_null=True)
    unrealized_pl = serializers.FloatField(allow_null=True)
    unrealized_pl_percent = serializers.FloatField(allow_null=True)
    realized_pl = serializers.FloatField()
    dividends = serializers.FloatField()
    fees = serializers.FloatField()
    day_change = serializers.FloatField(allow_null=True)
    day_change_percent = serializers.FloatField(allow_null=True)
    weight = serializers.FloatField(allow_null=True, help_text="Percent of the priced market value.")


class PortfolioSummaryTotalsSerializer(serializers.Serializer):
    market_value = serializers.FloatField()
    cost = serializers.FloatField()
    unrealized_pl = serializers.FloatField()
    unrealized_pl_percent = serializers.FloatField(allow_null=True)
    realized_pl = serializers.FloatField()
    dividends = serializers.FloatField()
    day_change = serializers.FloatField()
    day_change_percent = serializers.FloatField(allow_null=True)
    holdings_count = serializers.IntegerField()
    cash = serializers.FloatField(
        help_text="Cash account balance (GET cash/): deposits, interest, sales and dividends in; withdrawals, fees, "
        "taxes and buys out. Negative when buys exceed the money recorded as coming in."
    )
    account_value = serializers.FloatField(help_text="market_value + cash: the whole account.")


class PortfolioSummarySerializer(serializers.Serializer):
    currency = serializers.CharField()
    holdings = PortfolioSummaryHoldingSerializer(many=True)
    totals = PortfolioSummaryTotalsSerializer()
    unpriced_symbols = serializers.ListField(child=serializers.CharField())


class PortfolioHistoryPointSerializer(serializers.Serializer):
    date = serializers.DateField(format=None)
    value = serializers.FloatField()
    contribution = serializers.FloatField()
    distribution = serializers.FloatField()
    index = serializers.FloatField(help_text="Time-weighted growth of 1.")


class TimeWeightedReturnSerializer(serializers.Serializer):
    method = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    annualized = serializers.FloatField(allow_null=True)


class MoneyWeightedReturnSerializer(serializers.Serializer):
    method = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    annualized = serializers.BooleanField()
    reason = serializers.ChoiceField(
        choices=[reason.value for reason in XirrUndefined],
        allow_null=True,
        help_text="Why value is null: too_few_flows, no_sign_change (only money in or only out), no_root.",
    )


class PortfolioReturnsSerializer(serializers.Serializer):
    time_weighted = TimeWeightedReturnSerializer()
    money_weighted = MoneyWeightedReturnSerializer()


class PortfolioSnapshotSerializer(serializers.Serializer):
    recorded_at = serializers.DateTimeField(format=None)
    total_value = serializers.FloatField()
    total_cost = serializers.FloatField()
    profit_loss = serializers.FloatField()
    profit_loss_percentage = serializers.FloatField()


class PortfolioHistorySerializer(serializers.Serializer):
    currency = serializers.CharField()
    period = serializers.CharField()
    start = serializers.DateField(allow_null=True, format=None)
    end = serializers.DateField(allow_null=True, format=None)
    series = PortfolioHistoryPointSerializer(many=True)
    returns = PortfolioReturnsSerializer()
    benchmark = serializers.DictField(allow_null=True, help_text="symbol, available, return, series or reason")
    snapshots = PortfolioSnapshotSerializer(many=True)


class SymbolCollectionCountsSerializer(serializers.Serializer):
    daily_prices = serializers.IntegerField()
    weekly_prices = serializers.IntegerField()
    balance_sheets = serializers.IntegerField()
    income_statements = serializers.IntegerField()
    cash_flows = serializers.IntegerField()


class SymbolCollectionStepSerializer(serializers.Serializer):
    state = serializers.CharField()
    rows_written = serializers.IntegerField()
    rows_rejected = serializers.IntegerField()
    reason = serializers.CharField()
    retry_at = serializers.DateTimeField(allow_null=True, format=None)
    updated_at = serializers.DateTimeField(format=None)


class SymbolCollectionStatusSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    stock_exists = serializers.BooleanField()
    has_overview = serializers.BooleanField()
    has_prices = serializers.BooleanField()
    has_financial = serializers.BooleanField()
    is_complete = serializers.BooleanField()
    collection_state = serializers.ChoiceField(choices=["idle", "running", "failed", "done"])
    details = SymbolCollectionCountsSerializer()
    steps = serializers.DictField(child=SymbolCollectionStepSerializer())


class WatchlistEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    name = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField(format=None)
    price = LastPriceSerializer(allow_null=True)
