"""Every code an error can carry, for the web app's catalogues (docs/error-codes.json).

`codes` are ErrorCode: the `code` of an error body, also used in `extra.field_codes`, in import row errors and as
`extra.reason`. `field_codes` are the codes DRF's fields and Django's validators give `extra.field_codes`
(required, max_value, password_too_short...): collected from the serializers the URLconf's views use, the User
model's fields and the configured password validators, so a new field type or validator shows up here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework import serializers

from core.exceptions import ErrorCode

# Django's password validators raise fixed codes that they do not declare anywhere: these are from
# django/contrib/auth/password_validation.py (and users/password_validation.py). An unlisted validator in settings
# fails error_codes_document().
PASSWORD_VALIDATOR_CODES = {
    "django.contrib.auth.password_validation.UserAttributeSimilarityValidator": ["password_too_similar"],
    "django.contrib.auth.password_validation.MinimumLengthValidator": ["password_too_short"],
    "django.contrib.auth.password_validation.CommonPasswordValidator": ["password_too_common"],
    "django.contrib.auth.password_validation.NumericPasswordValidator": ["password_entirely_numeric"],
    "users.password_validation.DistinctCharactersValidator": ["password_too_few_distinct"],
}


def _views(patterns: list[URLPattern | URLResolver]) -> Iterator[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        else:
            view = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", None)
            if view is not None:
                yield view


def _serializer_classes() -> set[type[serializers.BaseSerializer[Any]]]:
    """The serializers the routed views declare: `serializer_class` and nested classes (HackSoft's InputSerializer)."""
    found: set[type[serializers.BaseSerializer[Any]]] = set()
    for view in _views(get_resolver().url_patterns):
        for name in dir(view):
            value = getattr(view, name, None)
            if isinstance(value, type) and issubclass(value, serializers.BaseSerializer):
                found.add(value)
    return found


def _field_error_codes(field: serializers.Field[Any, Any, Any, Any]) -> Iterator[str]:
    yield from field.error_messages
    for validator in getattr(field, "validators", []):
        code = getattr(validator, "code", None)
        if isinstance(code, str):
            yield code
    if isinstance(field, serializers.BaseSerializer) and hasattr(field, "fields"):
        for child in field.fields.values():
            yield from _field_error_codes(child)
    child = getattr(field, "child", None)
    if isinstance(child, serializers.Field):
        yield from _field_error_codes(child)


def field_codes() -> set[str]:
    codes: set[str] = set()
    for cls in _serializer_classes():
        codes.update(_field_error_codes(cls()))
    for model_field in get_user_model()._meta.concrete_fields:
        codes.update(model_field.error_messages)
        codes.update(code for v in model_field.validators if isinstance(code := getattr(v, "code", None), str))
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        codes.update(PASSWORD_VALIDATOR_CODES[validator["NAME"]])
    return codes


def error_codes_document() -> dict[str, list[str]]:
    codes = sorted(code.value for code in ErrorCode)
    return {"codes": codes, "field_codes": sorted(field_codes() - set(codes))}
