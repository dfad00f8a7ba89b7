"""Refresh status: provider quota, market hours, per symbol and dataset data age and the next planned refresh,
and failure handling (dead letters, the latest consistency check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils import timezone

from stocks.models import IngestionState, IngestionStatus
from stocks.schedule import Dataset, MarketState, market_state
from stocks.selectors.failures import Consistency, DeadLetters, consistency_get, dead_letters_get
from stocks.selectors.stalled import stalled_before
from stocks.services import planner


@dataclass(frozen=True, slots=True)
class DatasetStatus:
    as_of: dt.datetime | None  # last successful refresh
    next_refresh: dt.datetime | None  # None when none is planned (quota spent)
    error: str | None  # reason of the last failure, if the last try failed
    stalled: bool = False  # running for longer than the visibility timeout: its worker died


@dataclass(frozen=True, slots=True)
class ModelDrift:
    """Feature drift found by the symbol's latest training run: stable, watch or drift, and its worst feature."""

    flag: str
    worst_feature: str
    worst_psi: float
    measured_at: dt.datetime


# The models live in an app above stocks (ml_models), which registers how to read their drift when it loads.
ModelDriftReader = Callable[[Sequence[str]], Mapping[str, ModelDrift]]
_model_drift_readers: list[ModelDriftReader] = []


def model_drift_reader_register(reader: ModelDriftReader) -> None:
    """Have the refresh status show what `reader` says of each symbol's model drift (once per reader)."""
    if reader not in _model_drift_readers:
        _model_drift_readers.append(reader)


@dataclass(frozen=True, slots=True)
class SymbolStatus:
    symbol: str
    datasets: Mapping[str, DatasetStatus]  # by Dataset value: quote, overview, daily, ...
    intraday_interest: Sequence[str] = ()  # held, watched, viewing: why its 5-minute bars are kept fresh
    model_drift: ModelDrift | None = None  # None before a model was trained on it

    @property
    def as_of(self) -> dt.datetime | None:
        return self.datasets[Dataset.QUOTE.value].as_of

    @property
    def next_refresh(self) -> dt.datetime | None:
        return self.datasets[Dataset.QUOTE.value].next_refresh


@dataclass(frozen=True, slots=True)
class RefreshStatus:
    provider: str
    quota: planner.Budget
    market: MarketState
    quote_period: dt.timedelta | None
    symbols: Sequence[SymbolStatus]  # by symbol
    dead_letters: DeadLetters
    consistency: Consistency

    @property
    def quote_period_seconds(self) -> float | None:
        return self.quote_period.total_seconds() if self.quote_period else None


def refresh_status_get(*, symbols: Sequence[str] | None = None, now: dt.datetime | None = None) -> RefreshStatus:
    """Quota, market hours and, per symbol, data age and the next planned refresh (the refresh-status endpoint)."""
    now = now or timezone.now()
    provider, budget = planner.refresh_budget_get()
    candidates = planner.refresh_candidates_get()
    plan = planner.refresh_plan_configured(candidates=candidates, budget=budget, now=now)
    wanted = set(symbols) if symbols is not None else None
    failures = {
        (row["stock_id"], row["step"]): row["reason"]
        for row in IngestionStatus.objects.filter(state=IngestionState.FAILED).values("stock_id", "step", "reason")
    }
    stalled = set(
        IngestionStatus.objects.filter(state=IngestionState.RUNNING, started_at__lt=stalled_before(now)).values_list(
            "stock_id", "step"
        )
    )
    datasets: dict[str, dict[str, DatasetStatus]] = {}
    interest: dict[str, list[str]] = {}
    for c in candidates:
        if wanted is not None and c.symbol not in wanted:
            continue
        interest[c.symbol] = c.intraday_interest
        datasets.setdefault(c.symbol, {})[c.dataset.value] = DatasetStatus(
            as_of=c.as_of,
            next_refresh=plan.next_refresh.get((c.symbol, c.dataset)),
            error=failures.get((c.symbol, c.dataset.value)),
            stalled=(c.symbol, c.dataset.value) in stalled,
        )
    drift: dict[str, ModelDrift] = {}
    for reader in _model_drift_readers:
        drift.update(reader(sorted(datasets)))
    return RefreshStatus(
        provider=provider,
        quota=budget,
        market=market_state(now),
        quote_period=plan.quote_period,
        symbols=[
            SymbolStatus(symbol, datasets[symbol], interest[symbol], drift.get(symbol)) for symbol in sorted(datasets)
        ],
        dead_letters=dead_letters_get(),
        consistency=consistency_get(),
    )
