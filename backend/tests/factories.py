"""factory_boy factories for domain objects shared by every test module (call `XFactory.create(...)`: typed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from stocks.models import DailyPrice, DataSource, Stock, WeeklyPrice
from users.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery-staple")


class StockFactory(factory.django.DjangoModelFactory[Stock]):
    class Meta:
        model = Stock
        django_get_or_create = ("symbol",)

    symbol = factory.Sequence(lambda n: f"TST{n}")
    name = factory.LazyAttribute(lambda s: f"{s.symbol} Corporation")
    asset_type = "Common Stock"
    exchange = "NASDAQ"
    currency = "USD"
    country = "USA"
    sector = "TECHNOLOGY"
    source = DataSource.SIMULATED


class DailyPriceFactory(factory.django.DjangoModelFactory[DailyPrice]):
    class Meta:
        model = DailyPrice

    stock = factory.SubFactory(StockFactory)
    date = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n))
    open_price = Decimal("100.0000")
    high_price = Decimal("105.0000")
    low_price = Decimal("95.0000")
    close_price = Decimal("102.0000")
    volume = 1_000_000
    source = DataSource.SIMULATED
    fetched_at = factory.LazyFunction(timezone.now)


class WeeklyPriceFactory(factory.django.DjangoModelFactory[WeeklyPrice]):
    class Meta:
        model = WeeklyPrice

    stock = factory.SubFactory(StockFactory)
    date = factory.Sequence(lambda n: dt.date(2024, 1, 5) + dt.timedelta(weeks=n))
    open_price = Decimal("100.0000")
    high_price = Decimal("105.0000")
    low_price = Decimal("95.0000")
    close_price = Decimal("102.0000")
    volume = 5_000_000
    source = DataSource.SIMULATED
    fetched_at = factory.LazyFunction(timezone.now)
