"""Sessions across a password change: the session that changed it goes on with new tokens, every other session
ends at once (its refresh and its access token), and sign-out succeeds with the tokens the web app holds."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.portfolios.factories import new_user

PASSWORD = "correct-horse-battery-staple"
NEW_PASSWORD = "An0ther-long-pass"


def _signed_in(username: str) -> tuple[APIClient, dict[str, str]]:
    client = APIClient()
    tokens = client.post("/api/v1/users/token/", {"username": username, "password": PASSWORD}).json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    return client, tokens


def _refresh(refresh: str) -> Any:
    return APIClient().post("/api/v1/users/token/refresh/", {"refresh": refresh})


@pytest.mark.django_db
def test_password_change_keeps_this_session_with_new_tokens_and_ends_the_others() -> None:
    new_user(username="frank")
    laptop, laptop_tokens = _signed_in("frank")
    phone, phone_tokens = _signed_in("frank")

    changed = laptop.post("/api/v1/users/me/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert changed.status_code == 200
    new_tokens = changed.json()
    assert set(new_tokens) == {"access", "refresh"}

    # This session: the new access token works, the new refresh token rotates; the old ones are dead.
    laptop.credentials(HTTP_AUTHORIZATION=f"Bearer {new_tokens['access']}")
    assert laptop.get("/api/v1/users/me/").status_code == 200
    assert _refresh(new_tokens["refresh"]).status_code == 200
    assert _refresh(laptop_tokens["refresh"]).status_code == 401

    # The other session: its access token is refused now, not in 15 minutes, and its refresh token is revoked.
    refused = phone.get("/api/v1/users/me/")
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"
    assert _refresh(phone_tokens["refresh"]).status_code == 401


@pytest.mark.django_db
def test_sign_out_after_a_password_change_succeeds_with_the_new_and_the_revoked_refresh_token() -> None:
    new_user(username="grace")
    laptop, _ = _signed_in("grace")
    _, phone_tokens = _signed_in("grace")
    new_tokens = laptop.post(
        "/api/v1/users/me/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD}
    ).json()

    assert APIClient().post("/api/v1/users/logout/", {"refresh": new_tokens["refresh"]}).status_code == 200
    assert _refresh(new_tokens["refresh"]).status_code == 401
    # The phone's token was revoked by the change: signing out there is already done, not an error.
    assert APIClient().post("/api/v1/users/logout/", {"refresh": phone_tokens["refresh"]}).status_code == 200


@pytest.mark.django_db
def test_sign_out_twice_succeeds_but_a_forged_token_is_400() -> None:
    new_user(username="heidi")
    _, tokens = _signed_in("heidi")
    assert APIClient().post("/api/v1/users/logout/", {"refresh": tokens["refresh"]}).status_code == 200
    assert APIClient().post("/api/v1/users/logout/", {"refresh": tokens["refresh"]}).status_code == 200
    header, payload, signature = tokens["refresh"].split(".")
    forged = APIClient().post("/api/v1/users/logout/", {"refresh": f"{header}.{payload}.{signature[:-4]}AAAA"})
    assert forged.status_code == 400
    assert forged.json()["code"] == "invalid_token"
