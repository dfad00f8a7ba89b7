"""The database itself refuses rows that break the data rules, and nothing already stored is lost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from stocks.models import BalanceSheet, CorporateAction, DailyPrice, IncomeStatement, Stock, WeeklyPrice
from tests.factories import DailyPriceFactory, StockFactory

pytestmark = pytest.mark.django_db


def _bar(stock: Stock, **overrides: Any) -> DailyPrice:
    values: dict[str, Any] = {
        "stock": stock,
        "date": dt.date(2024, 3, 1),
        "open_price": Decimal("10"),
        "high_price": Decimal("12"),
        "low_price": Decimal("9"),
        "close_price": Decimal("11"),
        "volume": 100,
        "fetched_at": timezone.now(),
    }
    values.update(overrides)
    return DailyPrice(**values)


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"high_price": Decimal("8")}, id="high-below-low"),
        pytest.param({"low_price": Decimal("10.5")}, id="low-above-open"),
        pytest.param({"close_price": Decimal("12.5")}, id="close-above-high"),
        pytest.param({"open_price": Decimal("8.5")}, id="open-below-low"),
        pytest.param({"volume": -1}, id="negative-volume"),
        pytest.param({"low_price": Decimal("0"), "open_price": Decimal("0")}, id="zero-price"),
    ],
)
def test_bad_bars_are_refused_by_the_database(overrides: dict[str, Any]) -> None:
    stock = StockFactory.create(symbol="AAA")
    kept = DailyPriceFactory.create(stock=stock, date=dt.date(2024, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyPrice.objects.bulk_create([_bar(stock, **overrides)])
    assert list(DailyPrice.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_duplicate_date_is_refused_and_the_stored_bar_kept() -> None:
    stock = StockFactory.create(symbol="AAA")
    stored = DailyPriceFactory.create(stock=stock, date=dt.date(2024, 3, 1), close_price=Decimal("102"))
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyPrice.objects.bulk_create([_bar(stock)])
    stored.refresh_from_db()
    assert stored.close_price == Decimal("102")
    assert DailyPrice.objects.count() == 1


def test_a_batch_with_one_bad_bar_stores_nothing() -> None:
    stock = StockFactory.create(symbol="AAA")
    good = [_bar(stock, date=dt.date(2024, 3, day)) for day in range(1, 6)]
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyPrice.objects.bulk_create([*good, _bar(stock, date=dt.date(2024, 3, 9), volume=-5)])
    assert DailyPrice.objects.count() == 0


def test_weekly_bars_have_the_same_rules() -> None:
    stock = StockFactory.create(symbol="AAA")
    bar = _bar(stock, high_price=Decimal("1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        WeeklyPrice.objects.create(
            **{f.name: getattr(bar, f.name) for f in WeeklyPrice._meta.concrete_fields if f.name != "id"}
        )


def _statement(stock: Stock, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "stock": stock,
        "period_type": "annual",
        "fiscal_year": 2024,
        "fiscal_quarter": None,
        "fiscal_date_ending": dt.date(2024, 12, 31),
        "fetched_at": timezone.now(),
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"period_type": "quarter"}, id="bad-period-type"),
        pytest.param({"period_type": "quarterly", "fiscal_quarter": 5}, id="quarter-5"),
        pytest.param({"period_type": "quarterly", "fiscal_quarter": None}, id="quarterly-without-quarter"),
        pytest.param({"period_type": "annual", "fiscal_quarter": 2}, id="annual-with-quarter"),
    ],
)
def test_bad_statement_periods_are_refused(overrides: dict[str, Any]) -> None:
    stock = StockFactory.create(symbol="AAA")
    with pytest.raises(IntegrityError), transaction.atomic():
        BalanceSheet.objects.create(**_statement(stock, **overrides))
    assert BalanceSheet.objects.count() == 0


@pytest.mark.parametrize(
    "period",
    [
        pytest.param({"period_type": "annual", "fiscal_quarter": None}, id="annual"),
        pytest.param({"period_type": "quarterly", "fiscal_quarter": 3}, id="quarterly"),
    ],
)
def test_a_duplicate_statement_period_is_refused(period: dict[str, Any]) -> None:
    stock = StockFactory.create(symbol="AAA")
    IncomeStatement.objects.create(**_statement(stock, **period))
    with pytest.raises(IntegrityError), transaction.atomic():
        IncomeStatement.objects.create(**_statement(stock, **period))
    assert IncomeStatement.objects.count() == 1


def test_corporate_actions_need_a_positive_split_ratio() -> None:
    stock = StockFactory.create(symbol="AAA")
    with pytest.raises(IntegrityError), transaction.atomic():
        CorporateAction.objects.create(
            stock=stock, kind="split", ex_date=dt.date(2024, 1, 2), ratio=Decimal("0"), fetched_at=timezone.now()
        )


def test_deleting_a_stock_removes_its_rows() -> None:
    stock = StockFactory.create(symbol="AAA")
    DailyPriceFactory.create(stock=stock)
    BalanceSheet.objects.create(**_statement(stock))
    stock.delete()
    assert DailyPrice.objects.count() == 0
    assert BalanceSheet.objects.count() == 0
