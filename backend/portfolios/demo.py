"""The demo account created when demo data is loaded: credentials the run script prints, holdings, watchlist, alert."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import ROUND_HALF_EVEN, Decimal

from django.db import transaction

from portfolios.models import Alert, AlertKind, Holding, WatchlistEntry
from portfolios.services.holdings import holding_open
from stocks.models import DailyPrice, Stock
from users.models import User

logger = logging.getLogger(__name__)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "stockvis-demo"  # noqa: S105 - a public demo login, printed by `make run`
DEMO_HOLDINGS: dict[str, Decimal] = {"AAPL": Decimal(15), "MSFT": Decimal(8), "NVDA": Decimal(20), "SPY": Decimal(5)}
DEMO_WATCHLIST = ("GOOGL", "AMZN", "TSLA", "META")
HOLDING_AGE_DAYS = 180


def _opening_bar(symbol: str) -> tuple[dt.date, Decimal] | None:
    """The close about six months before the last stored bar (or the first bar if history is shorter)."""
    last = DailyPrice.objects.filter(stock_id=symbol).order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    target = last - dt.timedelta(days=HOLDING_AGE_DAYS)
    bar = (
        DailyPrice.objects.filter(stock_id=symbol, date__lte=target)
        .order_by("-date")
        .values_list("date", "close_price")
        .first()
        or DailyPrice.objects.filter(stock_id=symbol).order_by("date").values_list("date", "close_price").first()
    )
    return bar


@transaction.atomic
def demo_account_ensure(*, symbols: list[str] | None = None) -> User:
    """Create the demo user with holdings, a watchlist and an alert, using only stored symbols (idempotent:
    existing demo holdings, watchlist entries and alerts are left as they are)."""
    user, created = User.objects.get_or_create(
        username=DEMO_USERNAME, defaults={"display_name": "Demo", "email": "demo@stock-vis.local", "language": "ko"}
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    stored = set(
        Stock.objects.filter(pk__in=[*DEMO_HOLDINGS, *DEMO_WATCHLIST, *(symbols or [])]).values_list("pk", flat=True)
    )
    for symbol, quantity in DEMO_HOLDINGS.items():
        if symbol not in stored or Holding.objects.filter(user=user, stock_id=symbol).exists():
            continue
        bar = _opening_bar(symbol)
        if bar is None:
            continue
        holding_open(
            user=user,
            stock=Stock.objects.get(pk=symbol),
            quantity=quantity,
            price=bar[1],
            date=bar[0],
            notes="Demo holding",
        )
    held = set(Holding.objects.filter(user=user).values_list("stock_id", flat=True))
    watch = [s for s in DEMO_WATCHLIST if s in stored] or [s for s in sorted(stored) if s not in held][:3]
    for symbol in watch:
        WatchlistEntry.objects.get_or_create(user=user, stock_id=symbol)
    alert_symbol = next((s for s in DEMO_HOLDINGS if s in held), None)
    if alert_symbol and not Alert.objects.filter(user=user).exists():
        last = (
            DailyPrice.objects.filter(stock_id=alert_symbol)
            .order_by("-date")
            .values_list("close_price", flat=True)
            .first()
        )
        if last is not None:
            threshold = (last * Decimal("1.05")).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
            Alert.objects.create(user=user, stock_id=alert_symbol, kind=AlertKind.PRICE_ABOVE, threshold=threshold)
    logger.info("Demo account '%s' ready with %d holdings.", DEMO_USERNAME, len(held))
    return user
