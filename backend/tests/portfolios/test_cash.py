"""The cash account: deposits, withdrawals, interest, fees and taxes with the holdings' trades, hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from portfolios.cash import CashEntry, cash_balances, external_flows
from portfolios.ledger import CashFlow
from portfolios.models import CashTransaction
from tests.factories import UserFactory
from tests.portfolios.conftest import add_closes

PORTFOLIO = "/api/v1/users/portfolio/"
CASH = f"{PORTFOLIO}cash/"
ENTRIES = f"{CASH}transactions/"
D = dt.date


def test_balances_follow_entries_and_trades_day_by_day() -> None:
    entries = [
        CashEntry("deposit", D(2024, 1, 2), Decimal(5000)),
        CashEntry("fee", D(2024, 1, 31), Decimal(3)),
        CashEntry("interest", D(2024, 1, 31), Decimal("4.5")),
        CashEntry("tax", D(2024, 3, 1), Decimal(12)),
        CashEntry("withdrawal", D(2024, 3, 1), Decimal(500)),
    ]
    trades = [
        (D(2024, 1, 3), CashFlow(contribution=Decimal(1010))),  # 10 x 100 + 10 fee
        (D(2024, 2, 1), CashFlow(distribution=Decimal(748))),  # 5 x 150 - 2 fee
        (D(2024, 2, 15), CashFlow(distribution=Decimal("1.25"))),  # 5 x 0.25 dividend
    ]
    assert cash_balances(entries, trades) == [
        (D(2024, 1, 2), Decimal(5000)),
        (D(2024, 1, 3), Decimal(3990)),
        (D(2024, 1, 31), Decimal("3991.5")),
        (D(2024, 2, 1), Decimal("4739.5")),
        (D(2024, 2, 15), Decimal("4740.75")),
        (D(2024, 3, 1), Decimal("4228.75")),
    ]
    # Only deposits and withdrawals cross the account's boundary.
    assert external_flows(entries) == [(D(2024, 1, 2), Decimal(5000)), (D(2024, 3, 1), Decimal(-500))]


def test_a_buy_beyond_the_cash_shows_a_negative_balance() -> None:
    entries = [CashEntry("deposit", D(2024, 1, 2), Decimal(100))]
    trades = [(D(2024, 1, 3), CashFlow(contribution=Decimal(250)))]
    assert cash_balances(entries, trades)[-1] == (D(2024, 1, 3), Decimal(-150))


def test_a_deposit_and_withdrawal_on_one_day_net_out() -> None:
    entries = [CashEntry("deposit", D(2024, 1, 2), Decimal(100)), CashEntry("withdrawal", D(2024, 1, 2), Decimal(100))]
    assert external_flows(entries) == []


def _post(client: APIClient, url: str, **fields: str) -> dict[str, Any]:
    response = client.post(url, fields, format="json")
    return {"status": response.status_code, **response.json()}


@pytest.mark.django_db
def test_the_cash_account_over_http_agrees_with_the_summary(auth_client: APIClient) -> None:
    add_closes("AAPL", {D(2024, 1, 3): "100", D(2024, 2, 1): "150"})
    assert _post(auth_client, ENTRIES, type="deposit", date="2024-01-02", amount="5000")["status"] == 201
    _post(
        auth_client,
        f"{PORTFOLIO}transactions/",
        symbol="AAPL",
        type="buy",
        date="2024-01-03",
        quantity="10",
        price="100",
        fee="10",
    )
    _post(
        auth_client,
        f"{PORTFOLIO}transactions/",
        symbol="AAPL",
        type="sell",
        date="2024-02-01",
        quantity="5",
        price="150",
        fee="2",
    )
    _post(
        auth_client,
        f"{PORTFOLIO}transactions/",
        symbol="AAPL",
        type="dividend",
        date="2024-02-15",
        quantity="5",
        price="0.25",
    )
    _post(auth_client, ENTRIES, type="interest", date="2024-01-31", amount="4.5")
    _post(auth_client, ENTRIES, type="fee", date="2024-01-31", amount="3")
    _post(auth_client, ENTRIES, type="tax", date="2024-03-01", amount="12")
    _post(auth_client, ENTRIES, type="withdrawal", date="2024-03-01", amount="500")

    account = auth_client.get(CASH).json()
    assert account["balance"] == 4228.75
    assert (account["deposits"], account["withdrawals"], account["interest"], account["fees"], account["taxes"]) == (
        5000,
        500,
        4.5,
        3,
        12,
    )
    assert account["trades_net"] == -1010 + 748 + 1.25
    assert [p["balance"] for p in account["series"]] == [5000, 3990, 3991.5, 4739.5, 4740.75, 4228.75]
    assert account["external_flows"] == [{"date": "2024-01-02", "amount": 5000}, {"date": "2024-03-01", "amount": -500}]

    totals = auth_client.get(f"{PORTFOLIO}summary/").json()["totals"]
    assert totals["cash"] == pytest.approx(4228.75)
    assert totals["account_value"] == pytest.approx(5 * 150 + 4228.75)


@pytest.mark.django_db
def test_entries_can_be_listed_edited_and_deleted(auth_client: APIClient) -> None:
    deposit = _post(auth_client, ENTRIES, type="deposit", date="2024-01-02", amount="1000", note="salary")
    _post(auth_client, ENTRIES, type="withdrawal", date="2024-02-02", amount="200")
    listed = auth_client.get(ENTRIES).json()
    assert [(e["type"], e["amount"]) for e in listed["results"]] == [("withdrawal", 200), ("deposit", 1000)]
    changed = auth_client.patch(f"{ENTRIES}{deposit['id']}/", {"amount": "1500"}, format="json")
    assert (changed.status_code, changed.json()["amount"], changed.json()["note"]) == (200, 1500, "salary")
    assert auth_client.get(CASH).json()["balance"] == 1300
    assert auth_client.delete(f"{ENTRIES}{deposit['id']}/").status_code == 204
    assert auth_client.get(CASH).json()["balance"] == -200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"type": "deposit", "date": "2999-01-01", "amount": "10"}, "date", "future_date"),
        ({"type": "deposit", "date": "2024-01-02", "amount": "0"}, "amount", "not_positive"),
        ({"type": "deposit", "date": "2024-01-02", "amount": "-5"}, "amount", "not_positive"),
        ({"type": "transfer", "date": "2024-01-02", "amount": "5"}, "type", "invalid_choice"),
        ({"type": "deposit", "date": "2024-01-02"}, "amount", "required"),
    ],
)
def test_bad_cash_entries_are_400_naming_the_field(
    auth_client: APIClient, fields: dict[str, str], field: str, code: str
) -> None:
    response = auth_client.post(ENTRIES, fields, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["field_codes"] == {field: [code]}
    assert CashTransaction.objects.count() == 0


@pytest.mark.django_db
def test_a_bad_edit_changes_nothing_and_another_users_entry_is_404(auth_client: APIClient) -> None:
    deposit = _post(auth_client, ENTRIES, type="deposit", date="2024-01-02", amount="1000")
    for fields in ({"date": "2999-01-01"}, {"amount": "0"}):
        assert auth_client.patch(f"{ENTRIES}{deposit['id']}/", fields, format="json").status_code == 400
    stored = CashTransaction.objects.get()
    assert (stored.date, stored.amount) == (D(2024, 1, 2), 1000)
    other = APIClient()
    other.force_authenticate(user=UserFactory.create())
    assert other.get(f"{ENTRIES}{deposit['id']}/").status_code == 404
    assert other.delete(f"{ENTRIES}{deposit['id']}/").status_code == 404
    assert other.get(CASH).json()["balance"] == 0
    assert CashTransaction.objects.count() == 1
