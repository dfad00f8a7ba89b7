"""Alerts: created over HTTP, evaluated when quotes or bars are stored, fired once until re-armed, notified."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
import talib
from django.utils import timezone
from rest_framework.test import APIClient

from portfolios.models import Alert, Notification
from portfolios.services.alerts import alerts_evaluate, observed_values_get
from stocks import signals as stock_signals
from stocks.models import CorporateAction, Stock
from tests.portfolios.conftest import add_closes
from tests.portfolios.factories import AlertFactory, new_user

ALERTS = "/api/v1/users/alerts/"
pytestmark = pytest.mark.django_db
START = dt.date(2024, 1, 1)


def _series(closes: list[float]) -> dict[dt.date, str]:
    return {START + dt.timedelta(days=i): str(c) for i, c in enumerate(closes)}


def test_create_list_and_reject_bad_thresholds(auth_client: APIClient) -> None:
    add_closes("AAPL", _series([100, 110]))
    created = auth_client.post(ALERTS, {"symbol": "aapl", "kind": "price_above", "threshold": "120"}, format="json")
    assert created.status_code == 201
    assert (created.json()["symbol"], created.json()["armed"], created.json()["threshold"]) == ("AAPL", True, 120.0)
    assert auth_client.get(ALERTS).json()["count"] == 1

    for payload, field in (
        ({"kind": "rsi_above", "threshold": "150"}, "threshold"),
        ({"kind": "price_below", "threshold": "-3"}, "threshold"),
        ({"kind": "price_above", "threshold": "lots"}, "threshold"),
        ({"kind": "volume_above", "threshold": "1"}, "kind"),
    ):
        response = auth_client.post(ALERTS, {"symbol": "AAPL", **payload}, format="json")
        assert response.status_code == 400
        assert response.json()["message"].startswith(f"{field}:")
    assert Alert.objects.count() == 1


def test_price_alert_fires_once_until_re_armed(auth_client: APIClient, user: Any) -> None:
    add_closes("AAPL", _series([100, 110]))
    alert = AlertFactory.create(user=user, stock_id="AAPL", kind="price_above", threshold=Decimal(105))
    fired = alerts_evaluate(symbol="AAPL")
    assert [n.message for n in fired] == ["AAPL price rose to 110, above 105."]
    assert alerts_evaluate(symbol="AAPL") == []
    alert.refresh_from_db()
    assert (alert.armed, alert.triggered_value) == (False, Decimal(110))

    rearmed = auth_client.patch(f"{ALERTS}{alert.pk}/", {"armed": True}, format="json")
    assert rearmed.status_code == 200
    assert rearmed.json()["armed"] is True
    assert len(alerts_evaluate(symbol="AAPL")) == 1
    assert Notification.objects.filter(user=user).count() == 2


def test_conditions_not_met_do_not_fire(user: Any) -> None:
    add_closes("AAPL", _series([100, 110]))
    AlertFactory.create(user=user, stock_id="AAPL", kind="price_below", threshold=Decimal(105))
    AlertFactory.create(user=user, stock_id="AAPL", kind="change_pct_above", threshold=Decimal(15))
    assert alerts_evaluate(symbol="AAPL") == []


def test_day_change_alert_uses_the_quote_when_newer(user: Any) -> None:
    stock = add_closes("AAPL", _series([100, 100]))
    Stock.objects.filter(pk=stock.pk).update(
        real_time_price=Decimal(90), previous_close=Decimal(100), latest_trading_day=START + dt.timedelta(days=5)
    )
    AlertFactory.create(user=user, stock_id="AAPL", kind="change_pct_below", threshold=Decimal(-5))
    fired = alerts_evaluate(symbol="AAPL")
    assert len(fired) == 1
    assert fired[0].value == Decimal(-10)


def test_rsi_alert_uses_talib_rsi_of_stored_closes(user: Any) -> None:
    rng = np.random.default_rng(7)
    closes = list(np.round(100 + np.cumsum(rng.normal(0.8, 1.0, 60)), 2))
    stock = add_closes("AAPL", _series(closes))
    expected = talib.RSI(np.asarray(closes, dtype=np.float64), timeperiod=14)[-1]
    assert float(observed_values_get(stock=stock).rsi() or 0) == pytest.approx(expected, abs=1e-4)
    AlertFactory.create(user=user, stock_id="AAPL", kind="rsi_above", threshold=Decimal(int(expected) - 1))
    AlertFactory.create(user=user, stock_id="AAPL", kind="rsi_below", threshold=Decimal(int(expected) - 1))
    fired = alerts_evaluate(symbol="AAPL")
    assert [n.kind for n in fired] == ["rsi_above"]


def test_rsi_alert_reads_split_adjusted_closes(user: Any) -> None:
    """A 4-for-1 split halfway is no crash: RSI equals TA-Lib's on the closes divided by 4 before the split."""
    rng = np.random.default_rng(11)
    adjusted = np.round(100 + np.cumsum(rng.normal(0.3, 1.0, 60)), 2)
    raw = [float(c) * 4 if i < 30 else float(c) for i, c in enumerate(adjusted)]
    series = _series(raw)
    stock = add_closes("AAPL", series)
    ex_date = sorted(series)[30]
    CorporateAction.objects.create(
        stock=stock, kind="split", ex_date=ex_date, ratio=4, fetched_at=timezone.now(), source="csv"
    )
    expected = talib.RSI(np.asarray([c / 4 if i < 30 else c for i, c in enumerate(raw)]), timeperiod=14)[-1]
    assert float(observed_values_get(stock=stock).rsi() or 0) == pytest.approx(expected, abs=1e-4)


def test_stored_quotes_and_daily_bars_trigger_evaluation_and_the_push(
    user: Any, django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_closes("AAPL", _series([100, 110]))
    AlertFactory.create(user=user, stock_id="AAPL", kind="price_above", threshold=Decimal(105))
    AlertFactory.create(user=user, stock_id="AAPL", kind="price_above", threshold=Decimal(100))
    pushed: list[Notification] = []
    monkeypatch.setattr("portfolios.services.alerts.alert_push", lambda *, notification: pushed.append(notification))
    with django_capture_on_commit_callbacks(execute=True):
        stock_signals.bars_stored.send(sender=None, symbol="AAPL", interval="weekly", last_date=None)
    assert pushed == []
    with django_capture_on_commit_callbacks(execute=True):
        stock_signals.quote_stored.send(sender=None, symbol="AAPL")
        assert pushed == []  # pushed after the evaluation commits, not before
    assert sorted(n.threshold for n in pushed) == [Decimal(100), Decimal(105)]
    with django_capture_on_commit_callbacks(execute=True):
        stock_signals.bars_stored.send(sender=None, symbol="AAPL", interval="daily", last_date=None)
    assert len(pushed) == 2


def test_notifications_list_and_mark_read(auth_client: APIClient, user: Any) -> None:
    add_closes("AAPL", _series([100, 110]))
    AlertFactory.create(user=user, stock_id="AAPL", kind="price_above", threshold=Decimal(105))
    AlertFactory.create(user=user, stock_id="AAPL", kind="price_above", threshold=Decimal(101))
    first, _ = alerts_evaluate(symbol="AAPL")
    listed = auth_client.get(f"{ALERTS}notifications/").json()["results"]
    assert len(listed) == 2
    assert all(n["read"] is False for n in listed)

    marked = auth_client.patch(f"{ALERTS}notifications/{first.pk}/", {"read": True}, format="json")
    assert marked.status_code == 200
    assert marked.json()["read"] is True
    assert auth_client.get(f"{ALERTS}notifications/", {"unread": "true"}).json()["count"] == 1
    assert auth_client.post(f"{ALERTS}notifications/read-all/").json() == {"marked": 1}

    stranger = APIClient()
    stranger.force_authenticate(new_user())
    assert stranger.patch(f"{ALERTS}notifications/{first.pk}/", {"read": True}, format="json").status_code == 404
    assert stranger.get(f"{ALERTS}notifications/").json()["results"] == []
