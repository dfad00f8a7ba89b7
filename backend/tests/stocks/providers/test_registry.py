"""Choosing the provider from settings."""

from __future__ import annotations

from typing import Any

import pytest

from stocks.providers.alphavantage.provider import AlphaVantageProvider
from stocks.providers.csv.provider import CsvProvider
from stocks.providers.errors import ProviderError
from stocks.providers.registry import get_provider, quota_remaining
from stocks.providers.simulated.provider import SimulatedProvider


def test_provider_follows_the_setting(settings: Any, tmp_path: Any) -> None:
    settings.MARKET_DATA_PROVIDER = "simulated"
    assert isinstance(get_provider(), SimulatedProvider)
    settings.ALPHA_VANTAGE_API_KEY = "k"
    settings.MARKET_DATA_PROVIDER = "alphavantage"
    assert isinstance(get_provider(), AlphaVantageProvider)
    settings.MARKET_DATA_CSV_DIR = str(tmp_path)
    assert isinstance(get_provider("csv"), CsvProvider)


def test_unknown_provider_is_a_clear_error() -> None:
    with pytest.raises(ProviderError, match="Unknown market data provider 'yahoo'"):
        get_provider("yahoo")


def test_simulated_data_has_no_quota(settings: Any) -> None:
    settings.MARKET_DATA_PROVIDER = "simulated"
    assert quota_remaining() == {"provider": "simulated", "unlimited": True}


@pytest.mark.django_db
def test_alpha_vantage_quota_is_reported(settings: Any) -> None:
    settings.MARKET_DATA_PROVIDER = "alphavantage"
    settings.REDIS_URL = None
    settings.ALPHA_VANTAGE_CALLS_PER_DAY = 25
    quota = quota_remaining()
    assert quota["provider"] == "alphavantage"
    assert quota["limit_per_day"] == 25
    assert quota["remaining_today"] == 25
