"""Dates and times: today on the exchange's clock (what "in the future" means for a trade) and timestamp rendering."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone


def market_today() -> dt.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(settings.MARKET_TIME_ZONE)).date()


def iso_timestamp(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC ending in "Z", the form DRF gives every other timestamp of the API."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
