"""Whatever a client puts in the path or the query string, the stocks API answers 2xx/4xx, never 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.stocks.api.conftest import FakeProvider, add_bars

pytestmark = pytest.mark.django_db

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
query_values = st.one_of(text, st.integers(-(10**12), 10**12).map(str), st.sampled_from(["nan", "inf", "1e9", "0"]))
PATHS = ["chart", "indicators", "overview", "balance-sheet", "income-statement", "cashflow"]
KEYS = ["type", "period", "days", "limit", "indicators", "rsi_timeperiod", "macd_fastperiod", "bbands_nbdevup"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(PATHS),
    symbol=st.one_of(st.just("ACME"), st.just("acme"), text.filter(lambda s: "/" not in s and s not in ("", "."))),
    query=st.dictionaries(st.sampled_from(KEYS), query_values, max_size=4),
)
def test_random_requests_never_fail_with_500(
    api_client: Any, stock: Any, endpoint: str, symbol: str, query: dict[str, str]
) -> None:
    if not stock.dailyprice_set.exists():
        add_bars(stock, 60)
    response = api_client.get(f"/api/v1/stocks/api/{endpoint}/{quote(symbol, safe='')}/", query)
    assert response.status_code in (200, 400, 404), response.content[:300]
    body = response.json()
    if response.status_code != 200:
        assert set(body) == {"message", "code", "extra"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keywords=text)
def test_random_search_keywords_never_fail_with_500(
    api_client: Any, db: Any, fake_provider: FakeProvider, keywords: str
) -> None:
    response = api_client.get("/api/v1/stocks/api/search/symbols/", {"keywords": keywords})
    assert response.status_code in (200, 400), response.content[:300]
    response = api_client.get(f"/api/v1/stocks/api/search/validate/{quote(keywords.replace('/', ''), safe='')}x/")
    assert response.status_code == 200
