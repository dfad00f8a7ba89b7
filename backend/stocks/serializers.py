"""Query-parameter validation for the stocks API, and the output serializers that render (and document) responses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rest_framework import serializers

from analysis.adjustments import ADJUSTMENTS
from analysis.indicators import INDICATORS, IndicatorParamError, indicator_params_parse
from core.exceptions import ErrorCode
from stocks.models import FindingKind
from stocks.providers.base import ECONOMIC_INDICATORS
from stocks.selectors.indicators import IndicatorSeries
from stocks.selectors.intraday import INTRADAY_PERIODS
from stocks.selectors.prices import MAX_DAYS, PERIODS, BarRow
from stocks.selectors.statements import StatementReport

INTERVALS = ("daily", "weekly")
STATEMENT_PERIODS = ("annual", "quarterly")
MAX_STATEMENTS = 40
_KEYWORDS = re.compile(r"^[\w .,&'\-]+$")


def _choice(choices: Sequence[str], help_text: str = "", **kwargs: Any) -> serializers.ChoiceField:
    allowed = ", ".join(choices)
    return serializers.ChoiceField(
        choices=list(choices),
        error_messages={"invalid_choice": f"'{{input}}' is not allowed; use one of: {allowed}."},
        help_text=f"{help_text} One of: {allowed}." if help_text else f"One of: {allowed}.",
        **kwargs,
    )


def _bounded_int(low: int, high: int, **kwargs: Any) -> serializers.IntegerField:
    message = f"must be an integer from {low} to {high}."
    return serializers.IntegerField(
        min_value=low,
        max_value=high,
        error_messages={"invalid": message, "min_value": message, "max_value": message, "max_string_length": message},
        **kwargs,
    )


class WindowQuerySerializer(serializers.Serializer):
    type = _choice(INTERVALS, default="daily")
    period = _choice(PERIODS, required=False)
    days = _bounded_int(1, MAX_DAYS, required=False, help_text="The last N calendar days instead of a period.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "period" in attrs and "days" in attrs:
            raise serializers.ValidationError(
                {"days": "give either period or days, not both."}, code=ErrorCode.PERIOD_AND_DAYS
            )
        if "days" not in attrs:
            attrs.setdefault("period", "1y")
        return attrs


class ChartQuerySerializer(WindowQuerySerializer):
    adjustment = _choice(
        ADJUSTMENTS,
        default="split",
        help_text="split (default): prices divided by the cumulative ratio of later splits, volume multiplied; "
        "total: also adjusted for dividends (total return); raw: as traded.",
    )


class IndicatorQuerySerializer(WindowQuerySerializer):
    indicators = serializers.CharField(
        required=False,
        max_length=200,
        help_text=f"Comma-separated names (default all): {', '.join(INDICATORS)}. Parameters go in "
        "<name>_<param> query parameters, e.g. rsi_timeperiod=10, macd_fastperiod=8, bbands_nbdevup=2.5.",
    )

    def validate_indicators(self, value: str) -> list[str]:
        names = [part.strip().lower() for part in value.split(",") if part.strip()]
        unknown = [n for n in names if n not in INDICATORS]
        if unknown:
            raise serializers.ValidationError(
                f"unknown indicator '{unknown[0][:20]}'; allowed: {', '.join(INDICATORS)}.",
                code=ErrorCode.UNKNOWN_INDICATOR,
            )
        if not names:
            raise serializers.ValidationError(
                f"name at least one of: {', '.join(INDICATORS)}.", code=ErrorCode.NO_INDICATORS
            )
        return list(dict.fromkeys(names))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        names: list[str] = attrs.pop("indicators", None) or list(INDICATORS)
        raw: dict[str, str] = {k: str(v) for k, v in self.initial_data.items()}
        requested: dict[str, dict[str, float]] = {}
        for name in names:
            prefix = f"{name}_"
            own = {key.removeprefix(prefix): value for key, value in raw.items() if key.startswith(prefix)}
            try:
                requested[name] = indicator_params_parse(name, own)
            except IndicatorParamError as exc:
                raise serializers.ValidationError(
                    {exc.param: str(exc)}, code=ErrorCode.INVALID_INDICATOR_PARAM
                ) from exc
        attrs["requested"] = requested
        return attrs


class StatementQuerySerializer(serializers.Serializer):
    period = _choice(STATEMENT_PERIODS, default="annual")
    limit = _bounded_int(1, MAX_STATEMENTS, default=5)


class SearchQuerySerializer(serializers.Serializer):
    keywords = serializers.CharField(
        max_length=50,
        error_messages={
            "required": "keywords is required (a symbol or part of a company name).",
            "blank": "keywords must not be empty.",
            "max_length": "keywords must be at most 50 characters.",
        },
    )

    def validate_keywords(self, value: str) -> str:
        if not _KEYWORDS.fullmatch(value):
            raise serializers.ValidationError(
                "keywords may hold letters, digits, spaces and . , & ' - only.", code=ErrorCode.INVALID_KEYWORDS
            )
        return value


class PopularQuerySerializer(serializers.Serializer):
    limit = _bounded_int(1, 50, default=10)


# Output serializers: they render the selectors' typed objects. Dates and datetimes are handed to orjson as they
# are (format=None), which writes them as ISO 8601 with "+00:00", the format every cached body has always had.


def _source_fields() -> dict[str, serializers.Field]:
    return {
        "as_of": serializers.DateTimeField(
            allow_null=True, format=None, help_text="When the newest data in it was fetched."
        ),
        "source": serializers.CharField(help_text="alphavantage, simulated or csv."),
        "simulated": serializers.BooleanField(help_text="True for generated demo data."),
    }


def _shape(name: str, fields: dict[str, serializers.Field]) -> type[serializers.Serializer]:
    """A response serializer built from a dict because `source` and `data` are Serializer attributes."""
    return type(name, (serializers.Serializer,), dict(fields))


class ChartBarSerializer(serializers.Serializer):
    time = serializers.DateField()
    open = serializers.FloatField()
    high = serializers.FloatField()
    low = serializers.FloatField()
    close = serializers.FloatField()
    volume = serializers.IntegerField()


class ChartBarsField(serializers.ListField):
    """Bars as ChartBarSerializer documents them, rendered straight from the (date, o, h, l, c, volume) rows.

    Written by hand because a chart can hold 5,000+ bars (period=max): six field calls per bar through
    ChartBarSerializer would cost more than the query (bench/api.py, uncached chart). The rows already hold
    floats and an int, which is what ChartBarSerializer's fields would return.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=ChartBarSerializer(), **kwargs)

    def to_representation(self, data: Sequence[BarRow]) -> list[dict[str, Any]]:
        return [{"time": t, "open": o, "high": h, "low": lo, "close": c, "volume": v} for t, o, h, lo, c, v in data]


class DatesField(serializers.ListField):
    """Dates rendered as they are (orjson writes YYYY-MM-DD): one per bar, so no per-item field call."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.DateField(), **kwargs)

    def to_representation(self, data: Sequence[dt.date]) -> list[dt.date]:
        return list(data)


ChartEventSerializer = _shape(  # `label` is a Field attribute too
    "ChartEventSerializer",
    {
        "date": serializers.DateField(help_text="The ex-date."),
        "kind": serializers.ChoiceField(choices=["split", "dividend"]),
        "value": serializers.FloatField(
            help_text="split: the ratio (4.0 for 4-for-1, 0.1 for 1-for-10); dividend: the cash amount per share as "
            "paid on the ex-date (not adjusted for later splits)."
        ),
        "label": serializers.CharField(help_text='"4:1" for a split, "0.24" for a dividend.'),
    },
)


ChartResponseSerializer = _shape(
    "ChartResponseSerializer",
    {
        "symbol": serializers.CharField(),
        "type": serializers.CharField(source="interval"),
        # 1d and 5d answer IntradayChartResponse; listing the rest keeps the two response shapes apart (oneOf).
        "period": serializers.ChoiceField(
            choices=[*(p for p in PERIODS if p not in INTRADAY_PERIODS), "custom"],
            help_text="The period asked for, or 'custom' with days.",
        ),
        "days": serializers.IntegerField(allow_null=True),
        "count": serializers.IntegerField(),
        "adjustment": serializers.ChoiceField(
            choices=list(ADJUSTMENTS), help_text="The adjustment the bars carry (see the adjustment parameter)."
        ),
        **_source_fields(),
        "data": ChartBarsField(source="bars"),
        "events": ChartEventSerializer(
            many=True,
            help_text="The splits and dividends on the returned bars, oldest first (on the first bar dated "
            "on or after the ex-date).",
        ),
    },
)


class IntradayBarSerializer(serializers.Serializer):
    time = serializers.CharField(
        help_text="5-minute bars: the bar's start, ISO 8601 in New York time with its offset "
        "(2026-05-15T09:30:00-04:00); a daily fallback: the date (YYYY-MM-DD)."
    )
    open = serializers.FloatField()
    high = serializers.FloatField()
    low = serializers.FloatField()
    close = serializers.FloatField()
    volume = serializers.IntegerField()


class IntradayBarsField(serializers.ListField):
    """Bars rendered straight from their rows, as ChartBarsField does (times and dates written by orjson)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=IntradayBarSerializer(), **kwargs)

    def to_representation(self, data: Sequence[Any]) -> list[dict[str, Any]]:
        return [{"time": t, "open": o, "high": h, "low": lo, "close": c, "volume": v} for t, o, h, lo, c, v in data]


IntradayChartResponseSerializer = _shape(
    "IntradayChartResponseSerializer",
    {
        "symbol": serializers.CharField(),
        "type": serializers.CharField(source="chart_type", help_text="The type asked for (used by a fallback)."),
        "period": serializers.ChoiceField(choices=list(INTRADAY_PERIODS)),
        "days": serializers.IntegerField(allow_null=True),
        "interval": serializers.ChoiceField(
            choices=["5min", "daily", "weekly"],
            help_text="5min: the last 1 or 5 sessions' 5-minute bars; daily or weekly: no 5-minute bars are stored "
            "(see fallback), so these are the period's daily or weekly bars.",
        ),
        "timezone": serializers.CharField(help_text="The market's time zone the bar times are given in."),
        "fallback": serializers.ChoiceField(
            choices=["no_intraday_bars"],
            allow_null=True,
            help_text="null: 5-minute bars; no_intraday_bars: none are stored for the symbol yet.",
        ),
        "count": serializers.IntegerField(),
        "adjustment": serializers.ChoiceField(
            choices=list(ADJUSTMENTS), help_text="The adjustment the bars carry (see the adjustment parameter)."
        ),
        **_source_fields(),
        "data": IntradayBarsField(source="bars"),
        "events": ChartEventSerializer(many=True, help_text="The splits and dividends on the sessions shown."),
    },
)


class LastPriceSerializer(serializers.Serializer):
    """Renders stocks.selectors.last_price.LastPrice: the one price every page shows."""

    price = serializers.FloatField()
    date = serializers.DateField(source="session", format=None, help_text="The trading session of the price.")
    basis = serializers.ChoiceField(
        choices=["quote", "daily_close"],
        help_text="Which stored value the price is: the newer observation of the quote and the last daily bar.",
    )
    # DRF's metaclass moves declared fields off the class, so this does not shadow Field.source at run time.
    source = serializers.CharField()  # type: ignore[assignment]
    observed_at = serializers.DateTimeField(format=None, help_text='When the price was observed ("as of").')
    volume = serializers.IntegerField(allow_null=True)
    previous_session = serializers.DateField(
        allow_null=True, format=None, help_text="The exchange calendar's session before `date`."
    )
    previous_close = serializers.FloatField(
        allow_null=True, help_text="The close of previous_session (split-adjusted to date's shares)."
    )
    change = serializers.FloatField(allow_null=True, help_text="price - previous_close.")
    change_percent = serializers.FloatField(allow_null=True, help_text="change / previous_close x 100.")


OverviewResponseSerializer = _shape(
    "OverviewResponseSerializer",
    {
        "symbol": serializers.CharField(),
        **_source_fields(),
        "has_overview": serializers.BooleanField(),
        "last_price": LastPriceSerializer(
            allow_null=True, help_text="The stock's last price and day change; null when nothing is priced yet."
        ),
        "overview": serializers.DictField(
            source="facts", help_text="Company facts, metrics and the last quote (Stock fields)."
        ),
    },
)


# A report renders as the fields below, then every line item of its statement, its source and the ratios (a
# comment, not a docstring: drf-spectacular would publish a docstring as the component's description).
class StatementReportSerializer(serializers.Serializer):
    fiscal_date_ending = serializers.DateField(format=None)
    fiscal_year = serializers.IntegerField()
    fiscal_quarter = serializers.IntegerField(allow_null=True)
    period_type = serializers.CharField()
    reported_currency = serializers.CharField()
    ratios = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Margins, current ratio, debt to equity, free cash flow and year-over-year growth, where the "
        "figures allow.",
    )

    def to_representation(self, instance: StatementReport) -> dict[str, Any]:
        # Keys in stored column order, as bodies have always had them (the line items vary by statement).
        fields = super().to_representation(instance)
        return {
            "period_type": fields["period_type"],
            "fiscal_year": fields["fiscal_year"],
            "fiscal_quarter": fields["fiscal_quarter"],
            "fiscal_date_ending": fields["fiscal_date_ending"],
            "reported_currency": fields["reported_currency"],
            "fetched_at": instance.fetched_at,
            **instance.line_items,
            "source": instance.source,
            "ratios": fields["ratios"],
        }


StatementsResponseSerializer = _shape(
    "StatementsResponseSerializer",
    {
        "symbol": serializers.CharField(),
        "statement": serializers.CharField(),
        "period": serializers.CharField(),
        "count": serializers.IntegerField(),
        **_source_fields(),
        "reports": StatementReportSerializer(many=True, help_text="Newest first; every line item is included too."),
    },
)


class PopularResultSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    name = serializers.CharField()
    holders = serializers.IntegerField()
    watchers = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=["users", "curated"])
    in_database = serializers.BooleanField()


class PopularResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = PopularResultSerializer(many=True)


class IndicatorSeriesMapField(serializers.DictField):
    """NAME -> {"params": {...}, OUTPUT: [number|null], ...}: each IndicatorSeries flattened."""

    def to_representation(self, value: Mapping[str, IndicatorSeries]) -> dict[str, Any]:
        return {name: {"params": series.params, **series.outputs} for name, series in value.items()}


IndicatorsResponseSerializer = _shape(
    "IndicatorsResponseSerializer",
    {
        "symbol": serializers.CharField(),
        "type": serializers.CharField(source="interval"),
        "period": serializers.CharField(),
        "days": serializers.IntegerField(allow_null=True),
        "count": serializers.IntegerField(),
        **_source_fields(),
        "dates": DatesField(),
        "indicators": IndicatorSeriesMapField(
            help_text="NAME -> {params, OUTPUT: [number|null]}: sma(sma), ema(ema), rsi(rsi), macd(macd, signal, "
            "hist), bbands(upper, middle, lower), stoch(k, d), obv(obv), atr(atr); null during warm-up."
        ),
        "signals": serializers.DictField(
            help_text="as_of, composite {score in [-1, 1], stance, explanation {en, ko}} and rules: per rule score, "
            "stance, values, explanation {en, ko}, recent_events and track_record {5d, 20d} -> {bullish, bearish} "
            "-> {events, positive_rate, hit_rate, mean_return, buy_and_hold_mean_return}, from bars before the "
            "last date."
        ),
    },
)


class QuotaSerializer(serializers.Serializer):
    remaining_today = serializers.IntegerField(allow_null=True)
    limit_per_day = serializers.IntegerField(allow_null=True)
    unlimited = serializers.BooleanField()


class MarketSerializer(serializers.Serializer):
    is_open = serializers.BooleanField()
    next_open = serializers.DateTimeField()
    next_close = serializers.DateTimeField()


class DatasetStatusSerializer(serializers.Serializer):
    as_of = serializers.DateTimeField(allow_null=True)
    next_refresh = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(allow_null=True, help_text="Reason of the last failure, if the last try failed.")
    stalled = serializers.BooleanField(
        help_text="A refresh has been running for longer than the broker's visibility timeout: its worker died and "
        "another one restarts it."
    )


class ModelDriftSerializer(serializers.Serializer):
    flag = serializers.ChoiceField(
        choices=["stable", "watch", "drift"], help_text="The worst feature's PSI: < 0.1 stable, 0.1-0.25 watch, > 0.25."
    )
    worst_feature = serializers.CharField()
    worst_psi = serializers.FloatField()
    measured_at = serializers.DateTimeField(help_text="When the training run that measured it started.")


class SymbolStatusSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    as_of = serializers.DateTimeField(allow_null=True, help_text="When the stored quote was fetched.")
    next_refresh = serializers.DateTimeField(
        allow_null=True, help_text="Next planned quote refresh; null when none is planned (quota spent)."
    )
    datasets = serializers.DictField(child=DatasetStatusSerializer(), help_text="quote, overview, daily, ...")
    intraday_interest = serializers.ListField(
        child=serializers.ChoiceField(choices=["held", "watched", "viewing"]),
        help_text="Why the planner spends quota on this symbol's 5-minute bars (someone holds or watches it, or "
        "opened its 1D/5D chart lately); empty: it does not, and datasets.intraday.next_refresh is null.",
    )
    model_drift = ModelDriftSerializer(
        allow_null=True,
        help_text="Feature drift (PSI against the training window) found by the latest training run; null before one.",
    )


class DeadLetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    task_name = serializers.CharField()
    queue = serializers.CharField()
    args = serializers.ListField(child=serializers.JSONField(), help_text='Secrets replaced by "***".')
    kwargs = serializers.DictField(child=serializers.JSONField(), help_text='Secrets replaced by "***".')
    exception_type = serializers.CharField()
    reason = serializers.CharField()
    retries = serializers.IntegerField(help_text="Retries made before the task failed for good.")
    failed_at = serializers.DateTimeField()


class DeadLettersSerializer(serializers.Serializer):
    open = serializers.IntegerField(help_text="Tasks that failed for good and were not re-queued yet.")
    total = serializers.IntegerField()
    latest = DeadLetterSerializer(many=True, help_text="Newest open letters first (at most 10).")


class FindingSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    kind = serializers.ChoiceField(choices=FindingKind.choices)
    date = serializers.DateField(allow_null=True)
    detail = serializers.CharField()


class ConsistencySerializer(serializers.Serializer):
    checked_at = serializers.DateTimeField(allow_null=True, help_text="End of the latest check; null before the first.")
    symbols_checked = serializers.IntegerField()
    findings = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField(), help_text="Findings per kind, 0 when none.")
    latest = FindingSerializer(many=True, help_text="At most 10, latest dates first.")
    tolerances = serializers.DictField(child=serializers.FloatField(), help_text="Relative tolerances used.")


# Renders selectors.refresh.RefreshStatus; datetimes in DRF's ISO 8601 with "Z", as this endpoint always had.
class RefreshStatusSerializer(serializers.Serializer):
    provider = serializers.CharField()
    quota = QuotaSerializer()
    market = MarketSerializer()
    quote_period_seconds = serializers.FloatField(allow_null=True)
    symbols = SymbolStatusSerializer(many=True)
    dead_letters = DeadLettersSerializer()
    consistency = ConsistencySerializer()


# Render stocks.services.symbols.SymbolSearch / SymbolValidation.


class SearchResultSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    name = serializers.CharField()
    korean_name = serializers.CharField(help_text="The common Korean name (애플 for AAPL) when known; else empty.")
    asset_type = serializers.CharField(help_text="Equity, ETF, ... as the source names it; may be empty.")
    exchange = serializers.CharField(help_text="Listing exchange when known; empty for provider matches.")
    region = serializers.CharField(help_text="The provider's region of a match; empty for stored stocks.")
    currency = serializers.CharField()
    match_score = serializers.FloatField(allow_null=True, help_text="Always null: matches are ranked locally.")
    in_database = serializers.BooleanField(help_text="Whether this symbol's data is stored here.")
    match = serializers.ChoiceField(
        choices=["local", "catalogue", "provider"],
        help_text="local: a stored stock; catalogue: the provider's listing or the bundled list; provider: found "
        "by a queued provider lookup.",
    )


class LookupSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=["none", "pending", "done", "limited", "failed"],
        help_text="none: answered locally; pending: a provider lookup is queued, ask again after "
        "retry_after_seconds; done: the results are the lookup's; limited: the lookup budget or the planner's share "
        "of the quota is spent (code says which); failed: the provider failed, retried after retry_after_seconds.",
    )
    code = serializers.CharField(help_text="An error code (docs/error-codes.json) explaining the state; may be empty.")
    retry_after_seconds = serializers.IntegerField(allow_null=True)


class SearchResponseSerializer(serializers.Serializer):
    keywords = serializers.CharField()
    # DRF's metaclass moves declared fields off the class, so this does not shadow Field.source at run time.
    source = serializers.ChoiceField(choices=["local", "provider"])  # type: ignore[assignment]
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)
    lookup = LookupSerializer()


class ValidateResponseSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    valid = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=["local", "provider", "invalid", "looking_up", "unverified"],
        help_text="local: stored; provider: in the provider's listing or found by a lookup; invalid: malformed or "
        "unknown; looking_up: a provider lookup is queued, ask again; unverified: no lookup possible now (code).",
    )
    name = serializers.CharField(help_text="Empty unless valid.")
    reason = serializers.CharField(help_text="Why the symbol is not valid (English); empty when valid.")
    code = serializers.CharField(help_text="The reason's error code (docs/error-codes.json); empty when valid.")
    retry_after_seconds = serializers.IntegerField(allow_null=True, help_text="When to ask again; else null.")


# Render stocks.selectors.market: the market overview and the economic indicators.


class StockMoveSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    name = serializers.CharField()
    sector = serializers.CharField()
    as_of = serializers.DateField(help_text="Date of the stock's newest daily bar.")
    close = serializers.FloatField()
    day_change_percent = serializers.FloatField(allow_null=True, help_text="Split-adjusted close vs. the one before.")
    week_change_percent = serializers.FloatField(allow_null=True, help_text="Vs. the close 5 sessions earlier.")


class MoversSerializer(serializers.Serializer):
    gainers = StockMoveSerializer(many=True, help_text="Up to 5, largest rise first.")
    losers = StockMoveSerializer(many=True, help_text="Up to 5, largest fall first.")


class SectorPerformanceSerializer(serializers.Serializer):
    sector = serializers.CharField()
    stocks = serializers.IntegerField()
    day_change_percent = serializers.FloatField(allow_null=True, help_text="Equal-weighted mean of its stocks.")
    week_change_percent = serializers.FloatField(allow_null=True)


class BreadthLineSerializer(serializers.Serializer):
    days = serializers.IntegerField(help_text="Length of the moving average in sessions (50 or 200).")
    above = serializers.IntegerField(help_text="Stocks whose last split-adjusted close is above the average.")
    eligible = serializers.IntegerField(help_text="Stocks with at least `days` daily bars.")
    share = serializers.FloatField(allow_null=True, help_text="above / eligible, 0-1; null when none is eligible.")


class MarketOverviewSerializer(serializers.Serializer):
    as_of = serializers.DateField(allow_null=True)
    stocks = serializers.IntegerField(help_text="Stored stocks (ETFs excluded) with daily bars.")
    day = MoversSerializer()
    week = MoversSerializer()
    sectors = SectorPerformanceSerializer(many=True, help_text="From the stored company overviews, best day first.")
    breadth = BreadthLineSerializer(many=True)
    benchmark_symbol = serializers.CharField()
    benchmark = StockMoveSerializer(allow_null=True, help_text="Null when the benchmark is not stored.")


class ObservationSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.FloatField(allow_null=True, help_text='Null where the source has no value (its ".").')


class EconomicSeriesSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(ECONOMIC_INDICATORS))
    interval = serializers.CharField()
    unit = serializers.CharField()
    # DRF moves declared fields off the class, so neither shadows Field.source / Serializer.data at run time.
    source = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text="Provider of the stored series; null before a fetch."
    )
    fetched_at = serializers.DateTimeField(allow_null=True)
    latest = ObservationSerializer(allow_null=True)
    previous = ObservationSerializer(allow_null=True)
    count = serializers.SerializerMethodField()
    data = ObservationSerializer(many=True, help_text="Oldest first.")  # type: ignore[assignment]

    def get_count(self, obj: Any) -> int:
        return len(obj.data)


class EconomicIndicatorsSerializer(serializers.Serializer):
    indicators = EconomicSeriesSerializer(many=True, help_text="Each with its 24 newest observations.")
