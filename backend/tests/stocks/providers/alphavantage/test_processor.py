"""The Alpha Vantage processor against every recording of the functions we use, checking values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stocks.models import BalanceSheet, CashFlowStatement, IncomeStatement
from stocks.providers.alphavantage import processor
from stocks.providers.alphavantage.aliases import BALANCE_SHEET_FIELDS, CASH_FLOW_FIELDS, INCOME_STATEMENT_FIELDS
from stocks.providers.base import Interval
from stocks.providers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderPremiumRequired,
    ProviderRateLimitedError,
    ProviderSchemaError,
)
from tests.stocks.providers.alphavantage.conftest import recording_json, recording_text, recordings

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invalid_call_or_symbol.json", ProviderNotFound),
        ("invalid_or_missing_apikey.json", ProviderAuthError),
        ("demo_key_misuse.json", ProviderAuthError),
        ("premium_endpoint_information.json", ProviderPremiumRequired),
        ("premium_parameter_outputsize_full_information.json", ProviderPremiumRequired),
        ("ratelimit_2017_2018_information.json", ProviderRateLimitedError),
        ("ratelimit_2018_2023_note.json", ProviderRateLimitedError),
        ("ratelimit_burst_1_per_second_information.json", ProviderRateLimitedError),
        ("ratelimit_daily_25_information.json", ProviderRateLimitedError),
        ("unknown_symbol_overview_or_empty.json", ProviderNotFound),
        ("drf_406_not_acceptable.json", ProviderSchemaError),
    ],
)
def test_every_recorded_error_shape_maps_to_its_typed_error(name: str, expected: type[ProviderError]) -> None:
    error = processor.classify_error(recording_json(f"ERRORS/{name}"), now=NOW)
    assert type(error) is expected


def test_rate_limit_waits_match_the_kind_of_limit() -> None:
    burst = processor.classify_error(recording_json("ERRORS/ratelimit_burst_1_per_second_information.json"), now=NOW)
    minute = processor.classify_error(recording_json("ERRORS/ratelimit_2018_2023_note.json"), now=NOW)
    daily = processor.classify_error(recording_json("ERRORS/ratelimit_daily_25_information.json"), now=NOW)
    assert isinstance(burst, ProviderRateLimitedError)
    assert burst.retry_after <= 5
    assert isinstance(minute, ProviderRateLimitedError)
    assert minute.retry_after == 60
    # 15:00 UTC is 10:00 in New York: the daily quota resets in 14 hours.
    assert isinstance(daily, ProviderRateLimitedError)
    assert daily.retry_after == 14 * 3600


def test_empty_search_and_empty_quote_are_not_errors_but_empty_answers() -> None:
    assert processor.classify_error(recording_json("ERRORS/symbol_search_no_match.json")) is None
    assert processor.symbol_matches_from_json(recording_json("ERRORS/symbol_search_no_match.json")) == []
    with pytest.raises(ProviderNotFound):
        processor.quote_from_json(recording_json("ERRORS/unknown_symbol_global_quote.json"), "NOPE")


@pytest.mark.parametrize("path", recordings("REALTIME_BULK_QUOTES"))
def test_premium_sample_data_is_refused_never_stored(path: str) -> None:
    assert isinstance(processor.classify_error(recording_json(path)), ProviderPremiumRequired)


# GLOBAL_QUOTE -------------------------------------------------------------------------------------------------------

QUOTES = {
    "GLOBAL_QUOTE/RomelTorres-alpha_vantage__global_quote": ("MSFT", "112.1300", "-0.5852", dt.date(2018, 10, 5)),
    "GLOBAL_QUOTE/crazzyghost-alphavantage-java__globalquote.json": ("IBM", "121.7400", "0.4207", dt.date(2020, 5, 8)),
    "GLOBAL_QUOTE/xrgarcia-alphavantage_api_client__mock_stock_quote.json": (
        "IBM",
        "137.9600",
        "-2.0379",
        dt.date(2022, 6, 9),
    ),
    "GLOBAL_QUOTE/portfoliotree-alphavantage__GLOBAL_QUOTE_db7544f0.csv": (
        "IBM",
        "219.3000",
        "0.4259",
        dt.date(2026, 5, 15),
    ),
    "GLOBAL_QUOTE/portfoliotree-alphavantage__global_quote_IBM.csv": (
        "IBM",
        "305.6900",
        "0.2723",
        dt.date(2025, 11, 14),
    ),
}


@pytest.mark.parametrize("path", recordings("GLOBAL_QUOTE"))
def test_quotes(path: str) -> None:
    symbol, price, change_percent, day = QUOTES[path]
    if path.endswith(".csv"):
        quote = processor.quote_from_csv(recording_text(path), symbol)
    else:
        quote = processor.quote_from_json(recording_json(path), symbol)
    assert quote.price == Decimal(price)
    assert quote.change_percent == Decimal(change_percent)
    assert quote.latest_trading_day == day
    assert quote.volume is not None
    assert quote.volume > 0
    assert quote.previous_close is not None
    assert quote.change == (quote.price - quote.previous_close)


# OVERVIEW -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", recordings("OVERVIEW"))
def test_overviews_map_every_known_key_to_a_stock_field(path: str) -> None:
    raw = recording_json(path)
    overview = processor.overview_from_json(raw, raw["Symbol"])
    assert overview.fields["name"] == raw["Name"]
    assert overview.fields["sector"] == raw["Sector"][:128]
    if raw.get("PERatio") not in (None, "None", "-"):
        assert overview.fields["pe_ratio"] == Decimal(raw["PERatio"])
    assert overview.fields["market_capitalization"] == Decimal(raw["MarketCapitalization"])


def test_overview_values_of_the_2026_ibm_recording() -> None:
    fields = processor.overview_from_json(
        recording_json("OVERVIEW/portfoliotree-alphavantage__OVERVIEW_b1e86153.json"), "IBM"
    ).fields
    assert fields["dividend_yield"] == Decimal("0.0308")
    assert fields["week_52_high"] == Decimal("320.7")
    assert fields["analyst_rating_sell"] == 0  # a real zero stays zero
    assert fields["shares_outstanding"] == 939_885_000
    assert fields["latest_quarter"] == dt.date(2026, 3, 31)
    assert fields["ex_dividend_date"] == dt.date(2026, 5, 8)
    assert "SharesFloat" not in fields
    assert "shares_float" not in fields


def test_overview_missing_markers_become_null() -> None:
    fields = processor.overview_from_json(
        recording_json("OVERVIEW/OpenBB-finance-OpenBB__test_check_output[get_overview-kwargs_dict0].TSLA.json"), "TSLA"
    ).fields
    assert fields["dividend_date"] is None
    assert fields["ex_dividend_date"] is None


def test_empty_overview_is_not_found() -> None:
    with pytest.raises(ProviderNotFound):
        processor.overview_from_json({}, "NOPE")


# TIME_SERIES_DAILY / WEEKLY -----------------------------------------------------------------------------------------

SERIES = {
    "TIME_SERIES_DAILY/crazzyghost-alphavantage-java__daily.json": (2, dt.date(2020, 5, 8), "121.7900", 2538547),
    "TIME_SERIES_DAILY/kirlut-AlphaVantage.Net__daily-not-adjusted.json": (
        3,
        dt.date(2018, 5, 10),
        "97.4800",
        12229563,
    ),
    "TIME_SERIES_DAILY/zackurben-alphavantage__daily.json": (1, dt.date(2017, 8, 11), "72.5000", 21121250),
    "TIME_SERIES_DAILY/portfoliotree-alphavantage__TIME_SERIES_DAILY_42a08190.csv": (
        100,
        dt.date(2026, 5, 15),
        "219.3000",
        6154450,
    ),
    "TIME_SERIES_DAILY_CSV/portfoliotree-alphavantage__daily_AMJ.csv": (100, dt.date(2020, 8, 21), "13.2500", 751279),
    "TIME_SERIES_WEEKLY/crazzyghost-alphavantage-java__weekly.json": (2, dt.date(2020, 5, 8), "121.8050", 18730017),
    "TIME_SERIES_WEEKLY/kirlut-AlphaVantage.Net__weekly-not-adjusted.json": (
        3,
        dt.date(2018, 5, 10),
        "97.4050",
        87437616,
    ),
    "TIME_SERIES_WEEKLY/zackurben-alphavantage__weekly.json": (1, dt.date(2017, 8, 11), "72.5000", 104705370),
    "TIME_SERIES_WEEKLY/portfoliotree-alphavantage__TIME_SERIES_WEEKLY_74eb54d6.csv": (
        1384,
        dt.date(2026, 5, 15),
        "219.3000",
        33144274,
    ),
}


@pytest.mark.parametrize("path", sorted(SERIES))
def test_price_series(path: str) -> None:
    count, last_date, last_close, last_volume = SERIES[path]
    interval: Interval = "weekly" if "WEEKLY" in path else "daily"
    if path.endswith(".csv"):
        series = processor.price_series_from_csv(recording_text(path), "X", interval, today=TODAY)
    else:
        series = processor.price_series_from_json(recording_json(path), "X", interval, today=TODAY)
    assert len(series.bars) == count
    assert series.rejected == []
    assert [bar.date for bar in series.bars] == sorted(bar.date for bar in series.bars)  # oldest first
    assert series.bars[-1].date == last_date
    assert series.bars[-1].close == Decimal(last_close)
    assert series.bars[-1].volume == last_volume
    assert all(bar.low <= min(bar.open, bar.close) and bar.high >= max(bar.open, bar.close) for bar in series.bars)


def test_bad_bars_are_rejected_with_the_reason_and_good_ones_kept() -> None:
    payload = recording_json("TIME_SERIES_DAILY/kirlut-AlphaVantage.Net__daily-not-adjusted.json")
    days = payload["Time Series (Daily)"]
    days["2018-05-09"]["3. low"] = "96.9500"  # low above the close (96.94)
    days["2018-05-07"] = {"1. open": "1", "2. high": "2", "3. low": "0.5", "4. close": "1.5", "5. volume": "-3"}
    days["2031-01-02"] = {"1. open": "1", "2. high": "2", "3. low": "0.5", "4. close": "1.5", "5. volume": "3"}
    days["2018-05-04"] = {"1. open": "None", "2. high": "2", "3. low": "0.5", "4. close": "1.5", "5. volume": "3"}
    series = processor.price_series_from_json(payload, "MSFT", "daily", today=TODAY)
    assert [bar.date for bar in series.bars] == [dt.date(2018, 5, 8), dt.date(2018, 5, 10)]
    reasons = {row.where: row.reason for row in series.rejected}
    assert "outside the bar's low-high range" in reasons["2018-05-09"]
    assert "volume" in reasons["2018-05-07"]
    assert "future" in reasons["2031-01-02"]
    assert "open is missing" in reasons["2018-05-04"]


def test_a_payload_without_a_series_is_a_schema_error() -> None:
    with pytest.raises(ProviderSchemaError, match="No time series"):
        processor.price_series_from_json({"Meta Data": {}}, "IBM", "daily", today=TODAY)


def test_csv_series_answered_with_json_error_is_classified_by_the_client_not_parsed_as_bars() -> None:
    with pytest.raises(ProviderSchemaError, match="JSON"):
        processor.price_series_from_csv('{"Note": "limit"}', "IBM", "daily", today=TODAY)


# Statements ---------------------------------------------------------------------------------------------------------

KINDS: dict[str, tuple[processor.StatementKind, dict[str, str], type[Any]]] = {
    "BALANCE_SHEET": ("balance_sheet", BALANCE_SHEET_FIELDS, BalanceSheet),
    "INCOME_STATEMENT": ("income_statement", INCOME_STATEMENT_FIELDS, IncomeStatement),
    "CASH_FLOW": ("cash_flow", CASH_FLOW_FIELDS, CashFlowStatement),
}


def test_alias_tables_cover_exactly_the_model_fields() -> None:
    for _kind, aliases, model in KINDS.values():
        model_fields = {f.name for f in model._meta.concrete_fields} - {
            "id",
            "stock",
            "period_type",
            "fiscal_year",
            "fiscal_quarter",
            "fiscal_date_ending",
            "reported_currency",
            "source",
            "fetched_at",
        }
        assert set(aliases.values()) == model_fields


@pytest.mark.parametrize("path", recordings("BALANCE_SHEET") + recordings("INCOME_STATEMENT") + recordings("CASH_FLOW"))
def test_statement_recordings(path: str) -> None:
    kind, aliases, _model = KINDS[path.split("/")[0]]
    raw = recording_json(path)
    statements = processor.statements_from_json(raw, raw["symbol"], kind)
    dates = {r["fiscalDateEnding"] for r in raw["annualReports"]}
    assert len(statements.annual) == len(dates)  # a repeated fiscal year is rejected, not stored twice
    assert len(statements.annual) + len(statements.rejected) >= len(raw["annualReports"])
    assert len(statements.quarterly) == len(raw["quarterlyReports"])
    for report, source in zip(statements.quarterly, raw["quarterlyReports"], strict=True):
        assert report.period_type == "quarterly"
        assert report.fiscal_quarter in (1, 2, 3, 4)
        for camel, field in aliases.items():
            value = source.get(camel)
            if value is None:
                continue
            expected = None if value in ("None", "-", "") else Decimal(value)
            assert report.items[field] == expected, (camel, value)
    for report in statements.annual:
        assert report.fiscal_quarter is None
        assert report.fiscal_year == report.fiscal_date_ending.year  # IBM's fiscal year is the calendar year


def test_ibm_2026_balance_sheet_values_and_nulls() -> None:
    statements = processor.statements_from_json(
        recording_json("BALANCE_SHEET/portfoliotree-alphavantage__BALANCE_SHEET_54fef0fd.json"), "IBM", "balance_sheet"
    )
    latest = statements.annual[0]
    assert latest.fiscal_date_ending == dt.date(2025, 12, 31)
    assert latest.fiscal_year == 2025
    assert latest.items["total_assets"] == Decimal("151880000000")
    assert latest.items["total_shareholder_equity"] == Decimal("32648000000")
    assert latest.items["treasury_stock"] is None  # "None" in the recording
    assert statements.quarterly[0].fiscal_date_ending == dt.date(2026, 3, 31)
    assert (statements.quarterly[0].fiscal_year, statements.quarterly[0].fiscal_quarter) == (2026, 1)


def test_legacy_key_set_and_typo_keys_are_mapped() -> None:
    legacy = processor.statements_from_json(
        recording_json("INCOME_STATEMENT/RomelTorres-alpha_vantage__mock_fundamental_data"), "IBM", "income_statement"
    )
    raw = recording_json("INCOME_STATEMENT/RomelTorres-alpha_vantage__mock_fundamental_data")["annualReports"][0]
    assert legacy.annual[0].items["selling_general_and_administrative"] == Decimal(raw["sellingGeneralAdministrative"])
    typo = processor.statements_from_json(
        recording_json("BALANCE_SHEET/crazzyghost-alphavantage-java__balancesheet.json"), "IBM", "balance_sheet"
    )
    raw_bs = recording_json("BALANCE_SHEET/crazzyghost-alphavantage-java__balancesheet.json")["annualReports"][0]
    assert typo.annual[0].items["other_non_current_assets"] == Decimal(raw_bs["otherNonCurrrentAssets"])


@pytest.mark.parametrize(
    ("ending", "year_end_month", "expected"),
    [
        (dt.date(2024, 9, 30), 6, (2025, 1)),  # Microsoft: July-June fiscal year
        (dt.date(2024, 6, 30), 6, (2024, 4)),
        (dt.date(2024, 12, 28), 9, (2025, 1)),  # Apple: 52/53-week year ending late September
        (dt.date(2015, 10, 3), 9, (2015, 4)),  # a 53-week year ending in the first days of October
        (dt.date(2024, 3, 31), 12, (2024, 1)),
        (dt.date(2024, 4, 30), 1, (2025, 1)),  # Walmart: February-January
    ],
)
def test_fiscal_period_from_the_fiscal_date_ending(
    ending: dt.date, year_end_month: int, expected: tuple[int, int]
) -> None:
    assert processor.fiscal_period(ending, year_end_month) == expected


# SYMBOL_SEARCH, SPLITS, DIVIDENDS -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", recordings("SYMBOL_SEARCH"))
def test_symbol_search(path: str) -> None:
    if path.endswith(".csv"):
        matches = processor.symbol_matches_from_csv(recording_text(path))
        rows = recording_text(path).strip().splitlines()[1:]
        assert [m.symbol for m in matches] == [row.split(",")[0] for row in rows]
    else:
        raw = recording_json(path)
        matches = processor.symbol_matches_from_json(raw)
        assert [m.symbol for m in matches] == [m["1. symbol"] for m in raw["bestMatches"]]
        assert [m.match_score for m in matches] == [Decimal(m["9. matchScore"]) for m in raw["bestMatches"]]
    assert matches
    assert all(m.name for m in matches)


SPLITS_CSV = "SPLITS/portfoliotree-alphavantage__SPLITS_358e2618.csv"
DIVIDENDS_CSV = "DIVIDENDS/portfoliotree-alphavantage__DIVIDENDS_5b9f5d9f.csv"


def test_splits_and_dividends() -> None:
    splits = processor.corporate_actions_from_csv(recording_text(SPLITS_CSV), "IBM", "split")
    assert [(e.ex_date, e.value) for e in splits.events] == [
        (dt.date(1999, 5, 27), Decimal("2.0000")),
        (dt.date(2021, 11, 4), Decimal("1.0460")),
    ]
    assert splits.rejected == []
    dividends = processor.corporate_actions_from_csv(recording_text(DIVIDENDS_CSV), "IBM", "dividend")
    assert len(dividends.events) == 110  # rows with "None" declaration/record/payment dates are kept: only ex-date
    assert dividends.events[-1].ex_date == dt.date(2026, 5, 8)
    assert dividends.events[-1].value == Decimal("1.69")
    assert dividends.rejected == []
    as_json = processor.corporate_actions_from_json(
        {"symbol": "IBM", "data": [{"effective_date": "2021-11-04", "split_factor": "1.0460"}]}, "IBM", "split"
    )
    assert as_json.events[0].value == Decimal("1.0460")


def test_a_symbol_without_splits_is_an_answer_with_no_events() -> None:
    header_only = recording_text(SPLITS_CSV).splitlines(keepends=True)[0]
    assert processor.corporate_actions_from_csv(header_only, "KO", "split").events == []


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n", "not a SPLITS CSV"),
        ("", "empty"),
        ("\n  \n", "empty"),
        (recording_text(SPLITS_CSV)[:-9], "truncated"),  # cut inside the last row
        ("effective_date,split_factor\n2021-11-04,1.0460,extra\n", "malformed"),
        ("timestamp,open,high,low,close,volume\n2026-05-15,1,2,0.5,1.5,10\n", "not a SPLITS CSV"),
    ],
)
def test_a_splits_body_that_is_not_data_is_a_schema_error_not_zero_rows(body: str, says: str) -> None:
    with pytest.raises(ProviderSchemaError, match=says):
        processor.corporate_actions_from_csv(body, "IBM", "split")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ratelimit_daily_25_information.json", ProviderRateLimitedError),
        ("ratelimit_2018_2023_note.json", ProviderRateLimitedError),
        ("premium_endpoint_information.json", ProviderPremiumRequired),
        ("invalid_call_or_symbol.json", ProviderNotFound),
    ],
)
def test_a_message_instead_of_dividends_is_a_typed_error(name: str, expected: type[ProviderError]) -> None:
    with pytest.raises(expected):
        processor.corporate_actions_from_json(recording_json(f"ERRORS/{name}"), "IBM", "dividend")


def test_a_json_answer_without_a_data_list_is_a_schema_error() -> None:
    with pytest.raises(ProviderSchemaError, match="no data list"):
        processor.corporate_actions_from_json({"symbol": "IBM"}, "IBM", "split")


def test_bad_event_rows_are_refused_with_a_reason_naming_them_and_good_rows_kept() -> None:
    splits = processor.corporate_actions_from_csv(
        "effective_date,split_factor\n2020-08-31,4\n2014-06-09,0\n2012-01-03,-2\n2011-02-30,2\n2020-08-31,5\n",
        "AAPL",
        "split",
    )
    assert [(e.ex_date, e.value) for e in splits.events] == [(dt.date(2020, 8, 31), Decimal(4))]
    assert [(r.where, r.reason) for r in splits.rejected] == [
        ("split line 3", "split ratio on 2014-06-09 must be above 0, got 0"),
        ("split line 4", "split ratio on 2012-01-03 must be above 0, got -2"),
        ("split line 5", "date is missing or not YYYY-MM-DD ('2011-02-30')"),
        ("split 2020-08-31 (5-for-1)", "a second split on 2020-08-31"),
    ]
    dividends = processor.corporate_actions_from_csv(
        "ex_dividend_date,amount\n2026-05-08,1.69\n2026-02-10,-1.68\n2025-11-10,0\n2025-08-08,None\n",
        "IBM",
        "dividend",
    )
    assert [e.ex_date for e in dividends.events] == [dt.date(2026, 5, 8)]
    assert [r.reason for r in dividends.rejected] == [
        "dividend on 2026-02-10 must not be negative, got -1.68",
        "dividend on 2025-11-10 is 0: it pays nothing",
        "dividend on 2025-08-08 is missing or not a number ('None')",
    ]


# Garbage in: a typed error or a result, never a crash ---------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "Global Quote",
        "Time Series (Daily)",
        "annualReports",
        "quarterlyReports",
        "bestMatches",
        "data",
        "Note",
        "Information",
        "Error Message",
        "fiscalDateEnding",
        "totalAssets",
        "1. open",
        "2024-01-02",
        "Symbol",
        "Name",
    ]
)
payloads = st.recursive(
    json_values,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(payload=payloads)
def test_processor_survives_garbage_json(payload: object) -> None:
    calls = [
        lambda: processor.quote_from_json(payload, "X"),
        lambda: processor.overview_from_json(payload, "X"),
        lambda: processor.price_series_from_json(payload, "X", "daily", today=TODAY),
        lambda: processor.statements_from_json(payload, "X", "balance_sheet"),
        lambda: processor.symbol_matches_from_json(payload),
        lambda: processor.corporate_actions_from_json(payload, "X", "dividend"),
    ]
    for call in calls:
        try:
            result = call()
        except ProviderError:
            continue
        assert result is not None


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_processor_survives_garbage_csv(text: str) -> None:
    for call in (
        lambda: processor.quote_from_csv(text, "X"),
        lambda: processor.price_series_from_csv(text, "X", "daily", today=TODAY),
        lambda: processor.symbol_matches_from_csv(text),
        lambda: processor.corporate_actions_from_csv(text, "X", "split"),
    ):
        try:
            call()
        except ProviderError:
            continue
