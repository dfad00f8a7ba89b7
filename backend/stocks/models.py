"""Stocks, price bars, financial statements and corporate actions: the seed's data model, with database constraints."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q


class DataSource(models.TextChoices):
    ALPHAVANTAGE = "alphavantage", "Alpha Vantage"
    SIMULATED = "simulated", "Simulated (demo data)"
    CSV = "csv", "CSV import"


def Amount(db_column: str | None = None) -> Any:  # noqa: N802 - reads as a field type in the statement classes below
    """A nullable money amount as reported in statements (up to 10^18, two decimals)."""
    return models.DecimalField(max_digits=22, decimal_places=2, null=True, blank=True, db_column=db_column)


def Metric(decimal_places: int = 4) -> Any:  # noqa: N802
    """A nullable ratio, percentage or per-share figure from the company overview."""
    return models.DecimalField(max_digits=24, decimal_places=decimal_places, null=True, blank=True)


class Stock(models.Model):
    """A listed security, keyed by its symbol, with the company overview and the last quote."""

    symbol = models.CharField(max_length=12, primary_key=True)
    name = models.CharField(max_length=255, blank=True)
    asset_type = models.CharField(max_length=64, blank=True)
    exchange = models.CharField(max_length=32, blank=True)
    currency = models.CharField(max_length=8, blank=True, default="USD")
    country = models.CharField(max_length=64, blank=True)
    sector = models.CharField(max_length=128, blank=True)
    industry = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    fiscal_year_end = models.CharField(max_length=16, blank=True)
    latest_quarter = models.DateField(null=True, blank=True)

    market_capitalization = Metric(0)
    ebitda = Metric(0)
    pe_ratio = Metric()
    peg_ratio = Metric()
    book_value = Metric()
    dividend_per_share = Metric()
    dividend_yield = Metric()
    eps = Metric()
    revenue_per_share_ttm = Metric()
    profit_margin = Metric()
    operating_margin_ttm = Metric()
    return_on_assets_ttm = Metric()
    return_on_equity_ttm = Metric()
    revenue_ttm = Metric(0)
    gross_profit_ttm = Metric(0)
    diluted_eps_ttm = Metric()
    quarterly_earnings_growth_yoy = Metric()
    quarterly_revenue_growth_yoy = Metric()
    analyst_target_price = Metric()
    analyst_rating_strong_buy = models.PositiveIntegerField(null=True, blank=True)
    analyst_rating_buy = models.PositiveIntegerField(null=True, blank=True)
    analyst_rating_hold = models.PositiveIntegerField(null=True, blank=True)
    analyst_rating_sell = models.PositiveIntegerField(null=True, blank=True)
    analyst_rating_strong_sell = models.PositiveIntegerField(null=True, blank=True)
    trailing_pe = Metric()
    forward_pe = Metric()
    price_to_sales_ratio_ttm = Metric()
    price_to_book_ratio = Metric()
    ev_to_revenue = Metric()
    ev_to_ebitda = Metric()
    beta = Metric()
    week_52_high = Metric()
    week_52_low = Metric()
    day_50_moving_average = Metric()
    day_200_moving_average = Metric()
    shares_outstanding = models.BigIntegerField(null=True, blank=True)
    dividend_date = models.DateField(null=True, blank=True)
    ex_dividend_date = models.DateField(null=True, blank=True)

    real_time_price = Metric()
    open_price = Metric()
    high_price = Metric()
    low_price = Metric()
    volume = models.BigIntegerField(null=True, blank=True)
    previous_close = Metric()
    change = Metric()
    change_percent = Metric()
    latest_trading_day = models.DateField(null=True, blank=True)

    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    history_partial = models.BooleanField(
        default=False, help_text="True when the provider refused full history and only recent bars are stored."
    )
    data_version = models.PositiveIntegerField(default=0, help_text="Bumped by every ingestion; caches key on it.")
    intraday_version = models.PositiveIntegerField(
        default=0, help_text="Bumped when intraday bars change (stored or pruned); intraday charts key on it."
    )
    intraday_viewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When someone last opened the 1D or 5D chart (the planner's 'viewing')."
    )
    overview_fetched_at = models.DateTimeField(null=True, blank=True)
    quote_fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["symbol"]
        indexes = [models.Index(fields=["name"], name="stock_name_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(symbol=""), name="stock_symbol_not_empty"),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gte=0), name="stock_volume_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} ({self.name})" if self.name else self.symbol

    @property
    def is_simulated(self) -> bool:
        return self.source == DataSource.SIMULATED


class BasePriceData(models.Model):
    """One OHLCV bar of raw (unadjusted) prices; splits and dividends are kept as CorporateAction events."""

    # No index of its own (nor its LIKE twin): the unique (stock, date) index leads with the symbol and serves every
    # lookup by stock, and two fewer indexes to maintain per bar speed up every import (bench/ingest.py).
    stock = models.ForeignKey(Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol", db_index=False)
    date = models.DateField()
    open_price = models.DecimalField(max_digits=16, decimal_places=4)
    high_price = models.DecimalField(max_digits=16, decimal_places=4)
    low_price = models.DecimalField(max_digits=16, decimal_places=4)
    close_price = models.DecimalField(max_digits=16, decimal_places=4)
    volume = models.BigIntegerField()
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.stock_id} {self.date} {self.close_price}"


def _bar_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(fields=["stock", "date"], name=f"{prefix}_unique_stock_date"),
        models.CheckConstraint(condition=Q(low_price__lte=F("open_price")), name=f"{prefix}_low_le_open"),
        models.CheckConstraint(condition=Q(low_price__lte=F("close_price")), name=f"{prefix}_low_le_close"),
        models.CheckConstraint(condition=Q(high_price__gte=F("open_price")), name=f"{prefix}_high_ge_open"),
        models.CheckConstraint(condition=Q(high_price__gte=F("close_price")), name=f"{prefix}_high_ge_close"),
        models.CheckConstraint(condition=Q(low_price__gt=0), name=f"{prefix}_low_positive"),
        models.CheckConstraint(condition=Q(volume__gte=0), name=f"{prefix}_volume_non_negative"),
    ]


class DailyPrice(BasePriceData):
    class Meta:
        ordering = ["stock", "date"]
        # The unique (stock, date) constraint's index serves "this stock's bars between two dates, in date order".
        constraints = _bar_constraints("daily")


class WeeklyPrice(BasePriceData):
    """A weekly bar, dated by the week's last trading day (often a Thursday in holiday weeks)."""

    class Meta:
        ordering = ["stock", "date"]
        constraints = _bar_constraints("weekly")


class IntradayPrice(models.Model):
    """One raw 5-minute bar of the regular session; `time` is the bar's start (UTC). Kept for a retention window
    (settings.INTRADAY_RETENTION_DAYS) and pruned by a periodic task."""

    stock = models.ForeignKey(Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    time = models.DateTimeField()
    open_price = models.DecimalField(max_digits=16, decimal_places=4)
    high_price = models.DecimalField(max_digits=16, decimal_places=4)
    low_price = models.DecimalField(max_digits=16, decimal_places=4)
    close_price = models.DecimalField(max_digits=16, decimal_places=4)
    volume = models.BigIntegerField()
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["stock", "time"]
        # The unique (stock, time) index serves "this stock's newest bars"; the time index serves the prune.
        indexes = [models.Index(fields=["time"], name="intraday_time_idx")]
        constraints = [
            models.UniqueConstraint(fields=["stock", "time"], name="intraday_unique_stock_time"),
            *_bar_constraints("intraday")[1:],
        ]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.time.isoformat()} {self.close_price}"


class PeriodType(models.TextChoices):
    ANNUAL = "annual", "Annual"
    QUARTERLY = "quarterly", "Quarterly"


class FinancialStatement(models.Model):
    """Fields and rules shared by the three statements; line items are nullable Decimals."""

    stock = models.ForeignKey(Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    fiscal_year = models.PositiveSmallIntegerField()
    fiscal_quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    fiscal_date_ending = models.DateField()
    reported_currency = models.CharField(max_length=8, blank=True, default="USD")
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        quarter = f" Q{self.fiscal_quarter}" if self.fiscal_quarter else ""
        return f"{self.stock_id} {self.period_type} {self.fiscal_year}{quarter}"


def _statement_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        # Two unique constraints because SQL treats NULLs as distinct and SQLite cannot say NULLS NOT DISTINCT:
        # the first covers quarterly rows, the partial one annual rows (fiscal_quarter IS NULL).
        models.UniqueConstraint(
            fields=["stock", "period_type", "fiscal_year", "fiscal_quarter"], name=f"{prefix}_unique_period"
        ),
        models.UniqueConstraint(
            fields=["stock", "period_type", "fiscal_year"],
            condition=Q(fiscal_quarter__isnull=True),
            name=f"{prefix}_unique_annual",
        ),
        models.CheckConstraint(
            condition=Q(period_type__in=["annual", "quarterly"]), name=f"{prefix}_period_type_valid"
        ),
        models.CheckConstraint(
            condition=(Q(period_type="annual") & Q(fiscal_quarter__isnull=True))
            | (
                Q(period_type="quarterly")
                & Q(fiscal_quarter__isnull=False)
                & Q(fiscal_quarter__gte=1)
                & Q(fiscal_quarter__lte=4)
            ),
            name=f"{prefix}_quarter_matches_period",
        ),
    ]


class BalanceSheet(FinancialStatement):
    total_assets = Amount()  # totalAssets
    total_current_assets = Amount()  # totalCurrentAssets
    cash_and_cash_equivalents_at_carrying_value = Amount()  # cashAndCashEquivalentsAtCarryingValue
    cash_and_short_term_investments = Amount()  # cashAndShortTermInvestments
    inventory = Amount()  # inventory
    current_net_receivables = Amount()  # currentNetReceivables
    total_non_current_assets = Amount()  # totalNonCurrentAssets
    property_plant_equipment = Amount()  # propertyPlantEquipment
    accumulated_depreciation_amortization_ppe = Amount()  # accumulatedDepreciationAmortizationPPE
    intangible_assets = Amount()  # intangibleAssets
    intangible_assets_excluding_goodwill = Amount()  # intangibleAssetsExcludingGoodwill
    goodwill = Amount()  # goodwill
    investments = Amount()  # investments
    long_term_investments = Amount()  # longTermInvestments
    short_term_investments = Amount()  # shortTermInvestments
    other_current_assets = Amount()  # otherCurrentAssets
    other_non_current_assets = Amount()  # otherNonCurrentAssets
    total_liabilities = Amount()  # totalLiabilities
    total_current_liabilities = Amount()  # totalCurrentLiabilities
    current_accounts_payable = Amount()  # currentAccountsPayable
    deferred_revenue = Amount()  # deferredRevenue
    current_debt = Amount()  # currentDebt
    short_term_debt = Amount()  # shortTermDebt
    total_non_current_liabilities = Amount()  # totalNonCurrentLiabilities
    capital_lease_obligations = Amount()  # capitalLeaseObligations
    long_term_debt = Amount()  # longTermDebt
    current_long_term_debt = Amount()  # currentLongTermDebt
    long_term_debt_noncurrent = Amount()  # longTermDebtNoncurrent
    short_long_term_debt_total = Amount()  # shortLongTermDebtTotal
    other_current_liabilities = Amount()  # otherCurrentLiabilities
    other_non_current_liabilities = Amount()  # otherNonCurrentLiabilities
    total_shareholder_equity = Amount()  # totalShareholderEquity
    treasury_stock = Amount()  # treasuryStock
    retained_earnings = Amount()  # retainedEarnings
    common_stock = Amount()  # commonStock
    common_stock_shares_outstanding = Amount()  # commonStockSharesOutstanding

    class Meta:
        ordering = ["stock", "-fiscal_date_ending"]
        constraints = _statement_constraints("balance_sheet")


class IncomeStatement(FinancialStatement):
    gross_profit = Amount()  # grossProfit
    total_revenue = Amount()  # totalRevenue
    cost_of_revenue = Amount()  # costOfRevenue
    cost_of_goods_and_services_sold = Amount()  # costofGoodsAndServicesSold
    operating_income = Amount()  # operatingIncome
    selling_general_and_administrative = Amount()  # sellingGeneralAndAdministrative
    research_and_development = Amount()  # researchAndDevelopment
    operating_expenses = Amount()  # operatingExpenses
    investment_income_net = Amount()  # investmentIncomeNet
    net_interest_income = Amount()  # netInterestIncome
    interest_income = Amount()  # interestIncome
    interest_expense = Amount()  # interestExpense
    non_interest_income = Amount()  # nonInterestIncome
    other_non_operating_income = Amount()  # otherNonOperatingIncome
    depreciation = Amount()  # depreciation
    depreciation_and_amortization = Amount()  # depreciationAndAmortization
    income_before_tax = Amount()  # incomeBeforeTax
    income_tax_expense = Amount()  # incomeTaxExpense
    interest_and_debt_expense = Amount()  # interestAndDebtExpense
    net_income_from_continuing_operations = Amount()  # netIncomeFromContinuingOperations
    comprehensive_income_net_of_tax = Amount()  # comprehensiveIncomeNetOfTax
    ebit = Amount()  # ebit
    ebitda = Amount()  # ebitda
    net_income = Amount()  # netIncome

    class Meta:
        ordering = ["stock", "-fiscal_date_ending"]
        constraints = _statement_constraints("income_statement")


class CashFlowStatement(FinancialStatement):
    operating_cashflow = Amount()  # operatingCashflow
    payments_for_operating_activities = Amount()  # paymentsForOperatingActivities
    proceeds_from_operating_activities = Amount()  # proceedsFromOperatingActivities
    change_in_operating_liabilities = Amount()  # changeInOperatingLiabilities
    change_in_operating_assets = Amount()  # changeInOperatingAssets
    depreciation_depletion_and_amortization = Amount()  # depreciationDepletionAndAmortization
    capital_expenditures = Amount()  # capitalExpenditures
    change_in_receivables = Amount()  # changeInReceivables
    change_in_inventory = Amount()  # changeInInventory
    profit_loss = Amount()  # profitLoss
    cashflow_from_investment = Amount()  # cashflowFromInvestment
    cashflow_from_financing = Amount()  # cashflowFromFinancing
    proceeds_from_repayments_of_short_term_debt = Amount()  # proceedsFromRepaymentsOfShortTermDebt
    payments_for_repurchase_of_common_stock = Amount()  # paymentsForRepurchaseOfCommonStock
    payments_for_repurchase_of_equity = Amount()  # paymentsForRepurchaseOfEquity
    payments_for_repurchase_of_preferred_stock = Amount()  # paymentsForRepurchaseOfPreferredStock
    dividend_payout = Amount()  # dividendPayout
    dividend_payout_common_stock = Amount()  # dividendPayoutCommonStock
    dividend_payout_preferred_stock = Amount()  # dividendPayoutPreferredStock
    proceeds_from_issuance_of_common_stock = Amount()  # proceedsFromIssuanceOfCommonStock
    # proceedsFromIssuanceOfLongTermDebtAndCapitalSecuritiesNet; the field name is 67 characters and PostgreSQL
    # identifiers stop at 63, so the column is spelled shorter.
    proceeds_from_issuance_of_long_term_debt_and_capital_securities_net = Amount(
        db_column="proceeds_from_issuance_of_lt_debt_and_capital_securities_net"
    )
    proceeds_from_issuance_of_preferred_stock = Amount()  # proceedsFromIssuanceOfPreferredStock
    proceeds_from_repurchase_of_equity = Amount()  # proceedsFromRepurchaseOfEquity
    proceeds_from_sale_of_treasury_stock = Amount()  # proceedsFromSaleOfTreasuryStock
    stock_based_compensation = Amount()  # stockBasedCompensation
    change_in_cash_and_cash_equivalents = Amount()  # changeInCashAndCashEquivalents
    change_in_exchange_rate = Amount()  # changeInExchangeRate
    net_income = Amount()  # netIncome

    class Meta:
        ordering = ["stock", "-fiscal_date_ending"]
        constraints = _statement_constraints("cash_flow")


class CorporateActionKind(models.TextChoices):
    SPLIT = "split", "Split"
    DIVIDEND = "dividend", "Dividend"


class CorporateAction(models.Model):
    """A split (ratio, e.g. 4 for 4-for-1) or a cash dividend (amount per share) on its ex-date."""

    stock = models.ForeignKey(Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    kind = models.CharField(max_length=10, choices=CorporateActionKind.choices)
    ex_date = models.DateField()
    ratio = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["stock", "ex_date"]
        constraints = [
            models.UniqueConstraint(fields=["stock", "kind", "ex_date"], name="corporate_action_unique"),
            models.CheckConstraint(
                condition=(Q(kind="split") & Q(ratio__gt=0)) | (Q(kind="dividend") & Q(amount__gte=0)),
                name="corporate_action_value_valid",
            ),
        ]

    def __str__(self) -> str:
        value = self.ratio if self.kind == CorporateActionKind.SPLIT else self.amount
        return f"{self.stock_id} {self.kind} {self.ex_date} {value}"


class IngestionStep(models.TextChoices):
    QUOTE = "quote", "Quote"
    OVERVIEW = "overview", "Overview"
    DAILY = "daily", "Daily prices"
    WEEKLY = "weekly", "Weekly prices"
    FINANCIALS = "financials", "Financial statements"
    CORPORATE_ACTIONS = "corporate_actions", "Splits and dividends"
    INTRADAY = "intraday", "5-minute bars"


class IngestionState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    PARTIAL = "partial", "Partial"
    FAILED = "failed", "Failed"
    WAITING_FOR_QUOTA = "waiting_for_quota", "Waiting for quota"


class IngestionStatus(models.Model):
    """Where collection of one dataset for one symbol stands: the data behind the portfolio status endpoint."""

    stock = models.ForeignKey(
        Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol", related_name="ingestion_statuses"
    )
    step = models.CharField(max_length=20, choices=IngestionStep.choices)
    state = models.CharField(max_length=20, choices=IngestionState.choices, default=IngestionState.PENDING)
    rows_written = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    reason = models.TextField(blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # True from the moment a collection marks the step pending until its task is handed to the broker; a step left
    # True (the broker was down) is queued again by the collection sweep (stocks.services.collection).
    awaiting_queue = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["stock", "step"]
        constraints = [models.UniqueConstraint(fields=["stock", "step"], name="ingestion_status_unique_step")]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.step}: {self.state}"


class ProviderCall(models.Model):
    """One call made to a rate-limited provider; the database quota limiter counts these when there is no Redis."""

    provider = models.CharField(max_length=32)
    called_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["provider", "called_at"], name="provider_call_time_idx")]

    def __str__(self) -> str:
        return f"{self.provider} {self.called_at.isoformat()}"


class SymbolListing(models.Model):
    """One entry of the local symbol catalogue that search and validate answer from without calling the provider.

    Filled from the provider's listing (Alpha Vantage LISTING_STATUS, `manage.py symbol_catalogue_load`) and from
    the answers of queued provider lookups; `name_key` is the name normalised by `stocks.search_text.search_key`.
    """

    class Source(models.TextChoices):
        LISTING = "listing", "Provider listing"
        LOOKUP = "lookup", "Provider lookup"

    symbol = models.CharField(max_length=12, primary_key=True)
    name = models.CharField(max_length=255, blank=True)
    name_key = models.CharField(max_length=255, blank=True, db_index=True)
    exchange = models.CharField(max_length=32, blank=True)
    asset_type = models.CharField(max_length=64, blank=True)
    region = models.CharField(max_length=64, blank=True)
    currency = models.CharField(max_length=8, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["symbol"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.name}"


class SymbolLookup(models.Model):
    """One queued provider search for keywords the catalogue did not know; its row deduplicates the queue."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=64, primary_key=True)  # the keywords as `search_key` normalises them
    keywords = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    symbols = models.JSONField(default=list, blank=True)  # the provider's matching symbols, best first
    reason = models.TextField(blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.keywords}: {self.state}"


class DeadLetter(models.Model):
    """A Celery task that failed for good (its retries spent, or an error that is never retried), kept for a re-queue.

    Arguments are stored with secrets (API keys, tokens, passwords) replaced by a marker; a letter whose arguments
    had to be redacted cannot be re-queued as it was, and says so.
    """

    task_id = models.CharField(max_length=255)
    task_name = models.CharField(max_length=255)
    queue = models.CharField(max_length=64, blank=True)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    redacted = models.BooleanField(default=False, help_text="True when a secret was removed from the arguments.")
    exception_type = models.CharField(max_length=255)
    reason = models.TextField()
    traceback = models.TextField(blank=True)
    retries = models.PositiveIntegerField(default=0, help_text="Retries the task had made when it failed for good.")
    failed_at = models.DateTimeField()
    requeued_at = models.DateTimeField(null=True, blank=True)
    requeued_task_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-failed_at", "-id"]
        indexes = [models.Index(fields=["requeued_at", "failed_at"], name="dead_letter_open_idx")]

    def __str__(self) -> str:
        return f"{self.task_name} {self.failed_at.isoformat()}: {self.exception_type}"


class ConsistencyCheck(models.Model):
    """One run of the stored-data consistency check; its findings hang off it."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    symbols_checked = models.PositiveIntegerField(default=0)
    findings_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"consistency check {self.started_at.isoformat()}: {self.findings_count} findings"


class FindingKind(models.TextChoices):
    WEEKLY_MISMATCH = "weekly_mismatch", "Weekly bar disagrees with its daily bars"
    BALANCE_SHEET_UNBALANCED = "balance_sheet_unbalanced", "Assets differ from liabilities + equity"
    MISSING_SESSIONS = "missing_sessions", "Trading days missing inside the stored daily range"
    BAR_CONSTRAINT = "bar_constraint", "A bar breaks low <= open, close <= high or volume >= 0"


class ConsistencyFinding(models.Model):
    """One inconsistency in stored data: what, where (symbol, date) and the values that disagree."""

    check_run = models.ForeignKey(ConsistencyCheck, on_delete=models.CASCADE, related_name="findings")
    stock = models.ForeignKey(Stock, to_field="symbol", on_delete=models.CASCADE, db_column="symbol")
    kind = models.CharField(max_length=32, choices=FindingKind.choices)
    date = models.DateField(null=True, blank=True, help_text="The bar's date, a statement's period end, a gap's start.")
    detail = models.TextField()
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["check_run", "stock", "kind", "date"]

    def __str__(self) -> str:
        return f"{self.stock_id} {self.kind} {self.date}: {self.detail}"


class EconomicIndicator(models.Model):
    """One US economic indicator at one interval (REAL_GDP quarterly, CPI monthly, ...), with when it was fetched."""

    name = models.CharField(max_length=32)
    interval = models.CharField(max_length=16)
    unit = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When the planner last queued a refresh (stops it queuing one twice)."
    )
    error = models.TextField(blank=True, help_text="Reason of the last failed refresh; empty after a success.")

    class Meta:
        ordering = ["name", "interval"]
        constraints = [models.UniqueConstraint(fields=["name", "interval"], name="economic_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.interval})"


class EconomicObservation(models.Model):
    """One dated value of an indicator; NULL where the source has no value for the date."""

    indicator = models.ForeignKey(EconomicIndicator, on_delete=models.CASCADE, related_name="observations")
    date = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    source = models.CharField(max_length=32, choices=DataSource.choices, default=DataSource.ALPHAVANTAGE)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "date"]
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], name="economic_observation_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.date}: {self.value}"


class FxPair(models.Model):
    """A currency pair the refresh planner keeps (1 `base` in `quote`), with when it was last fetched or queued."""

    base = models.CharField(max_length=3)
    quote = models.CharField(max_length=3)
    source = models.CharField(max_length=32, choices=DataSource.choices, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When the planner last queued a refresh (stops it queuing one twice)."
    )
    error = models.TextField(blank=True, help_text="Reason of the last failed refresh; empty after a success.")

    class Meta:
        ordering = ["base", "quote"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote"], name="fx_pair_unique"),
            models.CheckConstraint(condition=~Q(base=F("quote")), name="fx_pair_distinct_currencies"),
        ]

    def __str__(self) -> str:
        return f"{self.base}/{self.quote}"


class FxRate(models.Model):
    """One day's closing rate of a pair: 1 `base` costs `rate` `quote` (EUR/USD 1.1625), with its source."""

    base = models.CharField(max_length=3)
    quote = models.CharField(max_length=3)
    date = models.DateField()
    rate = models.DecimalField(max_digits=24, decimal_places=10)
    source = models.CharField(max_length=32, choices=DataSource.choices)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["base", "quote", "date"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote", "date"], name="fx_rate_unique_pair_date"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="fx_rate_positive"),
            models.CheckConstraint(condition=~Q(base=F("quote")), name="fx_rate_distinct_currencies"),
        ]

    def __str__(self) -> str:
        return f"{self.base}/{self.quote} {self.date}: {self.rate}"
