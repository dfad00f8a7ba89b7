"""POST /api/v1/users/portfolio/optimise/ (the user's holdings) and POST /api/v1/analysis/optimise/ (stored symbols)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from analysis.optimisation import Spec, optimise
from portfolios.services.holdings import holding_create
from stocks.models import CorporateAction, CorporateActionKind, DailyPrice, Stock
from stocks.selectors.adjusted import adjusted_bars_get
from tests.core.test_responses_match_schema import SchemaCheckedClient
from tests.factories import StockFactory
from users.models import User

PORTFOLIO_URL = "/api/v1/users/portfolio/optimise/"
SYMBOLS_URL = "/api/v1/analysis/optimise/"
START = dt.date(2015, 1, 1)
# Small windows keep each request quick: 120 closes to estimate, 20 to hold, 200 stored.
FAST = {"lookback_days": 120, "rebalance_days": 20, "frontier_points": 6}


def _store(symbol: str, *, rows: int = 200, seed: int, drift: float, vol: float) -> Stock:
    stock = StockFactory.create(symbol=symbol)
    rng = np.random.default_rng(seed)
    closes = 50 * np.exp(np.cumsum(rng.normal(drift, vol, rows)))
    now = timezone.now()
    DailyPrice.objects.bulk_create(
        DailyPrice(
            stock=stock,
            date=START + dt.timedelta(days=i),
            open_price=Decimal(f"{c:.4f}"),
            high_price=Decimal(f"{c * 1.01:.4f}"),
            low_price=Decimal(f"{c * 0.99:.4f}"),
            close_price=Decimal(f"{c:.4f}"),
            volume=1_000_000,
            fetched_at=now,
        )
        for i, c in enumerate(closes)
    )
    return stock


@pytest.fixture
def universe(db: Any) -> list[str]:
    _store("AAA", seed=1, drift=0.0010, vol=0.010)
    _store("BBB", seed=2, drift=0.0006, vol=0.015)
    _store("CCC", seed=3, drift=0.0003, vol=0.008)
    return ["AAA", "BBB", "CCC"]


def _hold(user: User, shares: dict[str, int]) -> None:
    for symbol, quantity in shares.items():
        holding_create(user=user, symbol=symbol, quantity=Decimal(quantity), average_price=Decimal(40))


def _last_close(symbol: str) -> float:
    return float(DailyPrice.objects.filter(stock_id=symbol).order_by("-date").values_list("close_price", flat=True)[0])


def test_holdings_are_optimised_with_trades_to_the_target(
    auth_client: APIClient, user: User, universe: list[str]
) -> None:
    _hold(user, {"AAA": 10, "BBB": 30, "CCC": 5})
    response = auth_client.post(PORTFOLIO_URL, {"method": "max_sharpe", "max_weight": 0.6, **FAST}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["symbols"] == universe
    positions = {p["symbol"]: p for p in body["positions"]}
    weights = [p["weight"] for p in body["positions"]]
    assert sum(weights) == pytest.approx(1, abs=1e-6)
    assert max(weights) <= 0.6 + 1e-9
    prices = {s: _last_close(s) for s in universe}
    value = 10 * prices["AAA"] + 30 * prices["BBB"] + 5 * prices["CCC"]
    assert body["portfolio_value"] == pytest.approx(value)
    assert positions["BBB"]["current_weight"] == pytest.approx(30 * prices["BBB"] / value)
    spent = 0.0
    for symbol, held in (("AAA", 10), ("BBB", 30), ("CCC", 5)):
        position = positions[symbol]
        assert position["current_shares"] == held
        assert position["last_price"] == pytest.approx(prices[symbol])
        assert position["current_shares"] + position["trade_shares"] == position["target_shares"]
        assert position["target_shares"] == int(position["target_shares"])
        spent += position["target_shares"] * prices[symbol]
    # The trades keep the portfolio's value: whole target shares plus the cash they leave.
    assert spent + body["trade_leftover"] == pytest.approx(value)
    assert 0 <= body["trade_leftover"] < max(prices.values())
    names = [s["name"] for s in body["out_of_sample"]["strategies"]]
    assert names == ["optimised", "current", "equal_weight"]
    assert body["out_of_sample"]["periods"] == 4  # holds from closes 120, 140, 160, 180
    assert body["current"]["volatility"] > 0
    assert body["performance"]["sharpe"] >= body["current"]["sharpe"]
    assert len(body["frontier"]) == 6
    assert body["allocation"] is None


def test_a_symbol_list_gets_a_cash_allocation_in_whole_shares(auth_client: APIClient, universe: list[str]) -> None:
    response = auth_client.post(
        SYMBOLS_URL,
        {"symbols": ["aaa", "BBB", "CCC"], "method": "min_volatility", "cash": 10_000, **FAST},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["current"] is None
    assert [s["name"] for s in body["out_of_sample"]["strategies"]] == ["optimised", "equal_weight"]
    allocation = body["allocation"]
    spent = sum(n * _last_close(s) for s, n in allocation["shares"].items())
    assert spent + allocation["leftover"] == pytest.approx(10_000)
    assert allocation["leftover"] < max(_last_close(s) for s in universe)
    # The least volatile portfolio is the first point of the frontier.
    assert body["frontier"][0] == body["min_volatility"] == body["performance"]


def test_estimates_use_total_return_closes(auth_client: APIClient, universe: list[str]) -> None:
    """A dividend raises the stock's total return over its price return, and the optimisation sees it."""
    ex_date = START + dt.timedelta(days=150)
    CorporateAction.objects.create(
        stock_id="CCC", kind=CorporateActionKind.DIVIDEND, ex_date=ex_date, amount=Decimal(5), fetched_at=timezone.now()
    )
    response = auth_client.post(SYMBOLS_URL, {"symbols": universe, "method": "min_volatility", **FAST}, format="json")
    body = response.json()
    closes = np.column_stack([adjusted_bars_get(symbol=s, adjustment="total").bars.close[-121:] for s in universe])
    expected = optimise(closes, Spec(method="min_volatility"))
    assert [p["weight"] for p in body["positions"]] == pytest.approx(expected.weights.tolist(), abs=1e-6)
    assert body["performance"]["expected_return"] == pytest.approx(expected.performance.expected_return)
    raw = np.column_stack([adjusted_bars_get(symbol=s, adjustment="raw").bars.close[-121:] for s in universe])
    assert body["performance"]["expected_return"] != pytest.approx(
        optimise(raw, Spec(method="min_volatility")).performance.expected_return, abs=1e-4
    )


def _error(response: Any) -> tuple[int, dict[str, list[str]]]:
    """The status and `extra.field_codes`: which parameter was refused and why."""
    return response.status_code, response.json()["extra"]["field_codes"]


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({"symbols": ["AAA"]}, "too_few_symbols", "symbols"),
        ({"symbols": ["AAA", "AAA"]}, "too_few_symbols", "symbols"),
        ({"max_weight": 0.3}, "infeasible_weights", "max_weight"),
        ({"cash": -5}, "negative", "cash"),
        ({"lookback_days": 190}, "insufficient_common_history", "lookback_days"),
        ({"method": "efficient_return"}, "target_required", "target_return"),
        ({"method": "efficient_risk", "target_volatility": 0.0001}, "target_out_of_range", "target_volatility"),
        ({"method": "hrp", "max_weight": 0.5}, "bounds_not_supported", "max_weight"),
        ({"method": "best"}, "invalid_choice", "method"),
        ({"symbols": ["AAA", "ZZZ"]}, "stock_not_found", "symbols"),
        ({"shares": {"DDD": 1}}, "shares_not_in_symbols", "shares"),
        ({"shares": {"AAA": -1}}, "negative", "shares"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(
    auth_client: APIClient, universe: list[str], payload: dict[str, Any], code: str, field: str
) -> None:
    response = auth_client.post(SYMBOLS_URL, {"symbols": universe, **FAST, **payload}, format="json")
    status, field_codes = _error(response)
    assert (status, list(field_codes)) == (400, [field])
    codes = field_codes[field]
    assert code in (codes if isinstance(codes, list) else [c for nested in codes.values() for c in nested])


def test_the_400_for_a_short_history_names_the_shortest_symbol(auth_client: APIClient, universe: list[str]) -> None:
    _store("NEW", rows=80, seed=9, drift=0.0, vol=0.01)
    response = auth_client.post(SYMBOLS_URL, {"symbols": [*universe, "NEW"], **FAST}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "insufficient_common_history"
    assert (body["extra"]["symbol"], body["extra"]["bars"], body["extra"]["needed"]) == ("NEW", 80, 141)


def test_a_portfolio_of_one_holding_cannot_be_optimised(
    auth_client: APIClient, user: User, universe: list[str]
) -> None:
    _hold(user, {"AAA": 10})
    response = auth_client.post(PORTFOLIO_URL, FAST, format="json")
    assert _error(response) == (400, {"symbols": ["too_few_symbols"]})
    assert response.json()["extra"]["count"] == 1


def test_optimisation_needs_a_sign_in(api_client: APIClient, universe: list[str]) -> None:
    assert api_client.post(SYMBOLS_URL, {"symbols": universe}, format="json").status_code == 401
    assert api_client.post(PORTFOLIO_URL, {}, format="json").status_code == 401


def test_the_optimisation_views_load_without_the_solvers() -> None:
    """pypfopt and cvxpy take seconds to import: only an optimisation request loads them."""
    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'; django.setup();"
        "import portfolios.apis.optimisation, portfolios.analysis_urls;"
        "print(sorted(m for m in ('pypfopt', 'cvxpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_answers_match_the_schema(auth_client: APIClient, user: User, universe: list[str]) -> None:
    _hold(user, {"AAA": 10, "BBB": 30})
    api = SchemaCheckedClient(auth_client)
    api.call("post", PORTFOLIO_URL, expect=200, format="json", data={"cash": 5000, **FAST})
    api.call("post", SYMBOLS_URL, expect=200, format="json", data={"symbols": universe, "method": "hrp", **FAST})
    api.call("post", SYMBOLS_URL, expect=400, format="json", data={"symbols": ["AAA"]})
    assert api.mismatches == [], "\n".join(api.mismatches)
