"""Accounts over HTTP: register, sign in, refresh rotation, sign out, profile, password change, throttling, 401s."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from tests.portfolios.factories import new_user
from users.models import User

PASSWORD = "correct-horse-battery-staple"


def _sign_in(client: APIClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/api/v1/users/token/", {"username": username, "password": password}, format="json")


@pytest.mark.django_db
def test_register_then_sign_in_and_read_the_profile(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/users/register/", {"username": "alice", "email": "Alice@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 201
    assert response.json()["username"] == "alice"
    assert "password" not in response.json()
    stored = User.objects.get(username="alice")
    assert stored.password != PASSWORD
    assert stored.check_password(PASSWORD)

    tokens = _sign_in(api_client, "alice").json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    me = api_client.get("/api/v1/users/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "Alice@example.com"
    assert me.json()["language"] == "ko"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "bob", "email": "bob@example.com", "password": "123"}, "password"),
        ({"username": "bob", "email": "bob@example.com", "password": "password"}, "password"),
        ({"username": "bob", "email": "not-an-email", "password": PASSWORD}, "email"),
        ({"username": "b!", "email": "bob@example.com", "password": PASSWORD}, "username"),
    ],
)
def test_register_rejects_bad_input_naming_the_field(
    api_client: APIClient, payload: dict[str, str], field: str
) -> None:
    response = api_client.post("/api/v1/users/register/", payload)
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{field}:")
    assert not User.objects.filter(username=payload["username"]).exists()


@pytest.mark.django_db
def test_register_refuses_a_taken_username_or_email(api_client: APIClient) -> None:
    new_user(username="carol", email="carol@example.com")
    taken_name = api_client.post(
        "/api/v1/users/register/", {"username": "Carol", "email": "c2@example.com", "password": PASSWORD}
    )
    taken_email = api_client.post(
        "/api/v1/users/register/", {"username": "carol2", "email": "CAROL@example.com", "password": PASSWORD}
    )
    assert (taken_name.status_code, taken_email.status_code) == (409, 409)
    # The same answer for either, so registration does not tell which usernames or emails exist.
    assert taken_name.json() == taken_email.json()
    assert taken_email.json()["message"] == "An account with this username or email already exists."
    assert taken_email.json()["code"] == "account_exists"
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_wrong_password_is_401(api_client: APIClient) -> None:
    new_user(username="dave")
    response = _sign_in(api_client, "dave", "wrong-password")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_refresh_rotates_and_logout_blacklists_the_refresh_token(api_client: APIClient) -> None:
    new_user(username="erin")
    tokens = _sign_in(api_client, "erin").json()
    rotated = api_client.post("/api/v1/users/token/refresh/", {"refresh": tokens["refresh"]})
    assert rotated.status_code == 200
    assert {"access", "refresh"} <= rotated.json().keys()
    # Rotation blacklists the used refresh token.
    assert api_client.post("/api/v1/users/token/refresh/", {"refresh": tokens["refresh"]}).status_code == 401

    new_refresh = rotated.json()["refresh"]
    assert api_client.post("/api/v1/users/logout/", {"refresh": new_refresh}).status_code == 200
    after = api_client.post("/api/v1/users/token/refresh/", {"refresh": new_refresh})
    assert after.status_code == 401


@pytest.mark.django_db
def test_logout_with_a_garbage_token_is_400_naming_refresh(api_client: APIClient) -> None:
    response = api_client.post("/api/v1/users/logout/", {"refresh": "not-a-token"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("refresh:")


@pytest.mark.django_db
def test_profile_update_and_bad_values(auth_client: APIClient, user: User) -> None:
    response = auth_client.patch(
        "/api/v1/users/me/", {"display_name": "Kim", "language": "en", "base_currency": "krw"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["display_name"], response.json()["language"], response.json()["base_currency"]) == (
        "Kim",
        "en",
        "KRW",
    )
    bad = auth_client.patch("/api/v1/users/me/", {"language": "fr"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("language:")
    user.refresh_from_db()
    assert user.language == "en"


@pytest.mark.django_db
def test_password_change_checks_the_old_one_and_refuses_a_weak_new_one(api_client: APIClient) -> None:
    new_user(username="frank")
    tokens = _sign_in(api_client, "frank").json()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")

    wrong = api_client.post("/api/v1/users/me/password/", {"old_password": "nope", "new_password": "An0ther-long-pass"})
    assert wrong.status_code == 400
    assert wrong.json()["message"].startswith("old_password:")
    weak = api_client.post("/api/v1/users/me/password/", {"old_password": PASSWORD, "new_password": "12345678"})
    assert weak.status_code == 400
    assert weak.json()["message"].startswith("new_password:")
    fresh = APIClient()
    assert _sign_in(fresh, "frank").status_code == 200
    assert _sign_in(fresh, "frank", "An0ther-long-pass").status_code == 401


@pytest.mark.django_db
def test_anonymous_expired_and_tampered_tokens_are_401(api_client: APIClient) -> None:
    user = new_user()
    assert api_client.get("/api/v1/users/me/").status_code == 401

    expired = AccessToken.for_user(user)
    expired.set_exp(lifetime=-dt.timedelta(seconds=1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {expired}")
    assert api_client.get("/api/v1/users/me/").status_code == 401

    valid = str(AccessToken.for_user(user))
    header, payload, signature = valid.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tampered}")
    response = api_client.get("/api/v1/users/me/")
    assert response.status_code == 401
    assert response.json()["code"] in ("authentication_failed", "token_not_valid")

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {valid}")
    assert api_client.get("/api/v1/users/me/").status_code == 200


def _login_rate(settings: Any, rate: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": rate},
    }


@pytest.mark.django_db
def test_sign_in_is_throttled_per_ip(api_client: APIClient, settings: Any) -> None:
    _login_rate(settings, "3/min")
    for name in ("u1", "u2", "u3"):
        assert _sign_in(api_client, name, "x").status_code == 401
    blocked = _sign_in(api_client, "u4", "x")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["code"] == "throttled"


@pytest.mark.django_db
def test_sign_in_is_throttled_per_username_across_addresses(settings: Any) -> None:
    _login_rate(settings, "3/min")
    new_user(username="grace")
    for n in range(3):
        client = APIClient(REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert _sign_in(client, "grace", "guess").status_code == 401
    other_address = APIClient(REMOTE_ADDR="10.0.0.99")
    assert _sign_in(other_address, "GRACE").status_code == 429
    assert _sign_in(other_address, "someone-else", "x").status_code == 401


@pytest.mark.django_db
def test_access_tokens_last_15_minutes_and_refresh_tokens_7_days(api_client: APIClient) -> None:
    new_user(username="heidi")
    tokens = _sign_in(api_client, "heidi").json()
    access = AccessToken(tokens["access"])
    refresh = RefreshToken(tokens["refresh"])
    assert access["exp"] - access["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 7 * 24 * 3600


@pytest.mark.django_db
def test_a_deleted_users_refresh_token_is_401(api_client: APIClient) -> None:
    user = new_user(username="gone")
    refresh = str(RefreshToken.for_user(user))
    user.delete()
    client = APIClient(raise_request_exception=False)
    response = client.post("/api/v1/users/token/refresh/", {"refresh": refresh}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
