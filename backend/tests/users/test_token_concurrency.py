"""Refresh-token rotation on PostgreSQL: one refresh token redeemed by many requests at once works exactly once."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from tests.conftest import POSTGRES
from tests.portfolios.factories import new_user

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not POSTGRES,
        reason="needs PostgreSQL (DATABASE_URL; CI sets it): SQLite lets one writer in at a time, so there is no race",
    ),
    pytest.mark.django_db(transaction=True),
]

PARALLEL = 16


def test_sixteen_parallel_redemptions_of_one_refresh_token_give_exactly_one_success() -> None:
    refresh = str(RefreshToken.for_user(new_user(username="racer")))
    start = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    issued: list[str] = []

    def redeem() -> None:
        client = APIClient(raise_request_exception=False)
        start.wait()
        try:
            response = client.post("/api/v1/users/token/refresh/", {"refresh": refresh}, format="json")
            statuses.append(response.status_code)
            if response.status_code == 200:
                issued.append(response.json()["refresh"])
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(statuses) == {200: 1, 401: PARALLEL - 1}
    # The one rotated token works once more, and the redeemed one stays refused.
    client = APIClient()
    assert client.post("/api/v1/users/token/refresh/", {"refresh": issued[0]}, format="json").status_code == 200
    assert client.post("/api/v1/users/token/refresh/", {"refresh": refresh}, format="json").status_code == 401
