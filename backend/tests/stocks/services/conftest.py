"""A small, clock-pinned simulated market and a provider whose answers a test can replace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from stocks.providers.base import PriceSeries
from stocks.providers.simulated.provider import SimulatedProvider
from stocks.providers.simulated.universe import LISTINGS

AFTER_CLOSE = dt.datetime(2026, 11, 25, 22, 0, tzinfo=dt.UTC)


@dataclass
class ScriptedProvider:
    """The simulated provider, except for the methods a test scripts (a value to return or an error to raise)."""

    inner: SimulatedProvider
    scripted: dict[str, Callable[..., Any]] = field(default_factory=dict)
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    name: str = "simulated"
    calls_unlimited: bool = True

    def __getattr__(self, method: str) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            self.calls.append((method, args))
            if method in self.scripted:
                return self.scripted[method](*args)
            return getattr(self.inner, method)(*args)

        return call

    def raise_on(self, method: str, error: Exception) -> None:
        def fail(*_args: Any) -> Any:
            raise error

        self.scripted[method] = fail

    def series_on(self, series: PriceSeries) -> None:
        self.scripted["price_series"] = lambda *_args: series


@pytest.fixture
def simulated() -> SimulatedProvider:
    return SimulatedProvider(
        seed=42, universe=[LISTINGS["KO"], LISTINGS["AAPL"], LISTINGS["SPY"]], clock=lambda: AFTER_CLOSE
    )


@pytest.fixture
def provider(simulated: SimulatedProvider) -> ScriptedProvider:
    return ScriptedProvider(simulated)
