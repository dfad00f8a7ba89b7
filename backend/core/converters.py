"""Path converters: `<id:pk>` matches only ids a BIGINT primary key can hold, so larger numbers are a 404.

Django's `<int:...>` matches any digits, and 2**64 then fails inside the database driver (SQLite's
OverflowError, PostgreSQL's out-of-range error) as a 500.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 2**63 - 1  # BIGINT (BigAutoField) on PostgreSQL and SQLite


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is larger than any stored id.")  # Django answers: no such page (404)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
