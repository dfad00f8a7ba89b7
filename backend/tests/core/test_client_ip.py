"""Client addresses for the throttles: X-Forwarded-For is believed only from a trusted proxy, so a client that
reaches the ASGI server directly cannot get a fresh sign-in budget by rotating the header."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from core.client_ip import client_address


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not a proxy: the header is the client's own words
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # the web app's Node server on this host
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a client-written entry left of the proxy's
        ("10.0.5.4", "198.51.100.1, 10.0.5.9", "198.51.100.1"),  # two proxies of the trusted network in a row
        ("127.0.0.1", "not-an-address", "not-an-address"),
        ("127.0.0.1", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_the_rightmost_untrusted_address_is_the_client(
    settings: Any, remote: str, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.5.0/24"]
    meta = {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    assert client_address(meta) == expected


def _login_rate(settings: Any, rate: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": rate},
    }


def _sign_in(client: APIClient, n: int, forwarded: str) -> int:
    response = client.post(
        "/api/v1/users/token/", {"username": f"user{n}", "password": "x"}, HTTP_X_FORWARDED_FOR=forwarded
    )
    return int(response.status_code)


@pytest.mark.django_db
def test_a_direct_client_rotating_x_forwarded_for_is_throttled_by_its_own_address(settings: Any) -> None:
    _login_rate(settings, "3/min")
    direct = APIClient(REMOTE_ADDR="203.0.113.7")
    statuses = [_sign_in(direct, n, f"198.51.100.{n}") for n in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


@pytest.mark.django_db
def test_clients_behind_the_trusted_proxy_each_have_their_own_budget(settings: Any) -> None:
    _login_rate(settings, "3/min")
    proxy = APIClient(REMOTE_ADDR="127.0.0.1")
    assert [_sign_in(proxy, n, "198.51.100.1") for n in range(4)] == [401, 401, 401, 429]
    assert _sign_in(proxy, 9, "198.51.100.2") == 401
