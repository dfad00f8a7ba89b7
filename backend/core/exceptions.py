"""One error shape for every error: `{"message": str, "code": str, "extra": {...}}`."""

from __future__ import annotations

import logging
import math
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.request_id import current_request_id

logger = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    INVALID_INPUT = "invalid_input"
    INVALID_SYMBOL = "invalid_symbol"
    NOT_FOUND = "not_found"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    PERMISSION_DENIED = "permission_denied"
    CONFLICT = "conflict"
    THROTTLED = "throttled"
    RATE_LIMITED = "provider_rate_limited"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    NOT_READY = "not_ready"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    REQUEST_TOO_LARGE = "request_too_large"
    TOO_MANY_FIELDS = "too_many_fields"
    SERVER_ERROR = "server_error"
    NOT_ACCEPTABLE = "not_acceptable"
    INVALID_CREDENTIALS = "invalid_credentials"
    # One code per refusal of the product's own; the comment lists the `extra` values its sentence names.
    STOCK_NOT_FOUND = "stock_not_found"  # symbol
    UNKNOWN_SYMBOL = "unknown_symbol"  # symbol
    ALREADY_HELD = "already_held"  # symbol, holding_id
    ALREADY_WATCHED = "already_watched"  # symbol
    NOT_HELD = "not_held"  # symbol
    INSUFFICIENT_QUANTITY = "insufficient_quantity"  # symbol, quantity, date, held, transaction_id (the row)
    LEDGER_MANAGED = "ledger_managed"
    FUTURE_DATE = "future_date"  # date
    DATE_TOO_EARLY = "date_too_early"  # date, earliest
    TOO_MANY_SHARES = "too_many_shares"  # symbol, limit
    INVALID_RATIO = "invalid_ratio"  # a split ratio that is not new:old whole numbers above zero
    SPLIT_PRICE = "split_price"
    NOT_POSITIVE = "not_positive"
    NEGATIVE = "negative"
    NOT_A_NUMBER = "not_a_number"  # value
    TOO_LARGE = "too_large"  # limit
    TOO_MANY_DECIMALS = "too_many_decimals"  # places
    INVALID_DATE = "invalid_date"  # value
    INVALID_TYPE = "invalid_type"  # value, allowed
    FIELD_COUNT = "field_count"  # found, expected
    SYMBOL_NOT_STORED = "symbol_not_stored"  # symbol
    INVALID_ROWS = "invalid_rows"  # count, lines, errors (each with line, field, code, params)
    DUPLICATE_IMPORT = "duplicate_import"  # import_id, imported_at (absent while the same file is importing)
    FILE_TOO_LARGE = "file_too_large"  # limit_mb
    NOT_A_TRANSACTION_FILE = "not_a_transaction_file"  # reason: one of the file codes below
    EMPTY_FILE = "empty_file"
    MISSING_COLUMNS = "missing_columns"  # columns, expected
    TOO_MANY_ROWS = "too_many_rows"  # limit
    NOT_UTF8 = "not_utf8"
    BINARY_FILE = "binary_file"
    UNREADABLE_CSV = "unreadable_csv"  # line
    NO_ROWS = "no_rows"
    ACCOUNT_EXISTS = "account_exists"  # registration: the username or the email is taken (not saying which)
    EMAIL_TAKEN = "email_taken"
    WEAK_PASSWORD = "weak_password"  # noqa: S105  # field_codes: Django's validators' codes; min_length
    WRONG_PASSWORD = "wrong_password"  # noqa: S105
    INVALID_TOKEN = "invalid_token"  # noqa: S105
    INVALID_RESET_LINK = "invalid_reset_link"  # a password reset uid/token that is wrong, expired or used
    SERVER_BUSY = "server_busy"  # retry_after: every password-hashing slot of the process is taken
    THRESHOLD_NOT_POSITIVE = "threshold_not_positive"
    RSI_OUT_OF_RANGE = "rsi_out_of_range"
    MUST_BE_TRUE = "must_be_true"
    TOO_MANY_SYMBOLS = "too_many_symbols"  # limit
    INSUFFICIENT_HISTORY = "insufficient_history"  # symbol, bars
    PERIOD_AND_DAYS = "period_and_days"
    UNKNOWN_INDICATOR = "unknown_indicator"  # name, allowed
    NO_INDICATORS = "no_indicators"  # allowed
    INVALID_INDICATOR_PARAM = "invalid_indicator_param"  # param, allowed
    INVALID_KEYWORDS = "invalid_keywords"
    # Symbol lookups (search and validate answer 200 with one of these in `lookup.code` or `code`).
    SYMBOL_LOOKUP_PENDING = "symbol_lookup_pending"  # retry_after_seconds
    LOOKUP_LIMIT_ANONYMOUS = "lookup_limit_anonymous"  # retry_after_seconds; signing in gives a budget of one's own
    LOOKUP_LIMIT_USER = "lookup_limit_user"  # retry_after_seconds
    LOOKUP_QUOTA_RESERVED = "lookup_quota_reserved"  # retry_after_seconds; the rest of today's calls refresh data
    UNKNOWN_INTERVAL = "unknown_interval"  # name, interval, allowed
    START_AFTER_END = "start_after_end"  # start, end
    TOO_FEW_BARS = "too_few_bars"  # bars, needed
    UNKNOWN_PATTERN = "unknown_pattern"  # name
    # Portfolio optimisation (analysis.optimisation): each names its request field in extra.fields.
    TOO_FEW_SYMBOLS = "too_few_symbols"  # minimum, count
    INSUFFICIENT_COMMON_HISTORY = "insufficient_common_history"  # bars, needed, symbol (the shortest)
    WEIGHT_BOUNDS = "weight_bounds"  # min_weight, max_weight
    INFEASIBLE_WEIGHTS = "infeasible_weights"  # count, max_weight and minimum, or min_weight and maximum
    BOUNDS_NOT_SUPPORTED = "bounds_not_supported"  # method
    TARGET_REQUIRED = "target_required"  # method
    TARGET_OUT_OF_RANGE = "target_out_of_range"  # minimum (and maximum for a return target)
    NO_RETURN_ABOVE_RISK_FREE = "no_return_above_risk_free"  # risk_free_rate, best_return
    OPTIMISATION_FAILED = "optimisation_failed"  # method
    SHARES_NOT_IN_SYMBOLS = "shares_not_in_symbols"  # symbol
    # Currencies: a code that is not ISO 4217 money (the field is named in extra.fields).
    UNKNOWN_CURRENCY = "unknown_currency"  # currency


class ApplicationError(Exception):
    """Base of every error the product raises on purpose; subclasses set status and code."""

    status_code: int = 400
    code: ErrorCode = ErrorCode.INVALID_INPUT

    def __init__(
        self,
        message: str,
        *,
        extra: dict[str, Any] | None = None,
        code: ErrorCode | None = None,
        status_code: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        self.retry_after = retry_after


class NotFoundError(ApplicationError):
    status_code = 404
    code = ErrorCode.NOT_FOUND


class ConflictError(ApplicationError):
    status_code = 409
    code = ErrorCode.CONFLICT


class RateLimitedError(ApplicationError):
    """The data provider's quota is spent; the client may retry after `retry_after` seconds."""

    status_code = 429
    code = ErrorCode.RATE_LIMITED


class ProviderUnavailableError(ApplicationError):
    status_code = 503
    code = ErrorCode.PROVIDER_UNAVAILABLE


class NotReadyError(ApplicationError):
    """A dependency (database, cache, broker) of this process is down; `extra` names which."""

    status_code = 503
    code = ErrorCode.NOT_READY


def field_error(field: str, message: str, code: ErrorCode, **params: Any) -> ApplicationError:
    """A 400 naming one input field: `extra.fields` has its English message, `extra.field_codes` its code and the
    other keys of `extra` the values the sentence names."""
    return ApplicationError(
        f"{field}: {message}", code=code, extra={"fields": {field: [message]}, "field_codes": {field: [code]}, **params}
    )


def error_body(message: str, code: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"message": message, "code": str(code), "extra": extra or {}}


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            inner = _first_message(value)
            return inner if field == "non_field_errors" else f"{field}: {inner}"
        return "Invalid input."
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else "Invalid input."
    return str(detail)


def _validation_response(detail: Any, codes: Any) -> Response:
    """400 with `extra.fields` (messages) and `extra.field_codes` (the same structure holding each error's code)."""
    fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    field_codes = codes if isinstance(codes, dict) else {"non_field_errors": codes}
    extra = {"fields": fields, "field_codes": field_codes}
    return Response(error_body(_first_message(detail), ErrorCode.INVALID_INPUT, extra), status=400)


def _django_codes(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {field: [e.code or "invalid" for e in errors] for field, errors in exc.error_dict.items()}
    return [e.code or "invalid" for e in exc.error_list]


def _with_retry_after(response: Response, retry_after: float | None) -> Response:
    if retry_after is not None:
        response["Retry-After"] = str(max(1, math.ceil(retry_after)))
    return response


_DRF_CODES: dict[type[drf_exceptions.APIException], str] = {
    drf_exceptions.NotAuthenticated: ErrorCode.NOT_AUTHENTICATED,
    drf_exceptions.AuthenticationFailed: ErrorCode.AUTHENTICATION_FAILED,
    drf_exceptions.PermissionDenied: ErrorCode.PERMISSION_DENIED,
    drf_exceptions.NotFound: ErrorCode.NOT_FOUND,
    drf_exceptions.MethodNotAllowed: ErrorCode.METHOD_NOT_ALLOWED,
    drf_exceptions.UnsupportedMediaType: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    drf_exceptions.Throttled: ErrorCode.THROTTLED,
    drf_exceptions.ParseError: ErrorCode.INVALID_INPUT,
    drf_exceptions.NotAcceptable: ErrorCode.NOT_ACCEPTABLE,
}


def _suspicious_request(exc: SuspiciousOperation) -> tuple[dict[str, Any], int]:
    """Django's refusals of an oversized or malformed request (its limits in settings) as (body, status)."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return error_body(
            f"The request body is larger than the {limit:,} bytes allowed.",
            ErrorCode.REQUEST_TOO_LARGE,
            {"limit_bytes": limit},
        ), 413
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return error_body(
            f"The request has more than the {limit:,} parameters or fields allowed.",
            ErrorCode.TOO_MANY_FIELDS,
            {"limit": limit},
        ), 400
    return error_body("The request is malformed.", ErrorCode.INVALID_INPUT), 400


def _server_error(request_id: str) -> dict[str, Any]:
    return error_body("Internal server error.", ErrorCode.SERVER_ERROR, {"request_id": request_id})


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler giving DESIGN.md's error shape for every error."""
    if isinstance(exc, ApplicationError):
        return _with_retry_after(
            Response(error_body(exc.message, exc.code, exc.extra), status=exc.status_code), exc.retry_after
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return _validation_response(detail, _django_codes(exc))
    if isinstance(exc, drf_exceptions.ValidationError):
        return _validation_response(exc.detail, exc.get_codes())
    if isinstance(exc, Http404):
        return Response(error_body(str(exc) or "Not found.", ErrorCode.NOT_FOUND), status=404)
    if isinstance(exc, PermissionDenied):
        return Response(error_body("You do not have permission to do this.", ErrorCode.PERMISSION_DENIED), status=403)
    if isinstance(exc, SuspiciousOperation):
        body, status = _suspicious_request(exc)
        return Response(body, status=status)

    response = drf_exception_handler(exc, context)
    if response is None:
        request_id = current_request_id()
        logger.exception(
            "Unhandled error in %s (request %s)",
            context.get("view").__class__.__name__,
            request_id,
        )
        return Response(_server_error(request_id), status=500)
    assert isinstance(exc, drf_exceptions.APIException)
    code = next((c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), str(exc.default_code))
    if isinstance(exc, drf_exceptions.AuthenticationFailed) and exc.get_codes() == "no_active_account":
        code = ErrorCode.INVALID_CREDENTIALS  # simplejwt's answer to a wrong username or password
    body = error_body(_first_message(exc.detail), code, getattr(exc, "extra", None))
    new = Response(body, status=response.status_code, headers=dict(response.items()))
    wait = getattr(exc, "wait", None) if isinstance(exc, drf_exceptions.Throttled) else None
    if wait is not None:
        body["extra"] = {"retry_after": math.ceil(wait)}
        _with_retry_after(new, wait)
    return new


def not_found_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse(error_body(f"No page at {request.path}.", ErrorCode.NOT_FOUND), status=404)


def bad_request_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400: a SuspiciousOperation outside DRF (its request limits), in the error shape."""
    if isinstance(exception, SuspiciousOperation):
        body, status = _suspicious_request(exception)
        return JsonResponse(body, status=status)
    return JsonResponse(error_body("The request is malformed.", ErrorCode.INVALID_INPUT), status=400)


def server_error_view(request: HttpRequest) -> HttpResponse:
    """Django's handler500 (django.request has logged the traceback, tagged with the request id)."""
    return JsonResponse(_server_error(current_request_id()), status=500)
