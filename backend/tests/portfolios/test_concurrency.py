"""Concurrent writes on PostgreSQL: two sales racing for the same shares never oversell the holding."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from core.exceptions import ApplicationError
from portfolios.models import Holding, Transaction
from portfolios.services.holdings import holding_open, transaction_create
from tests.conftest import POSTGRES
from tests.portfolios.factories import new_stock, new_user

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not POSTGRES,
        reason="needs PostgreSQL (DATABASE_URL; CI sets it): SQLite lets one writer in at a time, so there is no race",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_sales_of_all_shares_sell_them_once() -> None:
    user = new_user()
    holding = holding_open(
        user=user, stock=new_stock(symbol="AAPL"), quantity=Decimal(10), price=Decimal(100), date=dt.date(2024, 1, 2)
    )
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def sell() -> None:
        start.wait()
        try:
            transaction_create(
                user=user,
                symbol="AAPL",
                kind="sell",
                date=dt.date(2024, 1, 3),
                quantity=Decimal(10),
                price=Decimal(110),
            )
            outcomes.append("sold")
        except ApplicationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sell) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["insufficient_quantity", "sold"]
    assert Holding.objects.get(pk=holding.pk).quantity == 0
    assert Transaction.objects.filter(holding=holding, kind="sell").count() == 1
