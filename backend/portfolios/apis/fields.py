"""Input fields shared by the portfolio endpoints: symbols, positive decimals, trade dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from rest_framework import serializers

from core.exceptions import ErrorCode
from core.symbols import InvalidSymbolError, normalize_symbol
from portfolios.clock import market_today


class SymbolField(serializers.CharField):
    """A ticker, normalised by core.symbols.normalize_symbol; errors name the field."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        try:
            return normalize_symbol(super().to_internal_value(data))
        except InvalidSymbolError as exc:
            raise serializers.ValidationError(exc.message, code=ErrorCode.INVALID_SYMBOL) from exc


# 15 digits (below 10^9 with 6 decimals) keep quantity x price and portfolio totals inside the database columns.
MAX_DIGITS = 15


class BoundedDecimalField(serializers.DecimalField):
    """A DecimalField whose lower-bound refusal carries our code (not DRF's generic `min_value`), so the web app can
    word it exactly. Set in __init__ because DRF copies declared fields by constructing them again."""

    def __init__(self, *, lower_bound_code: ErrorCode, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                validator.code = lower_bound_code


def positive_decimal(**kwargs: Any) -> serializers.DecimalField:
    return BoundedDecimalField(
        max_digits=MAX_DIGITS,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        error_messages={"min_value": "must be greater than zero."},
        lower_bound_code=ErrorCode.NOT_POSITIVE,
        **kwargs,
    )


def non_negative_decimal(**kwargs: Any) -> serializers.DecimalField:
    return BoundedDecimalField(
        max_digits=MAX_DIGITS,
        decimal_places=4,
        min_value=Decimal(0),
        error_messages={"min_value": "must not be negative."},
        lower_bound_code=ErrorCode.NEGATIVE,
        **kwargs,
    )


class TradeDateField(serializers.DateField):
    """A trade date: ISO YYYY-MM-DD and not after today on the exchange's clock."""

    def to_internal_value(self, value: Any) -> dt.date:
        date = super().to_internal_value(value)
        if date > market_today():
            raise serializers.ValidationError(f"{date.isoformat()} is in the future.", code=ErrorCode.FUTURE_DATE)
        return date


def money(**kwargs: Any) -> serializers.DecimalField:
    """An output amount rendered as a JSON number."""
    return serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=False, read_only=True, **kwargs)
