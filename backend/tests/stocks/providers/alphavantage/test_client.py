"""The Alpha Vantage client against a local HTTP server: every error shape, retries, breaker, quota, key redaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from stocks.providers.alphavantage.client import AlphaVantageClient
from stocks.providers.alphavantage.provider import AlphaVantageProvider
from stocks.providers.errors import (
    ProviderAuthError,
    ProviderCircuitOpenError,
    ProviderError,
    ProviderNotFound,
    ProviderPremiumRequired,
    ProviderRateLimitedError,
    ProviderSchemaError,
    ProviderTemporaryError,
)
from stocks.providers.quota import QuotaLimits, QuotaUsage
from stocks.providers.resilience import CircuitBreaker, RetryPolicy
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.providers.alphavantage.fake_server import Answer, FakeAlphaVantage

API_KEY = "SECRETKEY123456"
ATTEMPTS = 3


class UnlimitedQuota:
    limits = QuotaLimits(calls_per_minute=10_000, calls_per_day=10_000, min_interval_seconds=0)

    def reserve(self) -> float:
        return 0.0

    def usage(self) -> QuotaUsage:
        return QuotaUsage(0, 0, 0.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeAlphaVantage:
    return FakeAlphaVantage(httpserver)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_client(httpserver: HTTPServer, sleeps: list[float]) -> Iterator[Callable[..., AlphaVantageClient]]:
    clients: list[AlphaVantageClient] = []

    def make(*, timeout: float = 2.0, breaker: CircuitBreaker | None = None, limiter: Any = None) -> AlphaVantageClient:
        client = AlphaVantageClient(
            api_key=API_KEY,
            base_url=httpserver.url_for("/"),
            limiter=limiter or UnlimitedQuota(),
            breaker=breaker or CircuitBreaker("av-test", threshold=100),
            retry_policy=RetryPolicy(attempts=ATTEMPTS, base_delay=0.01, sleep=sleeps.append),
            timeout=timeout,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_json_answer_is_returned_and_the_key_is_sent(make_client: Any, fake: FakeAlphaVantage) -> None:
    fake.script("GLOBAL_QUOTE", recording_text("GLOBAL_QUOTE/crazzyghost-alphavantage-java__globalquote.json"))
    payload = make_client().global_quote("IBM")
    assert payload["Global Quote"]["05. price"] == "121.7400"
    assert fake.calls == [{"function": "GLOBAL_QUOTE", "symbol": "IBM", "apikey": API_KEY}]


def test_csv_answer_is_returned_as_text(make_client: Any, fake: FakeAlphaVantage) -> None:
    fake.script(
        "TIME_SERIES_DAILY",
        recording_text("TIME_SERIES_DAILY/portfoliotree-alphavantage__TIME_SERIES_DAILY_42a08190.csv"),
    )
    body = make_client().time_series_daily("IBM", "compact", "csv")
    assert isinstance(body, str)
    assert body.startswith("timestamp,open")
    assert fake.calls[0]["datatype"] == "csv"


def test_csv_request_answered_with_json_error_is_classified(make_client: Any, fake: FakeAlphaVantage) -> None:
    fake.script("TIME_SERIES_DAILY", recording_text("ERRORS/invalid_call_or_symbol.json"))
    with pytest.raises(ProviderNotFound):
        make_client().time_series_daily("NOPE", "compact", "csv")
    assert fake.calls_to("TIME_SERIES_DAILY") == 1


def test_minute_rate_limit_is_waited_out_and_resumed(
    make_client: Any, fake: FakeAlphaVantage, sleeps: list[float]
) -> None:
    fake.script(
        "GLOBAL_QUOTE",
        recording_text("ERRORS/ratelimit_2018_2023_note.json"),
        recording_text("GLOBAL_QUOTE/crazzyghost-alphavantage-java__globalquote.json"),
    )
    assert make_client().global_quote("IBM")["Global Quote"]["01. symbol"] == "IBM"
    assert fake.calls_to("GLOBAL_QUOTE") == 2
    assert sleeps
    assert 60 <= sleeps[0] <= 61


def test_burst_limit_is_retried_after_a_short_wait(
    make_client: Any, fake: FakeAlphaVantage, sleeps: list[float]
) -> None:
    fake.script(
        "OVERVIEW",
        recording_text("ERRORS/ratelimit_burst_1_per_second_information.json"),
        recording_text("OVERVIEW/portfoliotree-alphavantage__OVERVIEW_b1e86153.json"),
    )
    assert make_client().overview("IBM")["Symbol"] == "IBM"
    assert fake.calls_to("OVERVIEW") == 2
    assert sleeps[0] < 5


def test_spent_daily_quota_is_raised_at_once_with_retry_after(make_client: Any, fake: FakeAlphaVantage) -> None:
    fake.script("OVERVIEW", recording_text("ERRORS/ratelimit_daily_25_information.json"))
    with pytest.raises(ProviderRateLimitedError) as caught:
        make_client().overview("IBM")
    assert caught.value.retry_after > 60
    assert fake.calls_to("OVERVIEW") == 1


def test_timeout_is_temporary_and_retried(make_client: Any, fake: FakeAlphaVantage, sleeps: list[float]) -> None:
    fake.script("OVERVIEW", Answer("{}", delay=0.3))
    with pytest.raises(ProviderTemporaryError, match="timed out"):
        make_client(timeout=0.1).overview("IBM")
    # The one-threaded server is still sleeping on earlier requests: count the client's backoffs instead.
    assert len(sleeps) == ATTEMPTS - 1


def test_http_503_is_retried_then_succeeds(make_client: Any, fake: FakeAlphaVantage) -> None:
    fake.script(
        "OVERVIEW",
        Answer("Service Unavailable", status=503),
        recording_text("OVERVIEW/portfoliotree-alphavantage__OVERVIEW_b1e86153.json"),
    )
    assert make_client().overview("IBM")["Name"] == "International Business Machines"
    assert fake.calls_to("OVERVIEW") == 2


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (recording_text("ERRORS/premium_endpoint_information.json"), ProviderPremiumRequired),
        (recording_text("ERRORS/invalid_or_missing_apikey.json"), ProviderAuthError),
        (recording_text("ERRORS/unknown_symbol_overview_or_empty.json"), ProviderNotFound),
        ('{"Meta Data": {"1. Information": "Daily', ProviderSchemaError),  # truncated body
    ],
)
def test_permanent_errors_are_tried_once(make_client: Any, fake: FakeAlphaVantage, body: str, error: type) -> None:
    fake.script("OVERVIEW", body)
    with pytest.raises(error):
        make_client().overview("IBM")
    assert fake.calls_to("OVERVIEW") == 1


def test_full_history_refused_as_premium_falls_back_to_compact(make_client: Any, fake: FakeAlphaVantage) -> None:
    compact = recording_text("TIME_SERIES_DAILY/kirlut-AlphaVantage.Net__daily-not-adjusted.json")
    premium = recording_text("ERRORS/premium_parameter_outputsize_full_information.json")

    fake.script("TIME_SERIES_DAILY", premium, compact)
    series = AlphaVantageProvider(make_client()).price_series("MSFT", "daily", "full")
    assert series.partial_history is True
    assert len(series.bars) == 3
    assert [c["outputsize"] for c in fake.calls] == ["full", "compact"]


def test_api_key_never_appears_in_errors_or_logs(
    make_client: Any, fake: FakeAlphaVantage, caplog: pytest.LogCaptureFixture
) -> None:
    echoed = (
        '{"Information": "We have detected your API key as SECRETKEY123456 and our standard API rate limit is '
        '25 requests per day."}'
    )
    fake.script("OVERVIEW", echoed)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderRateLimitedError) as caught:
        make_client().overview("IBM")
    assert API_KEY not in str(caught.value)
    assert API_KEY not in caplog.text
    fake.script("GLOBAL_QUOTE", Answer("{}", delay=0.3))
    with pytest.raises(ProviderTemporaryError) as timeout:
        make_client(timeout=0.1).global_quote("IBM")
    assert API_KEY not in str(timeout.value)
    assert timeout.value.__cause__ is None


def test_circuit_opens_after_repeated_failures_and_probes_after_cooldown(
    make_client: Any, fake: FakeAlphaVantage
) -> None:
    clock = Clock()
    breaker = CircuitBreaker("av-breaker-test", threshold=3, cooldown=30, clock=clock)
    client = make_client(breaker=breaker)
    fake.script("OVERVIEW", Answer("busy", status=503))
    with pytest.raises(ProviderTemporaryError):
        client.overview("IBM")  # three attempts, three failures: the circuit opens
    assert fake.calls_to("OVERVIEW") == ATTEMPTS
    with pytest.raises(ProviderCircuitOpenError) as caught:
        client.overview("IBM")
    assert fake.calls_to("OVERVIEW") == ATTEMPTS  # no call while open
    assert 0 < caught.value.retry_after <= 30
    clock.now += 31
    fake.script("OVERVIEW", recording_text("OVERVIEW/portfoliotree-alphavantage__OVERVIEW_b1e86153.json"))
    assert client.overview("IBM")["Symbol"] == "IBM"  # the probe succeeds and closes the circuit
    assert not breaker.is_open


def test_the_provider_asks_for_raw_regular_hours_5min_csv_and_falls_back_to_compact(
    make_client: Any, fake: FakeAlphaVantage
) -> None:
    premium = recording_text("ERRORS/premium_parameter_outputsize_full_information.json")
    session = recording_text("TIME_SERIES_INTRADAY/portfoliotree-alphavantage__intraday_5min_IBM.csv")
    fake.script("TIME_SERIES_INTRADAY", premium, session)
    series = AlphaVantageProvider(make_client()).intraday_series("IBM")
    assert len(series.bars) == 78
    asked = fake.calls
    assert [c["outputsize"] for c in asked] == ["full", "compact"]
    assert {(c["interval"], c["extended_hours"], c["adjusted"], c["datatype"], c["symbol"]) for c in asked} == {
        ("5min", "false", "false", "csv", "IBM")
    }


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("ERRORS/invalid_call_or_symbol.json", ProviderNotFound),
        ("ERRORS/ratelimit_daily_25_information.json", ProviderRateLimitedError),
    ],
)
def test_an_intraday_error_answer_is_a_typed_error(
    make_client: Any, fake: FakeAlphaVantage, body: str, error: type
) -> None:
    fake.script("TIME_SERIES_INTRADAY", recording_text(body))
    with pytest.raises(error):
        AlphaVantageProvider(make_client()).intraday_series("IBM")


# One helper for every client method: temporary errors are retried ATTEMPTS times, permanent ones tried once. ----------

CLIENT_CALLS: dict[str, Callable[[AlphaVantageClient], object]] = {
    "GLOBAL_QUOTE": lambda c: c.global_quote("IBM"),
    "OVERVIEW": lambda c: c.overview("IBM"),
    "TIME_SERIES_DAILY": lambda c: c.time_series_daily("IBM", "full"),
    "TIME_SERIES_WEEKLY": lambda c: c.time_series_weekly("IBM", "csv"),
    "TIME_SERIES_INTRADAY": lambda c: c.time_series_intraday("IBM", "full", "csv"),
    "BALANCE_SHEET": lambda c: c.balance_sheet("IBM"),
    "INCOME_STATEMENT": lambda c: c.income_statement("IBM"),
    "CASH_FLOW": lambda c: c.cash_flow("IBM"),
    "SYMBOL_SEARCH": lambda c: c.symbol_search("tesco"),
    "SPLITS": lambda c: c.splits("IBM", "csv"),
    "DIVIDENDS": lambda c: c.dividends("IBM", "csv"),
}


def assert_retry_behaviour(
    fake: FakeAlphaVantage,
    client: AlphaVantageClient,
    function: str,
    call: Callable[[AlphaVantageClient], object],
    *,
    answer: Answer,
    error: type[ProviderError],
    expected_calls: int,
) -> None:
    fake.calls.clear()
    fake.script(function, answer)
    with pytest.raises(error):
        call(client)
    assert fake.calls_to(function) == expected_calls, f"{function}: {answer.body[:40]!r}"


@pytest.mark.parametrize("function", sorted(CLIENT_CALLS))
def test_every_method_retries_temporary_errors_and_not_permanent_ones(
    make_client: Any, fake: FakeAlphaVantage, function: str
) -> None:
    client = make_client()
    call = CLIENT_CALLS[function]
    temporary = Answer("upstream overloaded", status=503)
    assert_retry_behaviour(
        fake, client, function, call, answer=temporary, error=ProviderTemporaryError, expected_calls=ATTEMPTS
    )
    burst = Answer(recording_text("ERRORS/ratelimit_burst_1_per_second_information.json"))
    assert_retry_behaviour(
        fake, client, function, call, answer=burst, error=ProviderRateLimitedError, expected_calls=ATTEMPTS
    )
    for body, error in (
        (recording_text("ERRORS/invalid_or_missing_apikey.json"), ProviderAuthError),
        (recording_text("ERRORS/premium_endpoint_information.json"), ProviderPremiumRequired),
        (recording_text("ERRORS/invalid_call_or_symbol.json"), ProviderNotFound),
    ):
        assert_retry_behaviour(fake, client, function, call, answer=Answer(body), error=error, expected_calls=1)


def test_missing_key_is_a_clear_auth_error(settings: Any) -> None:
    settings.ALPHA_VANTAGE_API_KEY = ""
    with pytest.raises(ProviderAuthError, match="ALPHA_VANTAGE_API_KEY"):
        AlphaVantageClient.from_settings()


def test_provider_errors_are_provider_errors() -> None:
    assert issubclass(ProviderCircuitOpenError, ProviderError)
