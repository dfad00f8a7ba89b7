"""Ingestion: provider answers -> the database, one atomic batch per symbol and dataset, bulk upserts only.

The provider is called before any transaction opens, so a provider error (rate limit, premium, bad answer) never
touches stored rows. Each batch runs in `transaction.atomic`; a failure inside it writes nothing. Status rows say
where every symbol and step stands; domain events go out only after the batch commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Field, Max
from django.utils import timezone

from core.currencies import currency_codes
from core.symbols import normalize_symbol
from stocks import signals
from stocks.models import (
    BalanceSheet,
    CashFlowStatement,
    CorporateAction,
    DailyPrice,
    IncomeStatement,
    IngestionState,
    IngestionStatus,
    IngestionStep,
    Stock,
    WeeklyPrice,
)
from stocks.providers.base import (
    CompanyOverview,
    CorporateActionEvent,
    CorporateActions,
    Interval,
    IntradaySeries,
    MarketDataProvider,
    OutputSize,
    PriceBar,
    PriceBars,
    PriceSeries,
    Quote,
    RejectedRow,
    Statements,
)
from stocks.providers.errors import ProviderError, ProviderRateLimitedError
from stocks.providers.registry import get_provider
from stocks.schedule import last_closed_session, sessions_between
from stocks.services.corporate_actions import StoredCloses, corporate_actions_check, stored_closes_get
from stocks.services.intraday import intraday_bars_upsert

logger = logging.getLogger(__name__)

Statement = TypeVar("Statement", BalanceSheet, IncomeStatement, CashFlowStatement)

CENTS = Decimal("0.01")  # statement amounts are stored with two decimals
COMPACT_WINDOW = 100  # bars a compact answer holds (Alpha Vantage's outputsize=compact)
REFETCH_SESSIONS = 5  # re-read the last sessions on every refresh to pick up vendor corrections
BAR_UPDATE_FIELDS = ["open_price", "high_price", "low_price", "close_price", "volume", "source", "fetched_at"]
BAR_COMPARED_FIELDS = BAR_UPDATE_FIELDS[:-1]  # an unchanged bar keeps its row (and its fetched_at) untouched
STATEMENT_META_FIELDS = ["fiscal_date_ending", "reported_currency", "source", "fetched_at"]
STOCK_OVERVIEW_FIELDS = frozenset(
    f.name
    for f in Stock._meta.concrete_fields
    if f.name not in {"symbol", "source", "history_partial", "data_version", "created_at", "updated_at"}
)
ALL_STEPS: tuple[IngestionStep, ...] = (
    IngestionStep.QUOTE,
    IngestionStep.OVERVIEW,
    IngestionStep.DAILY,
    IngestionStep.WEEKLY,
    IngestionStep.FINANCIALS,
    IngestionStep.CORPORATE_ACTIONS,
)


@dataclass(slots=True)
class IngestionResult:
    """What one step did for one symbol: shown by commands and returned by tasks.

    `rows_written` counts rows inserted or changed: re-running an unchanged refresh writes 0.
    """

    symbol: str
    step: str
    state: str
    rows_written: int = 0
    rows_rejected: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    reason: str = ""
    retry_at: dt.datetime | None = None
    error: ProviderError | DatabaseError | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "step": self.step,
            "state": self.state,
            "rows_written": self.rows_written,
            "rows_rejected": self.rows_rejected,
            "reason": self.reason,
            "retry_at": self.retry_at.isoformat() if self.retry_at else None,
        }


# Writers: each runs inside the caller's transaction and issues a bounded number of queries. -------------------------


def price_bars_upsert(
    *, symbol: str, interval: Interval, bars: Sequence[PriceBar], source: str, fetched_at: dt.datetime
) -> int:
    """Insert or update `bars` for `symbol` with INSERT ... ON CONFLICT DO UPDATE; returns the rows that changed.

    PostgreSQL: the bars' columns go by one binary COPY into a temporary staging table and one INSERT ... SELECT
    (with ON CONFLICT when stored bars overlap the batch's dates) moves them over, so no per-bar Python object is
    built or bound (with array parameters, 500,000 bars spent more time in Python than in the database,
    bench/ingest.py). SQLite gets one prepared statement run over all rows (executemany).
    """
    if not bars:
        return 0
    model: type[DailyPrice] | type[WeeklyPrice] = DailyPrice if interval == "daily" else WeeklyPrice
    qn = connection.ops.quote_name
    columns = [qn(_column(model, name)) for name in ("stock", "date", *BAR_UPDATE_FIELDS)]
    stored = ", ".join(f"existing.{qn(_column(model, name))}" for name in BAR_COMPARED_FIELDS)
    incoming = ", ".join(f"excluded.{qn(_column(model, name))}" for name in BAR_COMPARED_FIELDS)
    # SQLite before 3.39 has no IS DISTINCT FROM; its null-safe IS NOT means the same for row values.
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    upsert = f"""
        ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET
            {", ".join(f"{column} = excluded.{column}" for column in columns[2:])}
        WHERE ({stored}) {distinct} ({incoming})
    """
    table = f"{qn(model._meta.db_table)} AS existing ({', '.join(columns)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING_TABLE} (d date, o bigint, h bigint, l bigint, c bigint, v bigint) "
                "ON COMMIT DROP"
            )
            columnar = PriceBars.from_bars(bars)
            with cursor.cursor.copy(f"COPY {STAGING_TABLE} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(_copy_binary(columnar))
            overlaps = _stored_bars_overlap(cursor, model, symbol, columnar)
            cursor.execute(
                f"""INSERT INTO {table}
                    SELECT %s, s.d, s.o * 0.0001, s.h * 0.0001, s.l * 0.0001, s.c * 0.0001, s.v, %s, %s
                    FROM {STAGING_TABLE} AS s
                    {upsert if overlaps else ""}""",  # noqa: S608 - identifiers come from the model, values are parameters
                [symbol, source, fetched_at],
            )
            written = cursor.rowcount
            cursor.execute(f"DROP TABLE {STAGING_TABLE}")
        else:
            fetched = connection.ops.adapt_datetimefield_value(fetched_at)
            cursor.executemany(
                f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) {upsert}",  # noqa: S608
                [
                    (
                        symbol,
                        bar.date.isoformat(),
                        str(bar.open),
                        str(bar.high),
                        str(bar.low),
                        str(bar.close),
                        bar.volume,
                        source,
                        fetched,
                    )
                    for bar in bars
                ],
            )
            written = cursor.rowcount
    return written


def _stored_bars_overlap(
    cursor: Any, model: type[DailyPrice] | type[WeeklyPrice], symbol: str, bars: PriceBars
) -> bool:
    """Whether a stored bar of `symbol` falls in the dates of `bars`, with the stock's row locked until commit.

    Every bar writer takes that lock here (and the data_version bump takes it anyway), so a "no" stays true until
    this transaction's INSERT: which can then go without ON CONFLICT, whose speculative insertion costs about a
    third of a first load's time (bench/ingest.py).
    """
    qn = connection.ops.quote_name
    stock_table, stock_key = qn(Stock._meta.db_table), qn(Stock._meta.pk.column)
    cursor.execute(f"SELECT 1 FROM {stock_table} WHERE {stock_key} = %s FOR NO KEY UPDATE", [symbol])  # noqa: S608
    symbol_column, date_column = qn(_column(model, "stock")), qn(_column(model, "date"))
    cursor.execute(
        f"SELECT EXISTS (SELECT 1 FROM {qn(model._meta.db_table)} WHERE {symbol_column} = %s "  # noqa: S608
        f"AND {date_column} BETWEEN %s AND %s)",
        [symbol, bars.dates.min().item(), bars.dates.max().item()],
    )
    return bool(cursor.fetchone()[0])


STAGING_TABLE = "ingest_bars_staging"
# PostgreSQL's binary COPY: a signature, flags and header extension, then per row a field count and each field as
# its length and big-endian value (date: days since 2000-01-01; bigint: 8 bytes), then -1 (postgresql.org/docs/
# current/sql-copy.html, "Binary Format"). Every field here has a fixed width, so numpy packs all rows at once.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_COPY_TRAILER = b"\xff\xff"
_COPY_ROW = np.dtype(
    [("fields", ">i2"), ("date_length", ">i4"), ("date", ">i4")]
    + [item for name in "ohlcv" for item in ((f"{name}_length", ">i4"), (name, ">i8"))]
)
_PG_EPOCH = np.datetime64("2000-01-01", "D")


def _copy_binary(bars: PriceBars) -> bytes:
    rows = np.empty(len(bars), dtype=_COPY_ROW)
    rows["fields"] = 6
    rows["date_length"] = 4
    rows["date"] = (bars.dates - _PG_EPOCH).astype(np.int64)
    for name, column in zip("ohlcv", (bars.open, bars.high, bars.low, bars.close, bars.volume), strict=True):
        rows[f"{name}_length"] = 8
        rows[name] = column
    return _COPY_HEADER + rows.tobytes() + _COPY_TRAILER


def _column(model: type[DailyPrice] | type[WeeklyPrice], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)
    return str(field.column)


def statements_upsert(
    *, symbol: str, model: type[Statement], statements: Statements, source: str, fetched_at: dt.datetime
) -> int:
    """Upsert annual and quarterly reports; returns how many reports were created or changed.

    Not ON CONFLICT: annual rows have fiscal_quarter NULL and are covered by a second, partial unique constraint.
    So the stored reports are read once, new periods go to one bulk_create and only periods whose values changed
    to one bulk_update (rewriting every unchanged report cost ~0.6 s per statement type and symbol on SQLite).
    """
    manager = model._default_manager
    reports = statements.annual + statements.quarterly
    item_fields: list[str] = sorted({name for report in reports for name in report.items})
    compared: list[str] = ["fiscal_date_ending", "reported_currency", "source", *item_fields]
    stored = {
        (row["period_type"], row["fiscal_year"], row["fiscal_quarter"]): row
        for row in manager.filter(stock_id=symbol).values(
            "pk", "period_type", "fiscal_year", "fiscal_quarter", *compared
        )
    }
    to_create, to_update = [], []
    for report in reports:
        quarter = report.fiscal_quarter if report.period_type == "quarterly" else None
        values: dict[str, Any] = {
            "fiscal_date_ending": report.fiscal_date_ending,
            "reported_currency": report.reported_currency,
            "source": source,
            **{name: None if value is None else value.quantize(CENTS) for name, value in report.items.items()},
        }
        row = model(
            stock_id=symbol,
            period_type=report.period_type,
            fiscal_year=report.fiscal_year,
            fiscal_quarter=quarter,
            fetched_at=fetched_at,
            **values,
        )
        old = stored.get((report.period_type, report.fiscal_year, quarter))
        if old is None:
            to_create.append(row)
        elif any(old[name] != values.get(name) for name in compared):
            row.pk = old["pk"]
            to_update.append(row)
    if to_update:
        manager.bulk_update(to_update, fields=[*compared, "fetched_at"], batch_size=100)
    if to_create:
        manager.bulk_create(to_create, batch_size=500)
    return len(to_create) + len(to_update)


def corporate_actions_upsert(
    *, symbol: str, events: Iterable[CorporateActionEvent], source: str, fetched_at: dt.datetime
) -> int:
    """Insert new events and update those whose ratio or amount changed; returns how many did.

    An event already stored with the same value keeps its row, its source and its fetch time, so re-reading a
    provider's (or another source's) list of the same events changes nothing and bumps no data version.
    """
    stored = {
        (kind, ex_date): (ratio, amount, pk)
        for pk, kind, ex_date, ratio, amount in CorporateAction.objects.filter(stock_id=symbol).values_list(
            "pk", "kind", "ex_date", "ratio", "amount"
        )
    }
    to_create, to_update = [], []
    for event in events:
        ratio = event.value if event.kind == "split" else None
        amount = event.value if event.kind == "dividend" else None
        row = CorporateAction(
            stock_id=symbol,
            kind=event.kind,
            ex_date=event.ex_date,
            ratio=ratio,
            amount=amount,
            source=source,
            fetched_at=fetched_at,
        )
        old = stored.get((event.kind, event.ex_date))
        if old is None:
            to_create.append(row)
        elif (old[0], old[1]) != (ratio, amount):
            row.pk = old[2]
            to_update.append(row)
    if to_update:
        CorporateAction.objects.bulk_update(
            to_update, fields=["ratio", "amount", "source", "fetched_at"], batch_size=500
        )
    if to_create:
        CorporateAction.objects.bulk_create(to_create, batch_size=1_000)
    return len(to_create) + len(to_update)


def stock_quote_store(*, symbol: str, quote: Quote, fetched_at: dt.datetime) -> int:
    return Stock.objects.filter(pk=symbol).update(
        real_time_price=quote.price,
        open_price=quote.open,
        high_price=quote.high,
        low_price=quote.low,
        volume=quote.volume if quote.volume is None or quote.volume >= 0 else None,
        previous_close=quote.previous_close,
        change=quote.change,
        change_percent=quote.change_percent,
        latest_trading_day=quote.latest_trading_day,
        quote_fetched_at=fetched_at,
    )


def stock_overview_store(*, symbol: str, overview: CompanyOverview, source: str, fetched_at: dt.datetime) -> int:
    values = {name: value for name, value in overview.fields.items() if name in STOCK_OVERVIEW_FIELDS}
    text_fields = {f.name for f in Stock._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")}
    values = {name: ("" if value is None and name in text_fields else value) for name, value in values.items()}
    if "currency" in values:  # kept only when it is an ISO 4217 code: holdings convert from it
        code = str(values["currency"]).strip().upper()
        values["currency"] = code if code in currency_codes() else ""
    return Stock.objects.filter(pk=symbol).update(**values, source=source, overview_fetched_at=fetched_at)


def stock_ensure(*, symbol: str, source: str) -> Stock:
    """The Stock row for `symbol`, created (with only its symbol and source) when missing."""
    stock, _ = Stock.objects.get_or_create(symbol=symbol, defaults={"source": source})
    return stock


# Status ------------------------------------------------------------------------------------------------------------


def ingestion_status_set(*, symbol: str, step: str, state: str, **values: Any) -> None:
    IngestionStatus.objects.update_or_create(stock_id=symbol, step=step, defaults={"state": state, **values})


# Planning ----------------------------------------------------------------------------------------------------------


def daily_outputsize(*, symbol: str, full: bool, today: dt.date | None = None) -> OutputSize:
    """ "full" when asked, when nothing is stored or when the stored history is older than a compact answer covers
    (minus the sessions re-read for corrections); "compact" otherwise."""
    if full:
        return "full"
    last = DailyPrice.objects.filter(stock_id=symbol).aggregate(last=Max("date"))["last"]
    if last is None:
        return "full"
    missing = sessions_between(last, today or last_closed_session(timezone.now()))
    return "compact" if missing + REFETCH_SESSIONS <= COMPACT_WINDOW else "full"


# The step runner ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fetched:
    """A provider answer, held in memory until the batch transaction writes it."""

    write: Callable[[dt.datetime], int]
    rows_rejected: list[RejectedRow] = field(default_factory=list)
    partial_reason: str = ""
    after_commit: Callable[[], object] | None = None
    stock_updates: dict[str, Any] = field(default_factory=dict)
    version_field: str = "data_version"  # the Stock counter that caches of this data key on


def _series_fetched(symbol: str, series: PriceSeries, source: str, outputsize: OutputSize) -> _Fetched:
    if not series.bars and series.rejected:
        first = series.rejected[0]
        raise _AllRowsRejectedError(
            f"all {len(series.rejected)} bars were rejected, e.g. {first.where}: {first.reason}", series.rejected
        )
    interval = series.interval
    last_date = series.bars[-1].date if series.bars else None
    updates: dict[str, Any] = {}
    if interval == "daily" and outputsize == "full":
        updates["history_partial"] = series.partial_history
    reason = (
        "Full history needs a premium plan; only the most recent bars were stored." if series.partial_history else ""
    )
    return _Fetched(
        write=lambda at: price_bars_upsert(
            symbol=symbol, interval=interval, bars=series.bars, source=source, fetched_at=at
        ),
        rows_rejected=series.rejected,
        partial_reason=reason,
        stock_updates=updates,
        after_commit=lambda: signals.bars_stored.send(
            sender=Stock, symbol=symbol, interval=interval, last_date=last_date
        ),
    )


def _intraday_fetched(symbol: str, series: IntradaySeries, source: str) -> _Fetched:
    """5-minute bars bump the stock's intraday version, not its data version: they change every few minutes and
    must not invalidate daily charts, indicators or predictions."""
    if not series.bars:
        first = series.rejected[0] if series.rejected else None
        raise _AllRowsRejectedError(
            f"all {len(series.rejected)} bars were rejected, e.g. {first.where}: {first.reason}"
            if first
            else f"the provider sent no regular-session 5-minute bars for {symbol}",
            series.rejected,
        )
    return _Fetched(
        write=lambda at: intraday_bars_upsert(symbol=symbol, bars=series.bars, source=source, fetched_at=at),
        rows_rejected=series.rejected,
        version_field="intraday_version",
    )


def _actions_fetched(
    symbol: str, actions: CorporateActions, source: str, *, daily: StoredCloses, weekly: StoredCloses
) -> _Fetched:
    checked = corporate_actions_check(actions, daily=daily, weekly=weekly)
    if not checked.events and checked.rejected:
        first = checked.rejected[0]
        raise _AllRowsRejectedError(
            f"all {len(checked.rejected)} events were refused, e.g. {first.where}: {first.reason}", checked.rejected
        )
    return _Fetched(
        write=lambda at: corporate_actions_upsert(symbol=symbol, events=checked.events, source=source, fetched_at=at),
        rows_rejected=checked.rejected,
    )


def _fetch(provider: MarketDataProvider, symbol: str, step: str, full: bool) -> _Fetched:
    source = provider.name
    if step == IngestionStep.QUOTE:
        quote = provider.quote(symbol)
        return _Fetched(
            write=lambda at: stock_quote_store(symbol=symbol, quote=quote, fetched_at=at),
            after_commit=lambda: signals.quote_stored.send(sender=Stock, symbol=symbol),
        )
    if step == IngestionStep.OVERVIEW:
        overview = provider.overview(symbol)
        return _Fetched(
            write=lambda at: stock_overview_store(symbol=symbol, overview=overview, source=source, fetched_at=at)
        )
    if step in (IngestionStep.DAILY, IngestionStep.WEEKLY):
        interval: Interval = "daily" if step == IngestionStep.DAILY else "weekly"
        outputsize: OutputSize = daily_outputsize(symbol=symbol, full=full) if interval == "daily" else "full"
        return _series_fetched(symbol, provider.price_series(symbol, interval, outputsize), source, outputsize)
    if step == IngestionStep.FINANCIALS:
        balance = provider.balance_sheets(symbol)
        income = provider.income_statements(symbol)
        cash = provider.cash_flows(symbol)

        def write_statements(at: dt.datetime) -> int:
            return (
                statements_upsert(symbol=symbol, model=BalanceSheet, statements=balance, source=source, fetched_at=at)
                + statements_upsert(
                    symbol=symbol, model=IncomeStatement, statements=income, source=source, fetched_at=at
                )
                + statements_upsert(
                    symbol=symbol, model=CashFlowStatement, statements=cash, source=source, fetched_at=at
                )
            )

        return _Fetched(
            write=write_statements,
            rows_rejected=balance.rejected + income.rejected + cash.rejected,
        )
    if step == IngestionStep.INTRADAY:
        return _intraday_fetched(symbol, provider.intraday_series(symbol), source)
    if step == IngestionStep.CORPORATE_ACTIONS:
        daily, weekly = stored_closes_get(symbol=symbol)
        if not daily.dates and not weekly.dates:
            raise _NoPricesError(
                f"No prices of {symbol} are stored yet: splits and dividends are checked against them, so they are "
                "fetched after the prices."
            )
        return _actions_fetched(symbol, provider.corporate_actions(symbol), source, daily=daily, weekly=weekly)
    raise ValueError(f"Unknown ingestion step '{step}': use one of {', '.join(ALL_STEPS)}.")


class _NoPricesError(Exception):
    """Events cannot be checked before the symbol has prices: the step fails without calling the provider (the
    planner plans it again once daily bars are stored)."""


class _AllRowsRejectedError(Exception):
    """Every row of the answer failed the sanity checks; nothing is written."""

    def __init__(self, message: str, rejected: list[RejectedRow]) -> None:
        super().__init__(message)
        self.rejected = rejected


def ingestion_run(
    *, symbol: str, step: str, provider: MarketDataProvider | None = None, full: bool = False
) -> IngestionResult:
    """Fetch one dataset for one symbol and store it atomically, recording the outcome in IngestionStatus.

    Provider and database errors are recorded (failed, or waiting_for_quota with retry_at) and returned in
    `result.error` for the caller (a task retries, a command reports); stored data is never half-overwritten.
    """
    symbol = normalize_symbol(symbol)
    step = IngestionStep(step)
    try:
        provider = provider or get_provider()
    except ProviderError as exc:  # e.g. Alpha Vantage chosen but no API key configured
        stock_ensure(symbol=symbol, source=settings.MARKET_DATA_PROVIDER)
        return _failed(symbol, step, exc)
    with transaction.atomic():
        stock_ensure(symbol=symbol, source=provider.name)
        ingestion_status_set(
            symbol=symbol,
            step=step,
            state=IngestionState.RUNNING,
            started_at=timezone.now(),
            finished_at=None,
            reason="",
            retry_at=None,
        )
    try:
        fetched = _fetch(provider, symbol, step, full)
    except ProviderRateLimitedError as exc:
        retry_at = timezone.now() + dt.timedelta(seconds=exc.retry_after)
        ingestion_status_set(
            symbol=symbol,
            step=step,
            state=IngestionState.WAITING_FOR_QUOTA,
            reason=str(exc),
            retry_at=retry_at,
            finished_at=timezone.now(),
        )
        return IngestionResult(
            symbol, step, IngestionState.WAITING_FOR_QUOTA, reason=str(exc), retry_at=retry_at, error=exc
        )
    except _NoPricesError as exc:
        return _failed(symbol, step, exc)
    except _AllRowsRejectedError as exc:
        return _failed(symbol, step, exc, rejected=exc.rejected)
    except ProviderError as exc:
        return _failed(symbol, step, exc)
    except Exception as exc:  # a bug or an outage we did not foresee: recorded, so the step never stays "running"
        _failed(symbol, step, exc)
        raise
    return _store(symbol, step, fetched)


def price_series_import(*, series: PriceSeries, source: str) -> IngestionResult:
    """Store an already parsed price series (a CSV import) as one atomic batch, with status and events."""
    symbol = normalize_symbol(series.symbol)
    step = IngestionStep.DAILY if series.interval == "daily" else IngestionStep.WEEKLY
    stock_ensure(symbol=symbol, source=source)
    try:
        fetched = _series_fetched(symbol, series, source, outputsize="compact")
    except _AllRowsRejectedError as exc:
        return _failed(symbol, step, exc, rejected=exc.rejected)
    return _store(symbol, step, fetched, started_at=timezone.now())


def corporate_actions_import(*, actions: CorporateActions, source: str) -> IngestionResult:
    """Store already parsed splits and dividends (a CSV import) after checking them against the stored prices."""
    symbol = normalize_symbol(actions.symbol)
    step = IngestionStep.CORPORATE_ACTIONS
    if not Stock.objects.filter(pk=symbol).exists():
        return IngestionResult(
            symbol, step, IngestionState.FAILED, reason=f"refused: no stock {symbol} is stored; import its prices first"
        )
    daily, weekly = stored_closes_get(symbol=symbol)
    try:
        fetched = _actions_fetched(symbol, actions, source, daily=daily, weekly=weekly)
    except _AllRowsRejectedError as exc:
        return _failed(symbol, step, exc, rejected=exc.rejected)
    return _store(symbol, step, fetched, started_at=timezone.now())


def _store(symbol: str, step: str, fetched: _Fetched, *, started_at: dt.datetime | None = None) -> IngestionResult:
    """One transaction: the rows, the stock's data version and the step's final status commit together.

    `started_at` is given when no "running" status was recorded before (imports).
    """
    rejected = fetched.rows_rejected
    reasons = [fetched.partial_reason] if fetched.partial_reason else []
    if rejected:
        reasons.append(f"{len(rejected)} rows rejected, e.g. {rejected[0].where}: {rejected[0].reason}")
    state = IngestionState.PARTIAL if reasons else IngestionState.DONE
    reason = " ".join(reasons)
    now = timezone.now()
    try:
        with transaction.atomic():
            written = fetched.write(now)
            # Caches and predictions key on the data version: bump it only when a row actually changed.
            bump = {fetched.version_field: F(fetched.version_field) + 1} if written else {}
            if bump or fetched.stock_updates:
                Stock.objects.filter(pk=symbol).update(**bump, **fetched.stock_updates)
                # robust: the batch is committed by then; a failing receiver is logged, not a failed step.
                transaction.on_commit(lambda: signals.stock_data_changed.send(sender=Stock, symbol=symbol), robust=True)
            ingestion_status_set(
                symbol=symbol,
                step=step,
                state=state,
                rows_written=written,
                rows_rejected=len(rejected),
                reason=reason,
                finished_at=timezone.now(),
                retry_at=None,
                **({"started_at": started_at} if started_at is not None else {}),
            )
            if fetched.after_commit is not None:
                transaction.on_commit(fetched.after_commit, robust=True)
    except DatabaseError as exc:
        logger.exception("Storing %s %s failed; nothing of this batch was written", symbol, step)
        return _failed(symbol, step, exc)
    except Exception as exc:  # rolled back like a database error, recorded, and raised for the task to report
        _failed(symbol, step, exc)
        raise
    return IngestionResult(symbol, step, state, written, len(rejected), rejected, reason)


def _failed(symbol: str, step: str, exc: Exception, rejected: list[RejectedRow] | None = None) -> IngestionResult:
    reason = str(exc) or type(exc).__name__
    rejected = rejected or []
    ingestion_status_set(
        symbol=symbol,
        step=step,
        state=IngestionState.FAILED,
        reason=reason,
        finished_at=timezone.now(),
        rows_written=0,
        rows_rejected=len(rejected),
    )
    error = exc if isinstance(exc, ProviderError | DatabaseError) else None
    return IngestionResult(
        symbol, step, IngestionState.FAILED, rows_rejected=len(rejected), rejected=rejected, reason=reason, error=error
    )
