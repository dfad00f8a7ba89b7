"""`load_demo_data`: the simulated universe, idempotent, announced with demo_data_loaded."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from stocks import signals
from stocks.models import (
    BalanceSheet,
    CorporateAction,
    DailyPrice,
    EconomicObservation,
    IntradayPrice,
    Stock,
    WeeklyPrice,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Stock.objects.count(),
        DailyPrice.objects.count(),
        WeeklyPrice.objects.count(),
        BalanceSheet.objects.count(),
        CorporateAction.objects.count(),
        IntradayPrice.objects.count(),
    )


def test_demo_subset_loads_once_and_reloads_to_the_same_rows() -> None:
    received: list[Any] = []
    signals.demo_data_loaded.connect(lambda **kw: received.append(kw["symbols"]), weak=False, dispatch_uid="t-demo")
    try:
        call_command("load_demo_data", "--symbols", "KO,SPY", stdout=io.StringIO())
        first = counts()
        output = io.StringIO()
        call_command("load_demo_data", "--symbols", "KO,SPY", stdout=output)
    finally:
        signals.demo_data_loaded.disconnect(dispatch_uid="t-demo")
    assert counts() == first
    assert first[1] > 2 * 4_900
    assert first[3] > 0
    # The demo's 1D and 5D charts have 5-minute bars at once: five sessions of each symbol (at most one a half day).
    assert first[5] >= 2 * (4 * 78 + 42)
    assert set(DailyPrice.objects.values_list("source", flat=True)) == {"simulated"}
    assert Stock.objects.get(pk="SPY").asset_type == "ETF"
    assert received == [["KO", "SPY"], ["KO", "SPY"]]
    assert "Demo universe loaded: 2 symbols and 6 US economic indicators" in output.getvalue()
    assert EconomicObservation.objects.filter(indicator__name="CPI", source="simulated").count() > 300


def test_unknown_demo_symbol_is_refused() -> None:
    with pytest.raises(CommandError, match="ZZZ not in the demo universe"):
        call_command("load_demo_data", "--symbols", "KO,ZZZ", stdout=io.StringIO())
