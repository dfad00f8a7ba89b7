"""Economic indicators from Alpha Vantage, replayed from made-up bodies in the documented shape (made_up/README.md):
the processor, the request the client sends, and ingestion storing every value with its source and fetch time."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from stocks.models import EconomicIndicator, EconomicObservation
from stocks.providers.alphavantage.client import AlphaVantageClient
from stocks.providers.alphavantage.processor import economic_series_from_json
from stocks.providers.alphavantage.provider import AlphaVantageProvider
from stocks.providers.base import ECONOMIC_INDICATORS
from stocks.providers.base import EconomicObservation as Observed
from stocks.providers.errors import ProviderNotFound, ProviderSchemaError
from stocks.providers.resilience import CircuitBreaker, RetryPolicy
from stocks.services.economic import economic_indicator_ingest
from tests.stocks.providers.alphavantage.conftest import recording_text
from tests.stocks.providers.alphavantage.fake_server import FakeAlphaVantage
from tests.stocks.providers.alphavantage.test_client import UnlimitedQuota

MADE_UP = Path(__file__).resolve().parent / "made_up"
API_KEY = "SECRETKEY123456"


def made_up(name: str) -> str:
    return (MADE_UP / f"{name}.json").read_text(encoding="utf-8")


@pytest.fixture
def provider(httpserver: HTTPServer) -> Any:
    client = AlphaVantageClient(
        api_key=API_KEY,
        base_url=httpserver.url_for("/"),
        limiter=UnlimitedQuota(),
        breaker=CircuitBreaker("av-economic-test", threshold=100),
        retry_policy=RetryPolicy(attempts=2, base_delay=0.01, sleep=lambda _s: None),
        timeout=2.0,
    )
    yield AlphaVantageProvider(client)
    client.close()


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeAlphaVantage:
    return FakeAlphaVantage(httpserver)


def test_every_made_up_body_parses_oldest_first_with_its_unit() -> None:
    for name in ECONOMIC_INDICATORS:
        series = economic_series_from_json(json.loads(made_up(name)), name, ECONOMIC_INDICATORS[name][0])
        assert series.rejected == []
        dates = [o.date for o in series.observations]
        assert dates == sorted(dates)
    cpi = economic_series_from_json(json.loads(made_up("CPI")), "CPI", "monthly")
    assert cpi.unit == "index 1982-1984=100"
    assert cpi.observations[0] == Observed(dt.date(2025, 5, 1), Decimal("321.465"))
    assert cpi.observations[-1] == Observed(dt.date(2025, 9, 1), Decimal("324.368"))


def test_a_dot_is_a_missing_value_and_bad_rows_are_refused_with_reasons() -> None:
    body = json.loads(made_up("TREASURY_YIELD"))
    body["data"] += [{"date": "2025-06-31", "value": "4.1"}, {"date": "2025-06-01", "value": "n/a"}]
    series = economic_series_from_json(body, "TREASURY_YIELD", "monthly")
    assert [(o.date.isoformat(), o.value) for o in series.observations] == [
        ("2025-07-01", Decimal("4.39")),
        ("2025-08-01", Decimal("4.26")),
        ("2025-09-01", None),
        ("2025-10-01", Decimal("4.06")),
    ]
    assert [(r.where, r.reason) for r in series.rejected] == [
        ("item 5", "date '2025-06-31' is not YYYY-MM-DD"),
        ("2025-06-01", "value 'n/a' is not a number"),
    ]
    with pytest.raises(ProviderSchemaError, match="REAL_GDP \\(quarterly\\) answer has no data list"):
        economic_series_from_json({"name": "Real GDP"}, "REAL_GDP", "quarterly")


def test_the_client_asks_each_function_with_its_parameters(provider: Any, fake: FakeAlphaVantage) -> None:
    for name in ("TREASURY_YIELD", "INFLATION", "REAL_GDP"):
        fake.script(name, made_up(name))
    provider.economic_indicator("TREASURY_YIELD", "monthly")
    provider.economic_indicator("INFLATION", "annual")
    provider.economic_indicator("REAL_GDP", "quarterly")
    assert fake.calls == [
        {"function": "TREASURY_YIELD", "interval": "monthly", "maturity": "10year", "apikey": API_KEY},
        {"function": "INFLATION", "apikey": API_KEY},
        {"function": "REAL_GDP", "interval": "quarterly", "apikey": API_KEY},
    ]


@pytest.mark.django_db
def test_ingestion_stores_values_with_source_and_fetch_time_idempotently(provider: Any, fake: FakeAlphaVantage) -> None:
    fake.script("UNEMPLOYMENT", made_up("UNEMPLOYMENT"))
    first = economic_indicator_ingest(name="UNEMPLOYMENT", interval="monthly", provider=provider)
    second = economic_indicator_ingest(name="UNEMPLOYMENT", interval="monthly", provider=provider)
    assert (first.rows_written, second.rows_written) == (4, 4)
    indicator = EconomicIndicator.objects.get(name="UNEMPLOYMENT", interval="monthly")
    assert (indicator.unit, indicator.source, indicator.error) == ("percent", "alphavantage", "")
    rows = list(EconomicObservation.objects.filter(indicator=indicator).order_by("date").values_list("date", "value"))
    assert [(d.isoformat(), v) for d, v in rows] == [
        ("2025-05-01", Decimal("4.2")),
        ("2025-06-01", Decimal("4.1")),
        ("2025-07-01", Decimal("4.2")),
        ("2025-08-01", Decimal("4.3")),
    ]
    assert set(EconomicObservation.objects.values_list("source", flat=True)) == {"alphavantage"}
    assert indicator.fetched_at is not None
    assert EconomicObservation.objects.filter(fetched_at=indicator.fetched_at).count() == 4


@pytest.mark.django_db
def test_a_failed_fetch_keeps_what_was_stored_and_records_why(provider: Any, fake: FakeAlphaVantage) -> None:
    fake.script("CPI", made_up("CPI"), recording_text("ERRORS/invalid_call_or_symbol.json"))
    economic_indicator_ingest(name="CPI", interval="monthly", provider=provider)
    with pytest.raises(ProviderNotFound):
        economic_indicator_ingest(name="CPI", interval="monthly", provider=provider)
    indicator = EconomicIndicator.objects.get(name="CPI")
    assert indicator.error
    assert EconomicObservation.objects.filter(indicator=indicator).count() == 5
