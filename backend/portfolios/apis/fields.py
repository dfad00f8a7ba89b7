"""Input fields shared by the portfolio endpoints: symbols, positive decimals, trade dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.validators import MinValueValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.exceptions import ErrorCode
from core.symbols import InvalidSymbolError, normalize_symbol
from portfolios.clock import market_today
from portfolios.ledger import (
    EARLIEST_DATE,
    QUANTITY_PLACES,
    QUANTITY_STEP,
    SplitRatioError,
    ratio_text,
    split_ratio_parse,
)
from portfolios.models import QUANTITY_DIGITS


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


class NonNegativeFloatField(serializers.FloatField):
    """A FloatField from 0 whose refusal of a negative number carries our code `negative` (not DRF's `min_value`)."""

    default_error_messages = {"min_value": "must not be negative."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, **kwargs)
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                validator.code = ErrorCode.NEGATIVE


class TradeDateField(serializers.DateField):
    """A trade date: ISO YYYY-MM-DD, not before 1900 and not after today on the exchange's clock."""

    def to_internal_value(self, value: Any) -> dt.date:
        date = super().to_internal_value(value)
        if date > market_today():
            raise serializers.ValidationError(f"{date.isoformat()} is in the future.", code=ErrorCode.FUTURE_DATE)
        if date < EARLIEST_DATE:
            raise serializers.ValidationError(
                f"{date.isoformat()} is before {EARLIEST_DATE.isoformat()}.", code=ErrorCode.DATE_TOO_EARLY
            )
        return date


def money(*, places: int = 6, **kwargs: Any) -> serializers.DecimalField:
    """An output amount rendered as a JSON number."""
    return serializers.DecimalField(
        max_digits=24 + places, decimal_places=places, coerce_to_string=False, read_only=True, **kwargs
    )


def quantity_field(**kwargs: Any) -> serializers.DecimalField:
    """A positive number of shares, with the ledger's 12 decimals (what is left after a 1-for-3 split)."""
    return BoundedDecimalField(
        max_digits=QUANTITY_DIGITS,
        decimal_places=QUANTITY_PLACES,
        min_value=QUANTITY_STEP,
        max_value=Decimal(10**9) - QUANTITY_STEP,
        error_messages={"min_value": "must be greater than zero.", "max_value": "must be below 1,000,000,000."},
        lower_bound_code=ErrorCode.NOT_POSITIVE,
        **kwargs,
    )


@extend_schema_field({"type": "string", "maxLength": 40, "example": "1:3"})
class SplitRatioField(serializers.Field):
    """A split as new:old shares ("2:1", "1:3", "3-for-2"), or its decimal; read exactly (portfolios.ledger)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", 'Splits only: new:old shares, "2:1", "1:3" or "3-for-2" (or a decimal).')
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Fraction:
        if not isinstance(data, str | int) or isinstance(data, bool) or len(str(data)) > 40:
            raise serializers.ValidationError(
                'write the ratio as text, new:old shares such as "2:1".', code=ErrorCode.INVALID_RATIO
            )
        try:
            return split_ratio_parse(str(data))
        except SplitRatioError as exc:
            raise serializers.ValidationError(str(exc), code=ErrorCode.INVALID_RATIO) from exc


@extend_schema_field({"type": "string", "nullable": True, "pattern": r"^\d+:\d+$", "example": "2:1"})
class SplitRatioOutputField(serializers.Field):
    """A transaction's split ratio as "N:D" (new:old shares); null for other kinds."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="split_ratio", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value: Fraction) -> str:
        return ratio_text(value)
