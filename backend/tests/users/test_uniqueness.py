"""Usernames and emails are unique ignoring case in the database, and parallel registrations make one account."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from tests.conftest import POSTGRES
from tests.fresh_database import ENGINES, fresh_database, manage
from tests.portfolios.factories import new_user
from users.models import User


@pytest.fixture(params=ENGINES)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path)


PASSWORD = "correct-horse-battery-staple"
PARALLEL = 16


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"username": "carol"}, {"username": "CAROL"}),
        ({"username": "dave", "email": "dave@example.com"}, {"username": "dave2", "email": "Dave@example.com"}),
    ],
)
def test_the_database_refuses_a_case_variant(first: dict[str, str], second: dict[str, str]) -> None:
    User.objects.create(**first)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(**second)


@pytest.mark.django_db
def test_accounts_without_an_email_do_not_collide() -> None:
    User.objects.create(username="admin1", email="")
    User.objects.create(username="admin2", email="")
    assert User.objects.filter(email="").count() == 2


@pytest.mark.django_db
def test_changing_the_email_to_a_case_variant_of_a_taken_one_is_409(api_client: APIClient) -> None:
    new_user(username="erin", email="erin@example.com")
    api_client.force_authenticate(new_user(username="frank", email="frank@example.com"))
    response = api_client.patch("/api/v1/users/me/", {"email": "ERIN@example.com"})
    assert response.status_code == 409
    assert response.json()["message"].startswith("email:")


def _register_in_parallel(payloads: list[dict[str, str]]) -> Counter[int]:
    start = threading.Barrier(len(payloads))
    statuses: list[int] = []

    def register(payload: dict[str, str]) -> None:
        client = APIClient(raise_request_exception=False)
        start.wait()
        try:
            statuses.append(client.post("/api/v1/users/register/", payload, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(statuses)


@pytest.mark.integration
@pytest.mark.skipif(
    not POSTGRES,
    reason="needs PostgreSQL (DATABASE_URL; CI sets it): SQLite lets one writer in at a time, so there is no race",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "payloads",
    [
        pytest.param(
            [{"username": f"racer{i}", "email": "same@example.com", "password": PASSWORD} for i in range(PARALLEL)],
            id="one-email",
        ),
        pytest.param(
            [
                {"username": "rACER" if i % 2 else "Racer", "email": f"r{i}@example.com", "password": PASSWORD}
                for i in range(PARALLEL)
            ],
            id="one-username-in-two-cases",
        ),
    ],
)
def test_parallel_registrations_make_one_account_and_409s(payloads: list[dict[str, str]]) -> None:
    assert _register_in_parallel(payloads) == {201: 1, 409: PARALLEL - 1}
    assert User.objects.count() == 1


DUPLICATES = """
from django.db import connection
from django.db.migrations.loader import MigrationLoader
apps = MigrationLoader(connection).project_state(("users", "0001_initial")).apps
User = apps.get_model("users", "User")
User.objects.create(username="alice", email="alice@example.com")
User.objects.create(username="Alice", email="other@example.com")
User.objects.create(username="bob", email="Alice@Example.com")
"""


def test_the_migration_names_existing_duplicates(fresh_database_url: str) -> None:
    for step in (("migrate", "--no-input", "users", "0001_initial"), ("shell", "--no-imports", "-c", DUPLICATES)):
        result = manage(*step, database_url=fresh_database_url)
        assert result.returncode == 0, f"{step[0]}: {result.stderr}"
    result = manage("migrate", "--no-input", database_url=fresh_database_url)
    assert result.returncode != 0
    assert "Cannot make usernames and emails unique ignoring case" in result.stderr
    assert "username 'alice': accounts 1, 2" in result.stderr
    assert "email 'alice@example.com': accounts 1, 3" in result.stderr
