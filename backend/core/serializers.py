"""Response shapes every app shares: the one error body and its OpenAPI responses."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from core.exceptions import ErrorCode

ERROR_DESCRIPTIONS = {
    400: "Bad input; the message names the field or parameter and what is allowed.",
    401: "Not signed in, or the token is invalid or expired.",
    403: "Not allowed for this user.",
    404: "Unknown symbol or object.",
    409: "Conflicts with what is stored.",
    413: "The request body is larger than the server accepts.",
    415: "The body's media type is not accepted, or its multipart form cannot be read.",
    429: "Too many requests (Retry-After says when to retry).",
    503: "The market-data provider is unavailable.",
}


class ErrorSerializer(serializers.Serializer):
    """`{"message", "code", "extra"}`: the body of every error (core.exceptions renders it)."""

    message = serializers.CharField()
    code = serializers.ChoiceField(
        choices=[code.value for code in ErrorCode],
        help_text="A stable identifier (core.exceptions.ErrorCode; docs/error-codes.json also lists field codes).",
    )
    extra = serializers.DictField(
        help_text="The values a sentence for the code names (symbol, date, limit...); for bad input `fields` "
        "(field -> English messages) and `field_codes` (field -> codes, e.g. required, max_value, future_date)."
    )


def error_responses(*statuses: int, **descriptions: str) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for `statuses`, each the error body; `descriptions` override by status (`_404="..."`)."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=descriptions.get(f"_{status}", ERROR_DESCRIPTIONS[status]))
        for status in statuses
    }


class HealthSerializer(serializers.Serializer):
    """Liveness: the process answers. It checks nothing else, so a database or Redis outage never restarts it."""

    status = serializers.CharField(help_text="Always `ok`.")


class ComponentStateSerializer(serializers.Serializer):
    state = serializers.CharField(help_text="`up` or `down`.")
    backend = serializers.CharField(help_text="e.g. postgresql, sqlite, redis, locmem, sqla+sqlite.")
    detail = serializers.CharField(allow_blank=True, help_text="The error's type when down, else empty.")


class ReadinessSerializer(serializers.Serializer):
    """Readiness: this process can serve, because its database, cache and task broker answer."""

    status = serializers.ChoiceField(choices=["ready", "not_ready"])
    components = serializers.DictField(
        child=ComponentStateSerializer(), help_text="Keyed by component: database, cache, broker."
    )
    failed = serializers.ListField(child=serializers.CharField(), help_text="The components that are down.")
