"""Password hashing and rules: Argon2 at the configured cost, one hash for an unknown username as for a known one,
old PBKDF2 hashes upgraded at sign-in, a cap on concurrent hashes answered 503 with Retry-After, and the
validators' refusals as codes the web app translates."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import extract_parameters
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from rest_framework.test import APIClient

from tests.portfolios.factories import new_user
from users import hashers
from users.hashers import SizedArgon2PasswordHasher
from users.models import User

PASSWORD = "correct-horse-battery-staple"
# The production hasher list at a small cost, so a test hashes in milliseconds (the cost is a setting).
ARGON2 = {
    "PASSWORD_HASHERS": ["users.hashers.SizedArgon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "PASSWORD_ARGON2_TIME_COST": 1,
    "PASSWORD_ARGON2_MEMORY_KIB": 64,
    "PASSWORD_ARGON2_PARALLELISM": 1,
}


@pytest.fixture
def argon2() -> Iterator[None]:
    with override_settings(**ARGON2):
        yield


class HashCounter:
    """Counts the Argon2 hashes computed (encode: a new hash, verify: a check against a stored one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        for name in ("encode", "verify"):
            original = getattr(SizedArgon2PasswordHasher, name)
            monkeypatch.setattr(SizedArgon2PasswordHasher, name, self._counted(name, original))

    def _counted(self, name: str, original: Any) -> Any:
        def counted(hasher: Any, *args: Any) -> Any:
            self.calls.append(name)
            return original(hasher, *args)

        return counted


def _sign_in(username: str, password: str = PASSWORD) -> Any:
    return APIClient().post("/api/v1/users/token/", {"username": username, "password": password})


@pytest.mark.django_db
@pytest.mark.usefixtures("argon2")
def test_new_passwords_are_argon2id_at_the_configured_cost() -> None:
    user = new_user(username="ann")
    user.set_password(PASSWORD)
    user.save()
    algorithm, rest = user.password.split("$", 1)
    assert algorithm == "argon2"
    parameters = extract_parameters("$" + rest)  # argon2-cffi reads the encoded hash itself
    assert (parameters.type.name, parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (
        "ID",
        1,
        64,
        1,
    )


def test_the_default_cost_is_the_documented_one(settings: Any) -> None:
    # config/settings/auth.py, measured by bench/password_hash.py and explained in docs/operations.md.
    assert (settings.PASSWORD_ARGON2_TIME_COST, settings.PASSWORD_ARGON2_MEMORY_KIB) == (2, 19456)
    assert settings.PASSWORD_ARGON2_PARALLELISM == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("argon2")
def test_an_unknown_username_costs_one_hash_like_a_known_one(monkeypatch: pytest.MonkeyPatch) -> None:
    user = new_user(username="bea")
    user.set_password(PASSWORD)
    user.save()
    counter = HashCounter(monkeypatch)

    assert _sign_in("bea", "wrong-password").status_code == 401
    known = list(counter.calls)
    counter.calls.clear()
    assert _sign_in("nobody-by-this-name", "wrong-password").status_code == 401
    unknown = list(counter.calls)

    assert len(known) == 1
    assert len(unknown) == 1  # Django's ModelBackend hashes the password once for a name it does not know


@pytest.mark.django_db
@pytest.mark.usefixtures("argon2")
def test_a_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in() -> None:
    user = new_user(username="cho")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert _sign_in("cho").status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
    assert _sign_in("cho").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("argon2")
def test_an_argon2_hash_of_another_cost_is_rehashed_at_sign_in() -> None:
    user = new_user(username="dee")
    with override_settings(PASSWORD_ARGON2_MEMORY_KIB=128):
        user.set_password(PASSWORD)
        user.save()
    assert "$m=128," in user.password
    assert _sign_in("dee").status_code == 200
    user.refresh_from_db()
    assert "$m=64," in user.password


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("argon2")
def test_sign_ins_beyond_the_hashing_cap_are_503_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    user = new_user(username="eve")
    user.set_password(PASSWORD)
    user.save()
    release = threading.Event()
    entered = threading.Semaphore(0)
    original = hashers.Argon2PasswordHasher.verify

    def slow_verify(hasher: Any, password: str, encoded: str) -> bool:
        # Holds a slot the way a long hash would, until the test lets it go.
        entered.release()
        release.wait(10)
        return bool(original(hasher, password, encoded))

    with override_settings(PASSWORD_HASH_CONCURRENCY=1, PASSWORD_HASH_WAIT_SECONDS=0.2):
        monkeypatch.setattr(hashers.Argon2PasswordHasher, "verify", slow_verify)
        results: list[int] = []
        holder = threading.Thread(target=lambda: results.append(_sign_in("eve").status_code))
        holder.start()
        assert entered.acquire(timeout=10)
        busy = _sign_in("eve")
        release.set()
        holder.join(10)

    assert busy.status_code == 503
    assert busy.json()["code"] == "server_busy"
    assert busy["Retry-After"] == "1"
    assert results == [200]  # the request holding the slot finished normally


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("        ", "password_too_few_distinct"),
        ("zzzzzzzzzzzz", "password_too_few_distinct"),
        ("short1!", "password_too_short"),
        ("password123", "password_too_common"),
        ("83017462951", "password_entirely_numeric"),
        ("mallory-example", "password_too_similar"),
    ],
)
def test_registration_refuses_weak_passwords_with_a_code_per_rule(
    api_client: APIClient, password: str, code: str
) -> None:
    response = api_client.post(
        "/api/v1/users/register/",
        {"username": "mallory", "email": "mallory-example@example.com", "password": password},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "weak_password"
    assert code in body["extra"]["field_codes"]["password"]
    assert not User.objects.filter(username="mallory").exists()
