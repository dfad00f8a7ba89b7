"""Watchlist over HTTP: add (stored or unknown symbols), list with last price and day change, remove."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from portfolios.models import WatchlistEntry
from tests.portfolios.conftest import FakeProvider, add_closes

URL = "/api/v1/users/watchlist/"
pytestmark = pytest.mark.django_db


def test_add_list_and_remove(auth_client: APIClient) -> None:
    add_closes("TSLA", {dt.date(2024, 1, 2): "200", dt.date(2024, 1, 3): "210"})
    created = auth_client.post(URL, {"symbol": "tsla", "notes": "EV"}, format="json")
    assert created.status_code == 201
    entry = created.json()
    assert (entry["symbol"], entry["notes"]) == ("TSLA", "EV")
    assert entry["price"]["price"] == 210.0
    assert entry["price"]["change"] == 10.0
    assert entry["price"]["change_percent"] == pytest.approx(5.0)
    assert entry["price"]["date"] == "2024-01-03"

    assert auth_client.post(URL, {"symbol": "TSLA"}, format="json").status_code == 409
    assert [e["symbol"] for e in auth_client.get(URL).json()["results"]] == ["TSLA"]
    assert auth_client.delete(f"{URL}{entry['id']}/").status_code == 204
    assert auth_client.get(URL).json()["results"] == []


def test_watching_an_unknown_symbol_validates_it_and_starts_collection(
    auth_client: APIClient, provider: FakeProvider, collection_calls: list[str]
) -> None:
    created = auth_client.post(URL, {"symbol": "NEWCO"}, format="json")
    assert created.status_code == 201
    assert created.json()["price"] is None
    assert collection_calls == ["NEWCO"]
    unknown = auth_client.post(URL, {"symbol": "NOPE"}, format="json")
    assert unknown.status_code == 400
    assert "NOPE" in unknown.json()["message"]
    assert WatchlistEntry.objects.count() == 1
