"""factory_boy factories for the portfolios app's models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from portfolios.models import Alert, AlertKind, Holding, Transaction, TransactionKind, WatchlistEntry
from stocks.models import Stock
from tests.factories import StockFactory, UserFactory
from users.models import User


class HoldingFactory(factory.django.DjangoModelFactory[Holding]):
    class Meta:
        model = Holding

    user = factory.SubFactory(UserFactory)
    stock = factory.SubFactory(StockFactory)


class TransactionFactory(factory.django.DjangoModelFactory[Transaction]):
    """A ledger row written directly; call portfolios services when the holding's totals must follow."""

    class Meta:
        model = Transaction

    holding = factory.SubFactory(HoldingFactory)
    kind = TransactionKind.BUY
    date = dt.date(2024, 1, 2)
    quantity = Decimal(10)
    price = Decimal(100)
    fee = Decimal(0)


class WatchlistEntryFactory(factory.django.DjangoModelFactory[WatchlistEntry]):
    class Meta:
        model = WatchlistEntry

    user = factory.SubFactory(UserFactory)
    stock = factory.SubFactory(StockFactory)


class AlertFactory(factory.django.DjangoModelFactory[Alert]):
    class Meta:
        model = Alert

    user = factory.SubFactory(UserFactory)
    stock = factory.SubFactory(StockFactory)
    kind = AlertKind.PRICE_ABOVE
    threshold = Decimal(150)


def new_user(**kwargs: object) -> User:
    """UserFactory with its model type, for typed test code."""
    user = UserFactory(**kwargs)
    assert isinstance(user, User)
    return user


def new_stock(**kwargs: object) -> Stock:
    """StockFactory with its model type, for typed test code."""
    stock = StockFactory(**kwargs)
    assert isinstance(stock, Stock)
    return stock
