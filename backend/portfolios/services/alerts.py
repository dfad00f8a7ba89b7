"""Alerts: create, change, re-arm, delete; evaluation when a quote or bar is stored; notifications."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from core.exceptions import ErrorCode, field_error
from portfolios.models import Alert, AlertKind, Notification
from portfolios.realtime import alert_push
from portfolios.services.stocks import stock_collection_ensure
from stocks.models import Stock
from stocks.selectors.adjusted import adjusted_bars_get
from stocks.selectors.last_price import last_price_get
from stocks.services.symbols import stock_get_or_register
from users.models import User

if TYPE_CHECKING:
    pass


RSI_PERIOD = 14
VALUE_STEP = Decimal("0.000001")
_DESCRIPTIONS = {
    AlertKind.PRICE_ABOVE: ("price", "rose to", "above"),
    AlertKind.PRICE_BELOW: ("price", "fell to", "below"),
    AlertKind.CHANGE_PCT_ABOVE: ("day change %", "is", "above"),
    AlertKind.CHANGE_PCT_BELOW: ("day change %", "is", "below"),
    AlertKind.RSI_ABOVE: (f"RSI({RSI_PERIOD})", "is", "above"),
    AlertKind.RSI_BELOW: (f"RSI({RSI_PERIOD})", "is", "below"),
}


def _threshold_check(kind: str, threshold: Decimal) -> None:
    if kind in (AlertKind.PRICE_ABOVE, AlertKind.PRICE_BELOW) and threshold <= 0:
        raise field_error("threshold", "must be a price greater than zero.", ErrorCode.THRESHOLD_NOT_POSITIVE)
    if kind in (AlertKind.RSI_ABOVE, AlertKind.RSI_BELOW) and not 0 < threshold < 100:
        raise field_error("threshold", "must be an RSI level between 0 and 100.", ErrorCode.RSI_OUT_OF_RANGE)


def alert_create(*, user: User, symbol: str, kind: str, threshold: Decimal) -> Alert:
    _threshold_check(kind, threshold)
    registration = stock_get_or_register(symbol=symbol)
    alert = Alert.objects.create(user=user, stock=registration.stock, kind=kind, threshold=threshold)
    stock_collection_ensure(stock=registration.stock, created=registration.created)
    return alert


@transaction.atomic
def alert_update(
    *, alert: Alert, kind: str | None = None, threshold: Decimal | None = None, armed: bool | None = None
) -> Alert:
    """Change the condition and/or re-arm (armed=true) a fired alert so it can fire again."""
    new_kind = kind or alert.kind
    new_threshold = threshold if threshold is not None else alert.threshold
    _threshold_check(new_kind, new_threshold)
    alert.kind = new_kind
    alert.threshold = new_threshold
    if armed is not None:
        alert.armed = armed
        if armed:
            alert.triggered_at = None
            alert.triggered_value = None
    alert.save()
    return alert


def alert_delete(*, alert: Alert) -> None:
    alert.delete()


@dataclass(slots=True)
class ObservedValues:
    """The symbol's latest price, day change % and RSI; RSI only computed when some alert needs it."""

    stock: Stock
    price: Decimal | None = None
    change_percent: Decimal | None = None
    _rsi: Decimal | None = None
    _rsi_done: bool = False

    def rsi(self) -> Decimal | None:
        import numpy as np
        import talib

        if not self._rsi_done:
            self._rsi_done = True
            # Split-adjusted, like the indicators the stock page shows: a 4-for-1 split is not a crash to RSI.
            adjusted = adjusted_bars_get(symbol=self.stock.symbol, adjustment="split")
            closes = adjusted.bars.close.tolist()
            last = last_price_get(symbol=self.stock.symbol)
            if last is not None and adjusted.dates and last.session > adjusted.dates[-1]:
                closes.append(float(last.price))  # a session newer than the stored bars
            elif last is not None and adjusted.dates and last.basis == "quote":
                closes[-1] = float(last.price)  # a quote newer than its session's stored bar
            if len(closes) > RSI_PERIOD:
                value = talib.RSI(np.asarray(closes, dtype=np.float64), timeperiod=RSI_PERIOD)[-1]
                if np.isfinite(value):
                    self._rsi = Decimal(str(round(float(value), 6)))
        return self._rsi

    def value_for(self, kind: str) -> Decimal | None:
        if kind in (AlertKind.PRICE_ABOVE, AlertKind.PRICE_BELOW):
            return self.price
        if kind in (AlertKind.CHANGE_PCT_ABOVE, AlertKind.CHANGE_PCT_BELOW):
            return self.change_percent
        return self.rsi()


def observed_values_get(*, stock: Stock) -> ObservedValues:
    last = last_price_get(symbol=stock.symbol)
    observed = ObservedValues(stock)
    if last is not None:
        observed.price = last.price
        change = last.change_percent
        observed.change_percent = None if change is None else change.quantize(VALUE_STEP)
    return observed


def _condition_met(kind: str, value: Decimal, threshold: Decimal) -> bool:
    return value >= threshold if kind.endswith("_above") else value <= threshold


def _message(symbol: str, kind: str, value: Decimal, threshold: Decimal) -> str:
    what, verb, side = _DESCRIPTIONS[AlertKind(kind)]
    return f"{symbol} {what} {verb} {value.normalize():f}, {side} {threshold.normalize():f}."


def alerts_evaluate(*, symbol: str) -> list[Notification]:
    """Fire every armed alert on `symbol` whose condition holds: once each (disarmed until re-armed), one
    Notification per firing, each pushed to the user's socket after commit."""
    alerts = list(Alert.objects.filter(stock_id=symbol, armed=True).select_related("stock"))
    if not alerts:
        return []
    observed = observed_values_get(stock=alerts[0].stock)
    fired: list[Notification] = []
    with transaction.atomic():
        for alert in alerts:
            value = observed.value_for(alert.kind)
            if value is None or not _condition_met(alert.kind, value, alert.threshold):
                continue
            now = timezone.now()
            # The conditional update makes concurrent evaluations fire an alert at most once.
            claimed = Alert.objects.filter(pk=alert.pk, armed=True).update(
                armed=False, triggered_at=now, triggered_value=value.quantize(VALUE_STEP), updated_at=now
            )
            if not claimed:
                continue
            notification = Notification.objects.create(
                user_id=alert.user_id,
                alert=alert,
                symbol=symbol,
                kind=alert.kind,
                threshold=alert.threshold,
                value=value.quantize(VALUE_STEP),
                message=_message(symbol, alert.kind, value, alert.threshold),
            )
            fired.append(notification)
            transaction.on_commit(partial(alert_push, notification=notification))
    return fired


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
