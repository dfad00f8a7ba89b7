"""Alpha Vantage payloads (JSON and CSV bodies) -> standard models. Pure functions, no Django, no I/O.

Every function returns its result or raises a typed ProviderError saying what was wrong with the payload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from stocks.providers.alphavantage.aliases import (
    BALANCE_SHEET_FIELDS,
    CASH_FLOW_FIELDS,
    INCOME_STATEMENT_FIELDS,
    LEGACY_BALANCE_SHEET_FIELDS,
    LEGACY_CASH_FLOW_FIELDS,
    LEGACY_INCOME_STATEMENT_FIELDS,
    OVERVIEW_FIELDS,
)
from stocks.providers.base import (
    INTRADAY_MINUTES,
    CompanyOverview,
    CorporateActionKind,
    CorporateActions,
    EconomicObservation,
    EconomicSeries,
    FxSeries,
    Interval,
    IntradaySeries,
    ListedSymbol,
    PeriodKind,
    PriceSeries,
    Quote,
    RejectedRow,
    StatementReport,
    Statements,
    SymbolMatch,
)
from stocks.providers.csv.parser import NotAPriceFileError, parse_price_csv
from stocks.providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderPremiumRequired,
    ProviderRateLimitedError,
    ProviderSchemaError,
)
from stocks.providers.parsing import (
    RawBar,
    check_bars,
    check_intraday_bars,
    corporate_actions_checked,
    fx_series_checked,
    parse_date,
    parse_decimal,
    parse_int,
    parse_percent,
    parse_text,
)

StatementKind = Literal["balance_sheet", "income_statement", "cash_flow"]

NEW_YORK = ZoneInfo("America/New_York")
BURST_RETRY_SECONDS = 2.0
MINUTE_RETRY_SECONDS = 60.0

CURRENT_FIELDS: dict[StatementKind, dict[str, str]] = {
    "balance_sheet": BALANCE_SHEET_FIELDS,
    "income_statement": INCOME_STATEMENT_FIELDS,
    "cash_flow": CASH_FLOW_FIELDS,
}
LEGACY_FIELDS: dict[StatementKind, dict[str, str]] = {
    "balance_sheet": LEGACY_BALANCE_SHEET_FIELDS,
    "income_statement": LEGACY_INCOME_STATEMENT_FIELDS,
    "cash_flow": LEGACY_CASH_FLOW_FIELDS,
}
MODEL_FIELDS: dict[StatementKind, tuple[str, ...]] = {
    "balance_sheet": tuple(BALANCE_SHEET_FIELDS.values()),
    "income_statement": tuple(INCOME_STATEMENT_FIELDS.values()),
    "cash_flow": tuple(CASH_FLOW_FIELDS.values()),
}
_TEXT_LENGTHS = {
    "asset_type": 64,
    "name": 255,
    "exchange": 32,
    "currency": 8,
    "country": 64,
    "sector": 128,
    "industry": 255,
    "fiscal_year_end": 16,
    "description": 100_000,
}
# Metric(4): max_digits=24, decimal_places=4 -> at most 20 integer digits; Metric(0) 24 digits.
_MAX_METRIC = Decimal("1e20")
_MAX_AMOUNT = Decimal("1e20")  # Amount: max_digits=22, decimal_places=2
_MAX_POSITIVE_INT = 2_147_483_647


def seconds_until_next_day(now: dt.datetime) -> float:
    """Seconds until midnight US/Eastern, when Alpha Vantage's daily quota resets."""
    local = now.astimezone(NEW_YORK)
    tomorrow = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=NEW_YORK)
    return max(1.0, (tomorrow - local).total_seconds())


def classify_error(payload: object, *, now: dt.datetime | None = None) -> ProviderError | None:
    """The typed error an Alpha Vantage answer stands for, or None when it looks like data.

    Classified by which key is present and what it says, never by exact wording (it changed several times).
    """
    if not isinstance(payload, dict):
        return ProviderSchemaError(f"Expected a JSON object, got {type(payload).__name__}.")
    if not payload:
        return ProviderNotFound("Alpha Vantage returned an empty answer {} (unknown symbol or no data).")
    if "Error Message" in payload:
        message = str(payload["Error Message"])
        if "apikey" in message.lower() or "api key" in message.lower():
            return ProviderAuthError(f"Alpha Vantage rejected the API key: {message}")
        return ProviderNotFound(f"Alpha Vantage: {message}")
    for key in ("Note", "Information"):
        if key not in payload:
            continue
        message = str(payload[key])
        text = message.lower()
        if "premium" in text and ("outputsize" in text or "premium feature" in text or "premium endpoint" in text):
            return ProviderPremiumRequired(f"Alpha Vantage: {message}")
        if "per second" in text or "sparingly" in text or "burst" in text:
            return ProviderRateLimitedError(f"Alpha Vantage burst limit: {message}", retry_after=BURST_RETRY_SECONDS)
        if "per minute" in text or "frequency" in text:
            return ProviderRateLimitedError(f"Alpha Vantage rate limit: {message}", retry_after=MINUTE_RETRY_SECONDS)
        if "per day" in text or "rate limit" in text or "requests" in text:
            wait = seconds_until_next_day(now or dt.datetime.now(tz=dt.UTC))
            return ProviderRateLimitedError(f"Alpha Vantage daily limit: {message}", retry_after=wait)
        if "demo" in text or "api key" in text or "apikey" in text:
            return ProviderAuthError(f"Alpha Vantage refused the API key: {message}")
        if "premium" in text:
            return ProviderPremiumRequired(f"Alpha Vantage: {message}")
        return ProviderSchemaError(f"Alpha Vantage sent a message instead of data: {message}")
    sample_note = payload.get("message")
    if isinstance(sample_note, str) and ("artificial" in sample_note.lower() or "premium" in sample_note.lower()):
        return ProviderPremiumRequired(f"Alpha Vantage sent sample data for a premium endpoint: {sample_note[:200]}")
    if "detail" in payload and len(payload) == 1:
        return ProviderSchemaError(f"Unexpected answer instead of data: {payload['detail']}")
    return None


def raise_for_error(payload: object) -> dict[str, Any]:
    error = classify_error(payload)
    if error is not None:
        raise error
    assert isinstance(payload, dict)
    return payload


def _csv_rows(text: str) -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise ProviderSchemaError(f"Malformed CSV answer: {exc}.") from exc


# GLOBAL_QUOTE ---------------------------------------------------------------------------------------------------


def _quote(symbol: str, values: dict[str, Any]) -> Quote:
    price = parse_decimal(values.get("price"))
    if price is None:
        raise ProviderSchemaError(f"Quote for {symbol} has no price ({str(values.get('price'))[:20]!r}).")
    return Quote(
        symbol=symbol,
        price=price,
        open=parse_decimal(values.get("open")),
        high=parse_decimal(values.get("high")),
        low=parse_decimal(values.get("low")),
        volume=parse_int(values.get("volume")),
        latest_trading_day=parse_date(values.get("latest_trading_day")),
        previous_close=parse_decimal(values.get("previous_close")),
        change=parse_decimal(values.get("change")),
        change_percent=parse_percent(values.get("change_percent")),
    )


_QUOTE_KEYS = {
    "02. open": "open",
    "03. high": "high",
    "04. low": "low",
    "05. price": "price",
    "06. volume": "volume",
    "07. latest trading day": "latest_trading_day",
    "08. previous close": "previous_close",
    "09. change": "change",
    "10. change percent": "change_percent",
}
_QUOTE_CSV_KEYS = {
    "open": "open",
    "high": "high",
    "low": "low",
    "price": "price",
    "volume": "volume",
    "latestDay": "latest_trading_day",
    "previousClose": "previous_close",
    "change": "change",
    "changePercent": "change_percent",
}


def quote_from_json(payload: object, symbol: str) -> Quote:
    data = raise_for_error(payload).get("Global Quote")
    if not isinstance(data, dict) or not data:
        raise ProviderNotFound(f"Alpha Vantage has no quote for {symbol}.")
    return _quote(symbol, {ours: data.get(theirs) for theirs, ours in _QUOTE_KEYS.items()})


def quote_from_csv(text: str, symbol: str) -> Quote:
    rows = _csv_rows(text)
    if not rows:
        raise ProviderNotFound(f"Alpha Vantage has no quote for {symbol}.")
    return _quote(symbol, {ours: rows[0].get(theirs) for theirs, ours in _QUOTE_CSV_KEYS.items()})


# OVERVIEW -------------------------------------------------------------------------------------------------------


def overview_from_json(payload: object, symbol: str) -> CompanyOverview:
    data = raise_for_error(payload)
    fields: dict[str, object] = {}
    for key, (field, kind) in OVERVIEW_FIELDS.items():
        if key not in data:
            continue
        raw = data[key]
        value: object
        if kind == "str":
            value = parse_text(raw, _TEXT_LENGTHS[field])
        elif kind == "date":
            value = parse_date(raw)
        elif kind == "int":
            number = parse_int(raw)
            limit = 2**63 - 1 if field == "shares_outstanding" else _MAX_POSITIVE_INT
            value = number if number is not None and 0 <= number <= limit else None
        else:
            decimal = parse_decimal(raw)
            value = decimal if decimal is not None and abs(decimal) < _MAX_METRIC else None
        fields[field] = value
    if not fields:
        raise ProviderNotFound(f"Alpha Vantage has no company overview for {symbol}.")
    return CompanyOverview(symbol=symbol, fields=fields)


# TIME_SERIES_DAILY / TIME_SERIES_WEEKLY ----------------------------------------------------------------------------


def _series_key(data: dict[str, Any]) -> str:
    for key, value in data.items():
        if "time series" in key.lower() and isinstance(value, dict):
            return key
    raise ProviderSchemaError(f"No time series in the answer (keys: {', '.join(list(data)[:5]) or 'none'}).")


def _bar_values(values: object) -> dict[str, object]:
    """{"1. open": "1.0", "5. volume": "10"} -> {"open": "1.0", "volume": "10"}."""
    if not isinstance(values, dict):
        return {}
    return {str(key).split(". ", 1)[-1].strip().lower(): value for key, value in values.items()}


def price_series_from_json(payload: object, symbol: str, interval: Interval, *, today: dt.date) -> PriceSeries:
    data = raise_for_error(payload)
    series = data[_series_key(data)]
    raw_rows = []
    for date_key, values in series.items():
        named = _bar_values(values)
        raw_rows.append(
            RawBar(
                str(date_key),
                date_key,
                named.get("open"),
                named.get("high"),
                named.get("low"),
                named.get("close"),
                named.get("volume"),
            )
        )
    bars, rejected = check_bars(raw_rows, today=today)
    return PriceSeries(symbol=symbol, interval=interval, bars=bars, rejected=rejected)


def price_series_from_csv(text: str, symbol: str, interval: Interval, *, today: dt.date) -> PriceSeries:
    try:
        parsed = parse_price_csv(text, today=today, name=f"the {interval} series for {symbol}")
    except NotAPriceFileError as exc:
        raise ProviderSchemaError(str(exc)) from exc
    return PriceSeries(symbol=symbol, interval=interval, bars=parsed.bars, rejected=parsed.rejected)


# BALANCE_SHEET / INCOME_STATEMENT / CASH_FLOW ----------------------------------------------------------------------


def _fiscal_year_end_month(dates: list[dt.date]) -> int:
    """The most common month of the annual reports' period ends (a 52/53-week year ending on the 1st-7th counts
    as the previous month)."""
    months = [_period_month(d)[1] for d in dates]
    return Counter(months).most_common(1)[0][0] if months else 12


def _period_month(date: dt.date) -> tuple[int, int]:
    if date.day <= 7:
        previous = date.replace(day=1) - dt.timedelta(days=1)
        return previous.year, previous.month
    return date.year, date.month


def fiscal_period(date: dt.date, fiscal_year_end_month: int) -> tuple[int, int]:
    """(fiscal year, fiscal quarter) of a period ending on `date`; the fiscal year is named by the year it ends."""
    year, month = _period_month(date)
    months_after_year_end = (month - fiscal_year_end_month) % 12
    quarter = (months_after_year_end + 2) // 3 or 4
    fiscal_year = year if month <= fiscal_year_end_month else year + 1
    return fiscal_year, quarter


def _report_items(report: dict[str, Any], kind: StatementKind) -> dict[str, Decimal | None]:
    items: dict[str, Decimal | None] = dict.fromkeys(MODEL_FIELDS[kind])
    # Legacy keys first, so a current key present in the same report wins.
    for table in (LEGACY_FIELDS[kind], CURRENT_FIELDS[kind]):
        for key, field in table.items():
            if key not in report:
                continue
            value = parse_decimal(report[key])
            if value is not None and abs(value) < _MAX_AMOUNT:
                items[field] = value
    return items


def statements_from_json(payload: object, symbol: str, kind: StatementKind) -> Statements:
    data = raise_for_error(payload)
    annual_raw = data.get("annualReports")
    quarterly_raw = data.get("quarterlyReports")
    if not isinstance(annual_raw, list) and not isinstance(quarterly_raw, list):
        raise ProviderNotFound(f"Alpha Vantage has no {kind.replace('_', ' ')} for {symbol}.")
    annual_list = annual_raw if isinstance(annual_raw, list) else []
    quarterly_list = quarterly_raw if isinstance(quarterly_raw, list) else []
    annual_dates = [d for r in annual_list if isinstance(r, dict) and (d := parse_date(r.get("fiscalDateEnding")))]
    year_end_month = _fiscal_year_end_month(annual_dates)
    rejected: list[RejectedRow] = []

    def build(reports: list[Any], period_type: PeriodKind) -> list[StatementReport]:
        built: list[StatementReport] = []
        seen: set[tuple[int, int | None]] = set()
        for position, report in enumerate(reports, start=1):
            where = f"{period_type} report {position}"
            if not isinstance(report, dict):
                rejected.append(RejectedRow(where, "report is not an object"))
                continue
            ending = parse_date(report.get("fiscalDateEnding"))
            if ending is None:
                rejected.append(
                    RejectedRow(where, f"fiscalDateEnding missing or invalid ({report.get('fiscalDateEnding')!r})")
                )
                continue
            fiscal_year, quarter = fiscal_period(ending, year_end_month)
            key = (fiscal_year, quarter if period_type == "quarterly" else None)
            if key in seen:
                rejected.append(RejectedRow(f"{period_type} {ending}", f"a second report for fiscal period {key}"))
                continue
            seen.add(key)
            currency = parse_text(report.get("reportedCurrency"), 8) or "USD"
            built.append(
                StatementReport(period_type, ending, fiscal_year, key[1], currency, _report_items(report, kind))
            )
        return built

    return Statements(
        symbol=symbol,
        annual=build(annual_list, "annual"),
        quarterly=build(quarterly_list, "quarterly"),
        rejected=rejected,
    )


# SYMBOL_SEARCH ----------------------------------------------------------------------------------------------------


def _match(values: dict[str, Any]) -> SymbolMatch | None:
    symbol = parse_text(values.get("symbol"), 24)
    if not symbol:
        return None
    return SymbolMatch(
        symbol=symbol,
        name=parse_text(values.get("name"), 255),
        type=parse_text(values.get("type"), 64),
        region=parse_text(values.get("region"), 64),
        currency=parse_text(values.get("currency"), 8),
        match_score=parse_decimal(values.get("matchScore")) or Decimal(0),
    )


def symbol_matches_from_json(payload: object) -> list[SymbolMatch]:
    matches = raise_for_error(payload).get("bestMatches")
    if not isinstance(matches, list):
        raise ProviderSchemaError("Search answer has no bestMatches list.")
    named = [{str(k).split(". ", 1)[-1]: v for k, v in m.items()} for m in matches if isinstance(m, dict)]
    return [m for values in named if (m := _match(values)) is not None]


def symbol_matches_from_csv(text: str) -> list[SymbolMatch]:
    return [m for row in _csv_rows(text) if (m := _match(row)) is not None]


# LISTING_STATUS ---------------------------------------------------------------------------------------------------


def listed_symbols_from_csv(text: str) -> list[ListedSymbol]:
    """The active listings of a LISTING_STATUS answer (CSV only; delisted rows and rows without a symbol dropped)."""
    rows = _csv_rows(text)
    if not rows or not {"symbol", "name", "exchange", "assetType", "status"} <= set(rows[0]):
        columns = ", ".join(rows[0]) if rows else "none"
        raise ProviderSchemaError(f"Not a LISTING_STATUS CSV: its columns are {columns}.")
    return [
        ListedSymbol(
            symbol=parse_text(row.get("symbol"), 24),
            name=parse_text(row.get("name"), 255),
            exchange=parse_text(row.get("exchange"), 32),
            asset_type=parse_text(row.get("assetType"), 64),
        )
        for row in rows
        if parse_text(row.get("symbol"), 24) and (row.get("status") or "").strip().lower() == "active"
    ]


# SPLITS / DIVIDENDS -----------------------------------------------------------------------------------------------

# Column names of each function's rows (CSV header and JSON keys): the event date and its value.
_EVENT_COLUMNS: dict[CorporateActionKind, tuple[str, str]] = {
    "split": ("effective_date", "split_factor"),
    "dividend": ("ex_dividend_date", "amount"),
}


def corporate_actions_from_json(payload: object, symbol: str, kind: CorporateActionKind) -> CorporateActions:
    rows = raise_for_error(payload).get("data")
    if not isinstance(rows, list):
        raise ProviderSchemaError(f"The {kind} answer for {symbol} has no data list.")
    date_key, value_key = _EVENT_COLUMNS[kind]
    return corporate_actions_checked(
        symbol,
        kind,
        [
            (f"item {n}", row.get(date_key), row.get(value_key)) if isinstance(row, dict) else (f"item {n}", None, None)
            for n, row in enumerate(rows, start=1)
        ],
    )


def corporate_actions_from_csv(text: str, symbol: str, kind: CorporateActionKind) -> CorporateActions:
    """Rows of a SPLITS or DIVIDENDS CSV body; a body that is not such a CSV is a ProviderSchemaError.

    Every recorded Alpha Vantage CSV body ends with a newline, so one that does not was cut off in transit.
    """
    function = "SPLITS" if kind == "split" else "DIVIDENDS"
    date_key, value_key = _EVENT_COLUMNS[kind]
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ProviderSchemaError(f"Alpha Vantage sent an empty {function} answer for {symbol}.")
    if not body.endswith("\n"):
        raise ProviderSchemaError(f"The {function} answer for {symbol} is truncated (it ends mid-line).")
    reader = csv.reader(io.StringIO(body))
    try:
        header = [column.strip().lower() for column in next(reader)]
        if date_key not in header or value_key not in header:
            raise ProviderSchemaError(
                f"The {function} answer for {symbol} is not a {function} CSV: it starts {body[:60]!r}, "
                f"expected columns {date_key} and {value_key}."
            )
        rows: list[tuple[str, object, object]] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ProviderSchemaError(
                    f"The {function} answer for {symbol} is malformed: line {reader.line_num} has {len(row)} "
                    f"columns, the header {len(header)}."
                )
            rows.append((f"line {reader.line_num}", row[header.index(date_key)], row[header.index(value_key)]))
    except csv.Error as exc:
        raise ProviderSchemaError(f"The {function} answer for {symbol} is not readable CSV: {exc}.") from exc
    return corporate_actions_checked(symbol, kind, rows)


# TIME_SERIES_INTRADAY (interval=5min) ----------------------------------------------------------------------------

INTRADAY_INTERVAL = f"{INTRADAY_MINUTES}min"
_EASTERN_ZONES = frozenset({"us/eastern", "america/new_york"})
# Alpha Vantage labels an intraday bar by its end: in every recording the 09:30 bar holds pre-market volume and
# the 16:00 bar the closing cross (TIME_SERIES_INTRADAY fixtures, IBM 2020-08-21 and 2022-06-06/07).
INTRADAY_LABEL: Literal["start", "end"] = "end"


def intraday_series_from_json(payload: object, symbol: str, *, now: dt.datetime) -> IntradaySeries:
    """5-minute bars from a JSON answer; an answer for another interval or time zone is refused whole."""
    data = raise_for_error(payload)
    meta = _bar_values(data.get("Meta Data"))
    interval = str(meta.get("interval", INTRADAY_INTERVAL)).strip().lower()
    if interval != INTRADAY_INTERVAL:
        raise ProviderSchemaError(
            f"The intraday answer for {symbol} has {interval!r} bars, expected {INTRADAY_INTERVAL}."
        )
    zone = str(meta.get("time zone", "US/Eastern")).strip().lower()
    if zone not in _EASTERN_ZONES:
        raise ProviderSchemaError(f"The intraday answer for {symbol} is in time zone {zone!r}, expected US/Eastern.")
    key = _series_key(data)
    if INTRADAY_INTERVAL not in key.lower():
        raise ProviderSchemaError(f"The intraday answer for {symbol} holds {key!r}, expected {INTRADAY_INTERVAL} bars.")
    raw_rows = []
    for time_key, values in data[key].items():
        named = _bar_values(values)
        raw_rows.append(
            RawBar(
                str(time_key),
                time_key,
                named.get("open"),
                named.get("high"),
                named.get("low"),
                named.get("close"),
                named.get("volume"),
            )
        )
    bars, rejected = check_intraday_bars(raw_rows, now=now, labelled_by=INTRADAY_LABEL)
    return IntradaySeries(symbol=symbol, bars=bars, rejected=rejected)


_INTRADAY_COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")


def intraday_series_from_csv(text: str, symbol: str, *, now: dt.datetime) -> IntradaySeries:
    """5-minute bars from a `datatype=csv` answer (timestamp,open,high,low,close,volume, newest first).

    Every recorded Alpha Vantage CSV body ends with a newline, so one that does not was cut off in transit.
    """
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ProviderSchemaError(f"Alpha Vantage sent an empty intraday answer for {symbol}.")
    if not body.endswith("\n"):
        raise ProviderSchemaError(f"The intraday answer for {symbol} is truncated (it ends mid-line).")
    reader = csv.reader(io.StringIO(body))
    try:
        header = [column.strip().lower() for column in next(reader)]
        if any(column not in header for column in _INTRADAY_COLUMNS):
            raise ProviderSchemaError(
                f"The intraday answer for {symbol} is not an intraday CSV: it starts {body[:60]!r}, expected "
                f"columns {','.join(_INTRADAY_COLUMNS)}."
            )
        index = [header.index(column) for column in _INTRADAY_COLUMNS]
        raw_rows: list[RawBar] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ProviderSchemaError(
                    f"The intraday answer for {symbol} is malformed: line {reader.line_num} has {len(row)} columns, "
                    f"the header {len(header)}."
                )
            raw_rows.append(RawBar(f"line {reader.line_num}", *(row[i] for i in index)))
    except csv.Error as exc:
        raise ProviderSchemaError(f"The intraday answer for {symbol} is not readable CSV: {exc}.") from exc
    bars, rejected = check_intraday_bars(raw_rows, now=now, labelled_by=INTRADAY_LABEL)
    return IntradaySeries(symbol=symbol, bars=bars, rejected=rejected)


def economic_series_from_json(payload: object, name: str, interval: str) -> EconomicSeries:
    """`{"name", "interval", "unit", "data": [{"date", "value"}]}` (newest first) -> a series, oldest first.

    Alpha Vantage writes "." for a date without a value (as FRED does, its source): kept as a None observation.
    A row with a bad date or a value that is neither a number nor "." is refused with its reason.
    """
    body = raise_for_error(payload)
    rows = body.get("data")
    if not isinstance(rows, list):
        raise ProviderSchemaError(f"The {name} ({interval}) answer has no data list.")
    observations: dict[dt.date, EconomicObservation] = {}
    rejected: list[RejectedRow] = []
    for n, row in enumerate(rows, start=1):
        raw_date, raw_value = (row.get("date"), row.get("value")) if isinstance(row, dict) else (None, None)
        day = parse_date(raw_date)
        if day is None:
            rejected.append(RejectedRow(f"item {n}", f"date {raw_date!r} is not YYYY-MM-DD"))
            continue
        missing = isinstance(raw_value, str) and raw_value.strip() == "."
        value = None if missing else parse_decimal(raw_value)
        if value is None and not missing:
            rejected.append(RejectedRow(day.isoformat(), f"value {raw_value!r} is not a number"))
            continue
        observations[day] = EconomicObservation(day, value)
    return EconomicSeries(
        name=name,
        interval=interval,
        unit=parse_text(body.get("unit"), 64),
        observations=[observations[day] for day in sorted(observations)],
        rejected=rejected,
    )


# FX_DAILY -------------------------------------------------------------------------------------------------------


def fx_series_from_csv(text: str, base: str, quote: str, *, today: dt.date) -> FxSeries:
    """timestamp,open,high,low,close rows, newest first (the recorded FX_DAILY CSV); the close is the rate."""
    rows = _csv_rows(text)
    if rows and ("timestamp" not in rows[0] or "close" not in rows[0]):
        raise ProviderSchemaError(f"FX_DAILY {base}/{quote} CSV has no timestamp and close columns.")
    return fx_series_checked(
        base, quote, ((f"line {i + 2}", r.get("timestamp"), r.get("close")) for i, r in enumerate(rows)), today=today
    )


def fx_series_from_json(payload: object, base: str, quote: str, *, today: dt.date) -> FxSeries:
    """{"Meta Data": ..., "Time Series FX (Daily)": {"YYYY-MM-DD": {"4. close": "1.1625", ...}}}."""
    data = raise_for_error(payload)
    series = data.get("Time Series FX (Daily)")
    if not isinstance(series, dict):
        raise ProviderSchemaError(f"FX_DAILY {base}/{quote} has no 'Time Series FX (Daily)' (keys: {list(data)[:5]}).")
    rows = (
        (str(day)[:20], day, values.get("4. close") if isinstance(values, dict) else None)
        for day, values in series.items()
    )
    return fx_series_checked(base, quote, rows, today=today)
