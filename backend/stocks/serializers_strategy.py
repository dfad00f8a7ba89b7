"""Query validation and response shapes of the backtest and candlestick-pattern endpoints (no numpy imported)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from analysis.backtest import BACKTEST_RULES, MAX_COST_BPS, MODES
from analysis.patterns import HORIZONS, PATTERNS, RECENT_BARS, PatternInputError, patterns_parse
from core.exceptions import ErrorCode


def _cost(name: str) -> serializers.FloatField:
    message = f"{name} must be a number of basis points from 0 to {MAX_COST_BPS:g}."
    return serializers.FloatField(
        default=0.0,
        min_value=0.0,
        max_value=MAX_COST_BPS,
        error_messages={"invalid": message, "min_value": message, "max_value": message, "max_string_length": message},
        help_text=f"Basis points of the traded value charged on every trade (0 to {MAX_COST_BPS:g}; 10 = 0.1 %).",
    )


def _choice(choices: tuple[str, ...], default: str, help_text: str) -> serializers.ChoiceField:
    allowed = ", ".join(choices)
    return serializers.ChoiceField(
        choices=list(choices),
        default=default,
        error_messages={"invalid_choice": f"'{{input}}' is not allowed; use one of: {allowed}."},
        help_text=f"{help_text} One of: {allowed}.",
    )


class BacktestQuerySerializer(serializers.Serializer):
    rule = _choice(BACKTEST_RULES, "composite", "The signal rule to trade, or the composite vote of all of them.")
    mode = _choice(
        MODES,
        "long_flat",
        "long_flat: long after a bullish signal, flat (cash) after a bearish one (long-only); long_short: short "
        "after a bearish one (borrow costs not modelled).",
    )
    start = serializers.DateField(required=False, help_text="First day of the window (default: the oldest bar).")
    end = serializers.DateField(required=False, help_text="Last day of the window (default: the newest bar).")
    commission_bps = _cost("commission_bps")
    slippage_bps = _cost("slippage_bps")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("start"), attrs.get("end")
        if start is not None and end is not None and start > end:
            raise serializers.ValidationError(
                {"start": f"start {start.isoformat()} is after end {end.isoformat()}."}, code=ErrorCode.START_AFTER_END
            )
        return attrs


class PatternsQuerySerializer(serializers.Serializer):
    patterns = serializers.CharField(
        required=False,
        max_length=1000,
        help_text=f"Comma-separated pattern names (default all {len(PATTERNS)}): TA-Lib's function name without CDL, "
        "e.g. engulfing,hammer,morningstar.",
    )
    recent_bars = serializers.IntegerField(
        default=RECENT_BARS,
        min_value=1,
        max_value=1000,
        error_messages={
            "invalid": "recent_bars must be an integer from 1 to 1000.",
            "min_value": "recent_bars must be an integer from 1 to 1000.",
            "max_value": "recent_bars must be an integer from 1 to 1000.",
        },
        help_text="Occurrences on the newest N bars are listed in `recent` (chart markers).",
    )

    def validate_patterns(self, value: str) -> list[str]:
        try:
            return patterns_parse(value)
        except PatternInputError as exc:
            raise serializers.ValidationError(str(exc), code=ErrorCode.UNKNOWN_PATTERN) from exc

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.setdefault("patterns", list(PATTERNS))
        return attrs


def _shape(name: str, fields: dict[str, serializers.Field]) -> type[serializers.Serializer]:
    return type(name, (serializers.Serializer,), dict(fields))


def _rate(help_text: str) -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=help_text)


BacktestStatsSerializer = _shape(
    "BacktestStatsSerializer",
    {
        "total_return": serializers.FloatField(help_text="Final equity / 1 - 1, after costs (0.25 = +25 %)."),
        "cagr": _rate("Compound annual growth rate over 252 bars a year."),
        "volatility": _rate("Annualised standard deviation of daily returns."),
        "sharpe": _rate("Annualised mean daily return over its standard deviation (risk-free rate 0)."),
        "max_drawdown": serializers.FloatField(help_text="Deepest fall from a peak of equity (-0.3 = -30 %)."),
        "hit_rate": _rate("Share of trades with a positive net return (the open one marked at the last close)."),
        "trades": serializers.IntegerField(help_text="Round trips, the one still open at the end included."),
        "exposure": serializers.FloatField(help_text="Share of bars with a position at the close."),
        "turnover": serializers.FloatField(help_text="Traded value as a multiple of equity, per year."),
        "costs_paid": serializers.FloatField(help_text="Sum of the cost charges, each a fraction of equity."),
    },
)

BacktestEquitySerializer = _shape(
    "BacktestEquitySerializer",
    {
        "dates": serializers.ListField(child=serializers.DateField()),
        "strategy": serializers.ListField(child=serializers.FloatField(), help_text="Equity at each close, from 1."),
        "buy_and_hold": serializers.ListField(child=serializers.FloatField()),
        "position": serializers.ListField(child=serializers.IntegerField(), help_text="1 long, 0 flat, -1 short."),
    },
)

BacktestTradeSerializer = _shape(
    "BacktestTradeSerializer",
    {
        "entry": serializers.DateField(help_text="The bar whose open the position was taken at."),
        "exit": serializers.DateField(allow_null=True, help_text="The bar whose open it was left at; null if open."),
        "direction": serializers.ChoiceField(choices=["long", "short"]),
        "net_return": serializers.FloatField(help_text="After the entry and exit costs."),
    },
)


class _Passthrough(serializers.Serializer):
    """Renders a payload the selector already shaped; the declared fields document it."""

    def to_representation(self, instance: Any) -> Any:
        return instance


BacktestResponseSerializer = type(
    "BacktestResponseSerializer",
    (_Passthrough,),
    {
        "symbol": serializers.CharField(),
        "rule": serializers.ChoiceField(choices=list(BACKTEST_RULES)),
        "mode": serializers.ChoiceField(choices=list(MODES)),
        "execution": serializers.ChoiceField(
            choices=["next_open"],
            help_text="A signal at a bar's close is traded at the next bar's open; nothing looks ahead.",
        ),
        "commission_bps": serializers.FloatField(),
        "slippage_bps": serializers.FloatField(),
        "start": serializers.DateField(help_text="The first bar of the window."),
        "end": serializers.DateField(help_text="The last bar of the window."),
        "bars": serializers.IntegerField(),
        "as_of": serializers.DateField(help_text="The newest stored bar."),
        "strategy": BacktestStatsSerializer(),
        "buy_and_hold": BacktestStatsSerializer(help_text="Bought at the first bar's open with the same costs."),
        "equity": BacktestEquitySerializer(),
        "trades": BacktestTradeSerializer(many=True),
    },
)

_TEXT = _shape("PatternTextSerializer", {"en": serializers.CharField(), "ko": serializers.CharField()})

PatternHorizonSerializer = _shape(
    "PatternHorizonSerializer",
    {
        "events": serializers.IntegerField(help_text="Occurrences whose forward window has closed."),
        "mean_return": _rate("Mean forward return after them (0.01 = +1 %)."),
        "positive_rate": _rate("Share of them followed by a rise."),
        "hit_rate": _rate("Share that went the pattern's way (null for neutral patterns)."),
    },
)

PatternDirectionSerializer = _shape(
    "PatternDirectionSerializer",
    {
        "occurrences": serializers.IntegerField(),
        "horizons": serializers.DictField(
            child=PatternHorizonSerializer(), help_text=f"Keyed by horizon: {', '.join(f'{h}d' for h in HORIZONS)}."
        ),
    },
)

BaseRateSerializer = _shape(
    "PatternBaseRateSerializer",
    {
        "count": serializers.IntegerField(),
        "mean_return": _rate("Mean forward return from every bar of the history."),
        "positive_rate": _rate("Share of bars followed by a rise."),
    },
)

PatternSerializer = _shape(
    "PatternSerializer",
    {
        "name": serializers.ChoiceField(choices=list(PATTERNS)),
        "function": serializers.CharField(help_text="TA-Lib's function, e.g. CDLENGULFING."),
        "label": _TEXT(),
        "meaning": _TEXT(),
        "neutral": serializers.BooleanField(help_text="An indecision shape: TA-Lib's sign is only the colour."),
        "occurrences": serializers.IntegerField(),
        "last_date": serializers.DateField(allow_null=True),
        "record": serializers.DictField(
            child=PatternDirectionSerializer(), help_text="Keyed by direction: bullish and bearish, or neutral."
        ),
    },
)

PatternOccurrenceSerializer = _shape(
    "PatternOccurrenceSerializer",
    {
        "date": serializers.DateField(),
        "pattern": serializers.CharField(help_text="The pattern's `name`, as in `patterns`."),
        "direction": serializers.ChoiceField(choices=["bullish", "bearish", "neutral"]),
        "value": serializers.IntegerField(help_text="TA-Lib's output: +-100, or +-200 for a confirmed hikkake."),
    },
)

PatternsResponseSerializer = type(
    "PatternsResponseSerializer",
    (_Passthrough,),
    {
        "symbol": serializers.CharField(),
        "as_of": serializers.DateField(help_text="The newest stored bar."),
        "bars": serializers.IntegerField(help_text="Bars the patterns were computed on (split-adjusted, daily)."),
        "recent_bars": serializers.IntegerField(),
        "horizons": serializers.ListField(child=serializers.CharField()),
        "base_rate": serializers.DictField(child=BaseRateSerializer(), help_text="Keyed by horizon."),
        "patterns": PatternSerializer(many=True),
        "recent": PatternOccurrenceSerializer(many=True, help_text="Occurrences on the newest bars, oldest first."),
    },
)
