"""The only code that talks HTTP to Alpha Vantage: timeouts, shared quota, retries, circuit breaker, error typing.

Every Alpha Vantage error arrives as HTTP 200; `processor.classify_error` turns the body into a typed error. The
API key is sent as a query parameter and redacted from every log line and error message.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Literal

import httpx
import orjson
from django.conf import settings

from core.logging import redact
from stocks.providers.alphavantage.processor import classify_error
from stocks.providers.errors import (
    ProviderAuthError,
    ProviderRateLimitedError,
    ProviderSchemaError,
    ProviderTemporaryError,
)
from stocks.providers.quota import QuotaLimiter, QuotaLimits, acquire, limiter_for, release_database_connection
from stocks.providers.resilience import CircuitBreaker, RetryPolicy, retrying

logger = logging.getLogger(__name__)

NAME = "alphavantage"
DataType = Literal["json", "csv"]
Payload = dict[str, Any] | str


def limits_from_settings() -> QuotaLimits:
    return QuotaLimits(
        calls_per_minute=settings.ALPHA_VANTAGE_CALLS_PER_MINUTE,
        calls_per_day=settings.ALPHA_VANTAGE_CALLS_PER_DAY,
        min_interval_seconds=settings.ALPHA_VANTAGE_MIN_INTERVAL_SECONDS,
    )


def quota_remaining() -> dict[str, Any]:
    """Alpha Vantage calls left in the shared quota, for the refresh-status endpoint."""
    limits = limits_from_settings()
    usage = limiter_for(NAME, limits).usage()
    return {
        "provider": NAME,
        "unlimited": False,
        "limit_per_minute": limits.calls_per_minute,
        "limit_per_day": limits.calls_per_day,
        "remaining_minute": max(0, limits.calls_per_minute - usage.used_last_minute),
        "remaining_today": max(0, limits.calls_per_day - usage.used_last_day),
        "next_call_in_seconds": round(usage.wait_seconds, 1),
    }


class AlphaVantageClient:
    """One method per Alpha Vantage function; each returns the raw payload (a dict, or CSV text) or raises."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        limiter: QuotaLimiter,
        breaker: CircuitBreaker,
        retry_policy: RetryPolicy | None = None,
        timeout: float = 15.0,
        total_deadline: float = 30.0,
        max_quota_wait: float = 65.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._api_key = api_key
        self.limiter = limiter
        self.breaker = breaker
        self.retry_policy = retry_policy or RetryPolicy()
        self.max_quota_wait = max_quota_wait
        self.total_deadline = total_deadline
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)),
            transport=transport,
            headers={"User-Agent": "stock-vis/0.1"},
        )

    @classmethod
    def from_settings(cls) -> AlphaVantageClient:
        if not settings.ALPHA_VANTAGE_API_KEY:
            raise ProviderAuthError("ALPHA_VANTAGE_API_KEY is not set; set it or use MARKET_DATA_PROVIDER=simulated.")
        return cls(
            api_key=settings.ALPHA_VANTAGE_API_KEY,
            base_url=settings.ALPHA_VANTAGE_BASE_URL,
            limiter=limiter_for(NAME, limits_from_settings()),
            breaker=CircuitBreaker(NAME),
            timeout=settings.ALPHA_VANTAGE_TIMEOUT_SECONDS,
            total_deadline=settings.ALPHA_VANTAGE_TOTAL_DEADLINE_SECONDS,
        )

    def close(self) -> None:
        self._http.close()

    def _get(self, function: str, params: dict[str, str], datatype: DataType = "json") -> Payload:
        self.breaker.before_call()
        acquire(self.limiter, max_wait=self.max_quota_wait, sleep=self.retry_policy.sleep)
        query = {"function": function, **params, "apikey": self._api_key}
        if datatype == "csv":
            query["datatype"] = "csv"
        described = f"{function} {' '.join(f'{k}={v}' for k, v in params.items())}"
        release_database_connection()
        try:
            response, content = self._read("/query", query, described)
        except httpx.TimeoutException as exc:
            self.breaker.record_failure()
            raise ProviderTemporaryError(f"Alpha Vantage timed out on {described} ({type(exc).__name__}).") from None
        except httpx.HTTPError as exc:
            self.breaker.record_failure()
            raise ProviderTemporaryError(f"Cannot reach Alpha Vantage for {described}: {redact(str(exc))}") from None
        logger.info("Alpha Vantage %s -> HTTP %s", described, response.status_code)
        if response.status_code == 429:
            raise ProviderRateLimitedError(f"Alpha Vantage answered HTTP 429 to {described}.", retry_after=60.0)
        if response.status_code >= 500:
            self.breaker.record_failure()
            raise ProviderTemporaryError(f"Alpha Vantage answered HTTP {response.status_code} to {described}.")
        if response.status_code in (401, 403):
            raise ProviderAuthError(f"Alpha Vantage answered HTTP {response.status_code} to {described}.")
        if response.status_code >= 400:
            raise ProviderSchemaError(f"Alpha Vantage answered HTTP {response.status_code} to {described}.")
        self.breaker.record_success()
        text = content.decode(response.encoding or "utf-8", errors="replace")
        # A CSV request still gets JSON error bodies.
        if datatype == "csv" and not text.lstrip().startswith("{"):
            return text
        try:
            payload = orjson.loads(content)
        except orjson.JSONDecodeError:
            raise ProviderSchemaError(
                f"Alpha Vantage sent a body that is not JSON for {described} (truncated or malformed): {text[:80]!r}"
            ) from None
        error = classify_error(self._scrub(payload))
        if error is not None:
            logger.warning("Alpha Vantage %s: %s", described, error)
            raise error
        assert isinstance(payload, dict)  # classify_error refuses anything but an object
        return payload

    def _read(self, path: str, query: dict[str, str], described: str) -> tuple[httpx.Response, bytes]:
        """GET `path` and its whole body within `total_deadline` seconds (monotonic), however slowly it arrives.

        httpx's timeouts bound each wait for the next bytes only: a server dripping one byte a second never trips
        them. The body is read in chunks and the deadline checked after each; every wait is cut to the time left
        when the request starts, so a read ends by the deadline, or one read timeout after it if the body stalls
        right before it (httpcore takes the read timeout once per body).
        """
        deadline = time.monotonic() + self.total_deadline

        def left() -> float:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise httpx.ReadTimeout(f"total deadline of {self.total_deadline:g} s passed on {described}")
            return remaining

        timeout = self._http.timeout
        per_wait = httpx.Timeout(
            connect=min(timeout.connect or left(), left()),
            read=min(timeout.read or left(), left()),
            write=min(timeout.write or left(), left()),
            pool=min(timeout.pool or left(), left()),
        )
        chunks: list[bytes] = []
        with self._http.stream("GET", path, params=query, timeout=per_wait) as response:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                left()
        return response, b"".join(chunks)

    def _scrub(self, payload: object) -> object:
        """Newer rate-limit messages echo the key back ("We have detected your API key as ..."): mask it."""
        if not isinstance(payload, dict) or not self._api_key:
            return payload
        return {
            key: value.replace(self._api_key, "***") if isinstance(value, str) else value
            for key, value in payload.items()
        }

    @retrying
    def global_quote(self, symbol: str, datatype: DataType = "json") -> Payload:
        return self._get("GLOBAL_QUOTE", {"symbol": symbol}, datatype)

    @retrying
    def overview(self, symbol: str) -> Payload:
        return self._get("OVERVIEW", {"symbol": symbol})

    @retrying
    def time_series_daily(self, symbol: str, outputsize: str = "compact", datatype: DataType = "json") -> Payload:
        return self._get("TIME_SERIES_DAILY", {"symbol": symbol, "outputsize": outputsize}, datatype)

    @retrying
    def time_series_weekly(self, symbol: str, datatype: DataType = "json") -> Payload:
        return self._get("TIME_SERIES_WEEKLY", {"symbol": symbol}, datatype)

    @retrying
    def time_series_intraday(self, symbol: str, outputsize: str = "full", datatype: DataType = "json") -> Payload:
        """5-minute bars, regular hours only, as traded (`adjusted=false`: raw like the stored daily bars)."""
        params = {
            "symbol": symbol,
            "interval": "5min",
            "outputsize": outputsize,
            "extended_hours": "false",
            "adjusted": "false",
        }
        return self._get("TIME_SERIES_INTRADAY", params, datatype)

    @retrying
    def balance_sheet(self, symbol: str) -> Payload:
        return self._get("BALANCE_SHEET", {"symbol": symbol})

    @retrying
    def income_statement(self, symbol: str) -> Payload:
        return self._get("INCOME_STATEMENT", {"symbol": symbol})

    @retrying
    def cash_flow(self, symbol: str) -> Payload:
        return self._get("CASH_FLOW", {"symbol": symbol})

    @retrying
    def symbol_search(self, keywords: str, datatype: DataType = "json") -> Payload:
        return self._get("SYMBOL_SEARCH", {"keywords": keywords}, datatype)

    @retrying
    def listing_status(self) -> Payload:
        """Every active US listing as CSV (about 12,000 rows; Alpha Vantage sends this function as CSV only)."""
        return self._get("LISTING_STATUS", {}, "csv")

    @retrying
    def splits(self, symbol: str, datatype: DataType = "json") -> Payload:
        return self._get("SPLITS", {"symbol": symbol}, datatype)

    @retrying
    def dividends(self, symbol: str, datatype: DataType = "json") -> Payload:
        return self._get("DIVIDENDS", {"symbol": symbol}, datatype)

    @retrying
    def fx_daily(self, base: str, quote: str, outputsize: str = "compact", datatype: DataType = "json") -> Payload:
        return self._get("FX_DAILY", {"from_symbol": base, "to_symbol": quote, "outputsize": outputsize}, datatype)

    @retrying
    def economic_indicator(self, function: str, interval: str) -> Payload:
        """REAL_GDP, CPI, INFLATION, ...; INFLATION takes no interval, TREASURY_YIELD the 10-year maturity."""
        params = {} if function == "INFLATION" else {"interval": interval}
        if function == "TREASURY_YIELD":
            params["maturity"] = "10year"
        return self._get(function, params)
