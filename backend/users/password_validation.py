"""A password validator Django lacks: enough distinct characters (refuses "        " and "zzzzzzzzzzzz").

Django's four validators pass a password of one repeated character when it is long enough and not in the common
list. A strength estimator (zxcvbn) would catch these too, but brings a large dictionary and its own English
feedback for two cases; this counts distinct characters and raises a code the web app's catalogues translate.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class DistinctCharactersValidator:
    # A field code like Django's validators' (core.error_codes.PASSWORD_VALIDATOR_CODES lists it for the web app).
    code = "password_too_few_distinct"

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                "This password has fewer than %(min_distinct)d different characters.",
                code=self.code,
                params={"min_distinct": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return f"Your password must contain at least {self.min_distinct} different characters."
