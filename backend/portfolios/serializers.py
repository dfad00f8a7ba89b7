"""Portfolio read responses: summary, history and collection status, rendered by the serializers the schema documents.

Dates and times are passed through (`format=None`) so the JSON renderer writes them as it writes every other
response (ISO 8601 with the offset), exactly as before these serializers rendered them.
"""

from __future__ import annotations

from rest_framework import serializers

from portfolios.methods import PERIOD_KEYS
from portfolios.returns import XirrUndefined
from stocks.serializers import LastPriceSerializer


class FxMissingSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The currency without a stored rate (a stock's or the base).")
    date = serializers.DateField(format=None, help_text="First date a rate was needed and not stored.")
    until = serializers.DateField(format=None, help_text="Last such date.")
    days = serializers.IntegerField(help_text="How many dates lacked the rate.")


class HoldingBaseValuesSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The user's base currency.")
    fx_rate = serializers.FloatField(
        allow_null=True, help_text="Units of the base per unit of the holding's currency at the price's session."
    )
    fx_date = serializers.DateField(allow_null=True, format=None, help_text="Date of the stored rate used.")
    market_value = serializers.FloatField(allow_null=True)
    cost = serializers.FloatField(help_text="Each buy converted at its trade date's rate.")
    average_price = serializers.FloatField()
    unrealized_pl = serializers.FloatField(allow_null=True, help_text="Includes the currency effect.")
    unrealized_pl_percent = serializers.FloatField(allow_null=True)
    realized_pl = serializers.FloatField(help_text="Each trade converted at its own date's rate.")
    dividends = serializers.FloatField()
    fees = serializers.FloatField()
    day_change = serializers.FloatField(allow_null=True, help_text="The day's price move at the session's rate.")


class PortfolioSummaryHoldingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    name = serializers.CharField()
    currency = serializers.CharField(help_text="The stock's trading currency; the amounts below are in it.")
    currency_source = serializers.ChoiceField(
        choices=["overview", "default"],
        help_text="overview: the company overview's Currency; default: no overview (or no ISO code), USD assumed.",
    )
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
    base = HoldingBaseValuesSerializer(
        allow_null=True, help_text="The same figures in the base currency; null when a rate it needs is missing."
    )
    weight = serializers.FloatField(allow_null=True, help_text="Percent of the priced market value (base currency).")


class PortfolioSummaryTotalsSerializer(serializers.Serializer):
    market_value = serializers.FloatField()
    cost = serializers.FloatField()
    unrealized_pl = serializers.FloatField()
    unrealized_pl_percent = serializers.FloatField(allow_null=True)
    realized_pl = serializers.FloatField()
    dividends = serializers.FloatField()
    fees = serializers.FloatField()
    day_change = serializers.FloatField()
    day_change_percent = serializers.FloatField(allow_null=True)
    holdings_count = serializers.IntegerField()
    cash = serializers.FloatField(
        help_text="Cash account balance (GET cash/), in the base currency: deposits, interest, sales and dividends in; "
        "withdrawals, fees, taxes and buys out. Negative when buys exceed the money recorded as coming in."
    )
    account_value = serializers.FloatField(help_text="market_value + cash: the whole account.")
    partial_reason = serializers.CharField(
        allow_null=True,
        help_text="Null when every holding is counted; fx_missing: the holdings in unconverted_symbols are left out "
        "(a rate they need is not stored).",
    )


class ReturnFigureSerializer(serializers.Serializer):
    method = serializers.CharField(help_text="The method's name.")
    formula = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="Net of fees (0.21 = +21 %).")
    gross = serializers.FloatField(allow_null=True, help_text="Before fees (the fees added back).")
    reason = serializers.CharField(allow_null=True, help_text="Why value is null.")


class TimeWeightedReturnSerializer(ReturnFigureSerializer):
    annualized = serializers.FloatField(allow_null=True, help_text="Only for windows of a year or more.")


class MoneyWeightedReturnSerializer(ReturnFigureSerializer):
    annualized = serializers.BooleanField(help_text="Always true: XIRR is an annual rate.")
    reason = serializers.CharField(
        allow_null=True,
        help_text="Why value is null: "
        + ", ".join([*(reason.value for reason in XirrUndefined), "fx_missing"])
        + " (no_sign_change: only money in or only out).",
    )


class RoaiSerializer(ReturnFigureSerializer):
    time_weighted_investment = serializers.FloatField(allow_null=True)
    window = serializers.CharField(help_text="Always since_start: from the first trade to the end date.")


class PortfolioReturnsSerializer(serializers.Serializer):
    time_weighted = TimeWeightedReturnSerializer()
    money_weighted = MoneyWeightedReturnSerializer()
    roai = RoaiSerializer()
    simple = ReturnFigureSerializer()


class PeriodPlSerializer(serializers.Serializer):
    start = serializers.DateField(format=None, allow_null=True, help_text="The close the period is measured from.")
    end = serializers.DateField(format=None, allow_null=True)
    pl = serializers.FloatField(allow_null=True)
    formula = serializers.CharField()
    complete = serializers.BooleanField(help_text="False when the portfolio started inside the period.")
    # `return` is a Python keyword: declared below.


PeriodPlSerializer._declared_fields["return"] = serializers.FloatField(
    allow_null=True, help_text="Time-weighted return over the period."
)


class PortfolioPeriodPlSerializer(serializers.Serializer):
    """P/L per period; the keys (1d, wtd, mtd, ytd, 1y, since_start) are not all identifiers: declared below."""


for _key in PERIOD_KEYS:
    PortfolioPeriodPlSerializer._declared_fields[_key] = PeriodPlSerializer(
        allow_null=True, help_text="Null when a rate the period needs is missing."
    )


class RiskFigureSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(
        allow_null=True,
        help_text="too_few_returns, zero_volatility, no_downside, no_benchmark, benchmark_variance_zero.",
    )


class RiskWindowSerializer(serializers.Serializer):
    start = serializers.DateField(format=None)
    end = serializers.DateField(format=None)
    observations = serializers.IntegerField(help_text="Daily returns measured.")


class PortfolioRiskSerializer(serializers.Serializer):
    available = serializers.BooleanField()
    reason = serializers.CharField(allow_null=True)
    window = RiskWindowSerializer(required=False)
    convention = serializers.CharField(required=False)
    annualization_days = serializers.IntegerField(required=False)
    risk_free_rate = serializers.FloatField(required=False, help_text="Annual, settings.RISK_FREE_RATE.")
    benchmark = serializers.CharField(required=False, allow_null=True)
    volatility = RiskFigureSerializer(required=False, help_text="std(r, ddof=1) x sqrt(252).")
    sharpe = RiskFigureSerializer(required=False, help_text="mean(r - rf) / std(r - rf) x sqrt(252).")
    sortino = RiskFigureSerializer(
        required=False, help_text="mean(r - rf) x 252 / (sqrt(mean(min(r - rf, 0)^2)) x sqrt(252))."
    )
    max_drawdown = RiskFigureSerializer(required=False, help_text="min(I_t / running max of I - 1), a fraction <= 0.")
    beta = RiskFigureSerializer(required=False, help_text="cov(r, b) / var(b) against the benchmark's daily returns.")


class PortfolioSummarySerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The user's base currency: totals and returns are in it.")
    as_of = serializers.DateField(format=None)
    holdings = PortfolioSummaryHoldingSerializer(many=True)
    totals = PortfolioSummaryTotalsSerializer()
    returns = PortfolioReturnsSerializer(help_text="Since the first trade, in the base currency.")
    period_pl = PortfolioPeriodPlSerializer()
    unpriced_symbols = serializers.ListField(child=serializers.CharField())
    unconverted_symbols = serializers.ListField(
        child=serializers.CharField(), help_text="Holdings left out of the totals: a rate they need is missing."
    )
    fx_missing = FxMissingSerializer(many=True)


class PortfolioHistoryPointSerializer(serializers.Serializer):
    date = serializers.DateField(format=None)
    value = serializers.FloatField(allow_null=True, help_text="Null when a rate the day needs is missing.")
    contribution = serializers.FloatField(allow_null=True)
    distribution = serializers.FloatField(allow_null=True)
    index = serializers.FloatField(allow_null=True, help_text="Time-weighted growth of 1.")


class PortfolioSnapshotSerializer(serializers.Serializer):
    recorded_at = serializers.DateTimeField(format=None)
    total_value = serializers.FloatField()
    total_cost = serializers.FloatField()
    profit_loss = serializers.FloatField()
    profit_loss_percentage = serializers.FloatField()


class PortfolioHistorySerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The user's base currency.")
    as_of = serializers.DateField(format=None)
    period = serializers.CharField()
    start = serializers.DateField(allow_null=True, format=None)
    end = serializers.DateField(allow_null=True, format=None)
    series = PortfolioHistoryPointSerializer(many=True)
    returns = PortfolioReturnsSerializer()
    period_pl = PortfolioPeriodPlSerializer()
    risk = PortfolioRiskSerializer(allow_null=True)
    benchmark = serializers.DictField(allow_null=True, help_text="symbol, available, return, series or reason")
    fx_missing = FxMissingSerializer(many=True)
    snapshots = PortfolioSnapshotSerializer(many=True)


class SymbolCollectionCountsSerializer(serializers.Serializer):
    daily_prices = serializers.IntegerField()
    weekly_prices = serializers.IntegerField()
    balance_sheets = serializers.IntegerField()
    income_statements = serializers.IntegerField()
    cash_flows = serializers.IntegerField()


class SymbolCollectionStepSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=["pending", "running", "done", "partial", "failed", "waiting_for_quota", "not_applicable"],
        help_text="not_applicable: the step cannot apply to this security (statements of an ETF); not to do.",
    )
    rows_written = serializers.IntegerField()
    rows_rejected = serializers.IntegerField()
    reason = serializers.CharField()
    retry_at = serializers.DateTimeField(allow_null=True, format=None)
    updated_at = serializers.DateTimeField(format=None)
    stalled = serializers.BooleanField(
        help_text="Running for longer than the broker's visibility timeout: its worker died; another one restarts it."
    )


class SymbolWaitingSerializer(serializers.Serializer):
    step = serializers.CharField()
    retry_at = serializers.DateTimeField(allow_null=True, format=None)


class SymbolCollectionStatusSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    stock_exists = serializers.BooleanField()
    has_overview = serializers.BooleanField()
    has_prices = serializers.BooleanField()
    has_financial = serializers.BooleanField()
    financials_apply = serializers.BooleanField(help_text="False for ETFs and funds: they publish no statements.")
    is_complete = serializers.BooleanField(help_text="Overview, prices and (where they apply) statements stored.")
    collection_state = serializers.ChoiceField(
        choices=["idle", "running", "failed", "done"], help_text="Over the applicable steps only."
    )
    collecting = serializers.BooleanField(help_text="An applicable step is pending, running or waiting for quota.")
    steps_done = serializers.IntegerField(help_text="Applicable steps done or partial.")
    steps_total = serializers.IntegerField(help_text="Applicable steps (not_applicable ones are not counted).")
    waiting_for_quota = SymbolWaitingSerializer(
        allow_null=True, help_text="The step waiting longest for provider quota and when it is retried; else null."
    )
    details = SymbolCollectionCountsSerializer()
    steps = serializers.DictField(child=SymbolCollectionStepSerializer())


class WatchlistEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = serializers.CharField()
    name = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField(format=None)
    price = LastPriceSerializer(allow_null=True)
