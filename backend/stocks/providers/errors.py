"""Typed provider errors; each says whether callers retry it."""

from __future__ import annotations

from core.logging import redact


class ProviderError(Exception):
    """Base of every provider failure. Not retried unless a subclass says so. Messages never carry an API key."""

    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))
        self.message = redact(message)


class ProviderTemporaryError(ProviderError):
    """Timeouts, connection errors, HTTP 5xx. Retried with exponential backoff and jitter."""

    retryable = True


class ProviderRateLimitedError(ProviderError):
    """Quota or burst limit reached. Retried after `retry_after` seconds (or recorded as waiting for quota)."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ProviderCircuitOpenError(ProviderTemporaryError):
    """Calls are paused after repeated failures. Not retried in-process: callers come back after `retry_after`."""

    retryable = False

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ProviderPremiumRequired(ProviderError):  # noqa: N818 - name fixed by STYLE.md
    """The endpoint or option needs a paid plan. Permanent for this key: never retried."""


class ProviderAuthError(ProviderError):
    """The API key is missing or invalid. Permanent: never retried."""


class ProviderNotFound(ProviderError):  # noqa: N818 - name fixed by STYLE.md
    """Unknown symbol or empty answer. Permanent: never retried."""


class ProviderSchemaError(ProviderError):
    """The answer does not have the expected shape (truncated, malformed). Permanent: never retried."""
