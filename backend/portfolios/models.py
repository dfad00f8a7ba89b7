"""Holdings and their transaction ledger, portfolio snapshots, watchlists, alerts and notifications."""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portfolios.ledger import QUANTITY_PLACES
from stocks.models import CorporateAction, Stock

QUANTITY_DIGITS = 12 + QUANTITY_PLACES  # up to 10^12 shares


class Holding(models.Model):
    """One symbol in a user's portfolio; quantity and average price are derived from its transactions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holdings")
    # PROTECT: removing a stock must never silently delete a user's ledger.
    stock = models.ForeignKey(Stock, to_field="symbol", db_column="symbol", on_delete=models.PROTECT)
    # 12 decimals keep fractional shares after splits exact (20 shares, 1-for-3: 6.666666666667).
    quantity = models.DecimalField(default=0, max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES)
    average_price = models.DecimalField(default=0, max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES)
    notes = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["stock_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "stock"], name="holding_unique_user_stock"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="holding_quantity_non_negative"),
            models.CheckConstraint(condition=Q(average_price__gte=0), name="holding_average_price_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.stock_id} {self.quantity}"


class TransactionKind(models.TextChoices):
    BUY = "buy", "Buy"
    SELL = "sell", "Sell"
    DIVIDEND = "dividend", "Dividend"
    SPLIT = "split", "Split"


class TransactionImport(models.Model):
    """One imported CSV file, remembered by content hash so the same file is not imported twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transaction_imports")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    row_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sha256"], name="transaction_import_unique_file")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.filename or self.sha256[:12]} ({self.row_count} rows)"


class Transaction(models.Model):
    """A ledger entry. buy/sell: shares at a price per share; dividend: shares times cash per share;
    split: `split_to` new shares for every `split_from` old ones (4:1, 1:10, 3:2), `quantity` is that ratio as a
    decimal for display and price is 0."""

    holding = models.ForeignKey(Holding, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(max_length=10, choices=TransactionKind.choices)
    date = models.DateField()
    quantity = models.DecimalField(max_digits=QUANTITY_DIGITS, decimal_places=QUANTITY_PLACES)
    price = models.DecimalField(default=0, max_digits=20, decimal_places=6)
    split_to = models.PositiveIntegerField(null=True, blank=True, help_text="Splits only: new shares ...")
    split_from = models.PositiveIntegerField(null=True, blank=True, help_text="... for this many old shares.")
    fee = models.DecimalField(default=0, max_digits=24, decimal_places=4)
    import_batch = models.ForeignKey(
        TransactionImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="transactions"
    )
    # Set on a dividend booked from a stored dividend event (services/dividends.py); the user's own records have none.
    corporate_action = models.ForeignKey(
        CorporateAction, null=True, blank=True, on_delete=models.CASCADE, related_name="booked_dividends"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["holding", "date"], name="transaction_holding_date_idx")]
        constraints = [
            models.UniqueConstraint(fields=["holding", "corporate_action"], name="transaction_dividend_booked_once"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="transaction_quantity_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="transaction_price_non_negative"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="transaction_fee_non_negative"),
            models.CheckConstraint(
                condition=Q(kind__in=["buy", "sell", "dividend", "split"]), name="transaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=(Q(kind="split") & Q(split_to__gt=0) & Q(split_from__gt=0))
                | (~Q(kind="split") & Q(split_to__isnull=True) & Q(split_from__isnull=True)),
                name="transaction_split_ratio_exact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holding_id} {self.kind} {self.date} {self.quantity}@{self.price}"

    @property
    def split_ratio(self) -> Fraction | None:
        if self.split_to is None or self.split_from is None:
            return None
        return Fraction(self.split_to, self.split_from)


class CashKind(models.TextChoices):
    DEPOSIT = "deposit", "Deposit"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    INTEREST = "interest", "Interest"
    FEE = "fee", "Fee"
    TAX = "tax", "Tax"


class CashTransaction(models.Model):
    """A movement of the portfolio's cash account that belongs to no holding (portfolios/cash.py says how the
    balance follows from these and the holdings' trades). `amount` is positive; the kind gives its direction."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cash_transactions")
    kind = models.CharField(max_length=10, choices=CashKind.choices)
    date = models.DateField()
    amount = models.DecimalField(max_digits=24, decimal_places=4)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["user", "date"], name="cash_tx_user_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cash_transaction_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in CashKind]), name="cash_transaction_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.date} {self.amount}"


class PortfolioSettings(models.Model):
    """A user's portfolio preferences; a user without a row has the defaults."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_settings")
    book_dividends = models.BooleanField(
        default=True, help_text="Book a dividend record for each stored dividend event of a stock held on its ex-date."
    )

    def __str__(self) -> str:
        return f"{self.user_id} book_dividends={self.book_dividends}"


class PortfolioHistory(models.Model):
    """A snapshot of a user's portfolio value (the seed's model), taken every few minutes by the scheduler."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_history")
    recorded_at = models.DateTimeField(default=timezone.now)
    total_value = models.DecimalField(max_digits=24, decimal_places=4)
    total_cost = models.DecimalField(max_digits=24, decimal_places=4)
    profit_loss = models.DecimalField(max_digits=24, decimal_places=4)
    profit_loss_percentage = models.DecimalField(max_digits=12, decimal_places=4)
    realized_pl = models.DecimalField(default=0, max_digits=24, decimal_places=4)
    day_change = models.DecimalField(default=0, max_digits=24, decimal_places=4)

    class Meta:
        ordering = ["user", "recorded_at"]
        indexes = [models.Index(fields=["user", "recorded_at"], name="portfolio_hist_user_time_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.recorded_at:%Y-%m-%d %H:%M} {self.total_value}"


class WatchlistEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist")
    stock = models.ForeignKey(Stock, to_field="symbol", db_column="symbol", on_delete=models.PROTECT)
    notes = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "stock"], name="watchlist_unique_user_stock")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.stock_id}"


class AlertKind(models.TextChoices):
    PRICE_ABOVE = "price_above", "Price above"
    PRICE_BELOW = "price_below", "Price below"
    CHANGE_PCT_ABOVE = "change_pct_above", "Day change % above"
    CHANGE_PCT_BELOW = "change_pct_below", "Day change % below"
    RSI_ABOVE = "rsi_above", "RSI(14) above"
    RSI_BELOW = "rsi_below", "RSI(14) below"


class Alert(models.Model):
    """A condition on one symbol; it fires once (armed becomes False) until the user re-arms it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts")
    stock = models.ForeignKey(Stock, to_field="symbol", db_column="symbol", on_delete=models.PROTECT)
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    threshold = models.DecimalField(max_digits=20, decimal_places=6)
    armed = models.BooleanField(default=True)
    triggered_at = models.DateTimeField(null=True, blank=True)
    triggered_value = models.DecimalField(null=True, blank=True, max_digits=20, decimal_places=6)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["stock", "armed"], name="alert_stock_armed_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in AlertKind]), name="alert_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.stock_id} {self.kind} {self.threshold}"


class Notification(models.Model):
    """A fired alert, kept for the user's notification list."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications")
    symbol = models.CharField(max_length=12)
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    threshold = models.DecimalField(max_digits=20, decimal_places=6)
    value = models.DecimalField(max_digits=20, decimal_places=6)
    message = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.message}"
