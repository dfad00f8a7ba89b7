"""The chart's events: the splits and dividends on the returned bars, with their labels, in every adjustment and
window, and a new event shows in a cached chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from stocks.models import CorporateAction, DailyPrice, WeeklyPrice
from stocks.providers.base import CorporateActionEvent, CorporateActions
from stocks.selectors.adjusted import ChartEvent
from stocks.services.ingestion import corporate_actions_import
from tests.stocks.api.conftest import add_bars
from tests.stocks.demo import demo_store

pytestmark = pytest.mark.django_db
URL = "/api/v1/stocks/api/chart/{}/"


def store_event(stock: Any, kind: str, ex_date: dt.date, value: str) -> None:
    value_field = "ratio" if kind == "split" else "amount"
    CorporateAction.objects.create(
        stock=stock,
        kind=kind,
        ex_date=ex_date,
        source=stock.source,
        fetched_at=timezone.now(),
        **{value_field: Decimal(value)},
    )


@pytest.fixture
def acme_events(stock: Any) -> Any:
    add_bars(stock, 300)
    add_bars(stock, 60, model=WeeklyPrice)
    store_event(stock, "split", dt.date(2024, 1, 2), "7")  # before every 1m window
    store_event(stock, "dividend", dt.date(2024, 5, 13), "0.205")  # Monday of the weekly window's first week
    store_event(stock, "dividend", dt.date(2024, 5, 14), "0.24")  # the daily bar just before the 1m window
    store_event(stock, "dividend", dt.date(2024, 5, 15), "1")  # the 1m window's first daily bar
    store_event(stock, "split", dt.date(2024, 6, 3), "4")
    return stock


@pytest.mark.parametrize("adjustment", ["split", "total", "raw"])
def test_daily_window_lists_the_events_on_its_bars_with_labels(
    api_client: Any, acme_events: Any, adjustment: str
) -> None:
    body = api_client.get(URL.format("ACME"), {"period": "1m", "adjustment": adjustment}).json()
    assert body["data"][0]["time"] == "2024-05-15"
    assert body["events"] == [
        {"date": "2024-05-15", "kind": "dividend", "value": 1.0, "label": "1.00"},
        {"date": "2024-06-03", "kind": "split", "value": 4.0, "label": "4:1"},
    ]


def test_weekly_window_lists_an_event_of_its_first_week(api_client: Any, acme_events: Any) -> None:
    body = api_client.get(URL.format("ACME"), {"period": "1m", "type": "weekly"}).json()
    assert body["data"][0]["time"] == "2024-05-17"
    assert [(e["date"], e["label"]) for e in body["events"]] == [
        ("2024-05-13", "0.205"),
        ("2024-05-14", "0.24"),
        ("2024-05-15", "1.00"),
        ("2024-06-03", "4:1"),
    ]


def test_max_window_lists_every_event(api_client: Any, acme_events: Any) -> None:
    body = api_client.get(URL.format("ACME"), {"period": "max"}).json()
    assert [e["label"] for e in body["events"]] == ["7:1", "0.205", "0.24", "1.00", "4:1"]


def test_a_chart_without_events_lists_none(api_client: Any, stock: Any) -> None:
    add_bars(stock, 30)
    assert api_client.get(URL.format("ACME")).json()["events"] == []


@pytest.mark.parametrize(
    ("kind", "value", "label"),
    [("split", 4.0, "4:1"), ("split", 1.5, "3:2"), ("split", 0.1, "1:10"), ("dividend", 0.24, "0.24")],
)
def test_labels_read_as_ratios_and_amounts(kind: Any, value: float, label: str) -> None:
    assert ChartEvent(dt.date(2024, 1, 2), kind, value).label == label


def test_demo_split_stock_lists_its_stored_splits_and_dividends(api_client: Any) -> None:
    demo_store("AAPL")
    body = api_client.get(URL.format("AAPL"), {"period": "max"}).json()
    first, last = body["data"][0]["time"], body["data"][-1]["time"]
    stored = CorporateAction.objects.filter(stock_id="AAPL", ex_date__gte=first, ex_date__lte=last)
    splits = [e for e in body["events"] if e["kind"] == "split"]
    assert [(e["date"], e["value"]) for e in splits] == [
        (d.isoformat(), float(r or 0)) for d, r in stored.filter(kind="split").values_list("ex_date", "ratio")
    ]
    assert len(splits) >= 2
    assert all(":" in e["label"] for e in splits)
    dividends = [e for e in body["events"] if e["kind"] == "dividend"]
    assert len(dividends) == stored.filter(kind="dividend").count() > 10
    assert [e["date"] for e in body["events"]] == sorted(e["date"] for e in body["events"])


def test_a_new_dividend_shows_in_a_chart_that_was_cached(
    api_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    demo_store("KO")
    query = {"period": "1m"}
    before = api_client.get(URL.format("KO"), query)
    dated = {e["date"] for e in before.json()["events"]}
    ex_date = next(
        d
        for d in DailyPrice.objects.filter(stock_id="KO").order_by("-date").values_list("date", flat=True)[1:15]
        if d.isoformat() not in dated
    )
    event = CorporateActions("KO", [CorporateActionEvent("dividend", ex_date, Decimal("0.51"))])
    with django_capture_on_commit_callbacks(execute=True):  # the commit that sends stock_data_changed
        assert corporate_actions_import(actions=event, source="csv").rows_written == 1

    after = api_client.get(URL.format("KO"), query, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert {"date": ex_date.isoformat(), "kind": "dividend", "value": 0.51, "label": "0.51"} in after.json()["events"]
