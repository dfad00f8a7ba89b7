"""Password reset by email: one answer whether or not the email has an account, a mail with a link whose token
works once, a wrong token refused with a code, the new password's rules, and every session ended."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from rest_framework.test import APIClient

from config.celery import app as celery_app
from tests.portfolios.factories import new_user

PASSWORD = "correct-horse-battery-staple"
NEW_PASSWORD = "An0ther-long-pass"
REQUEST = "/api/v1/users/password-reset/"
CONFIRM = "/api/v1/users/password-reset/confirm/"


@pytest.fixture(autouse=True)
def eager_tasks() -> Iterator[None]:
    """The mail task runs in the request's process, as a worker would run it."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def _link_params() -> dict[str, str]:
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", str(message.body))
    assert link is not None
    query = parse_qs(urlparse(link.group(0)).query)
    assert urlparse(link.group(0)).path == "/reset-password/confirm"
    return {"uid": query["uid"][0], "token": query["token"][0]}


@pytest.mark.django_db(transaction=True)
def test_the_request_answers_the_same_for_a_known_and_an_unknown_email() -> None:
    new_user(username="ivy", email="ivy@example.com")
    known = APIClient().post(REQUEST, {"email": "ivy@example.com"})
    unknown = APIClient().post(REQUEST, {"email": "nobody@example.com"})
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert (known.json(), unknown.json()) == ({"email": "ivy@example.com"}, {"email": "nobody@example.com"})
    assert known.headers.keys() == unknown.headers.keys()
    assert APIClient().post(REQUEST, {"email": "IVY@Example.com"}).status_code == 202
    assert [message.to for message in mail.outbox] == [["ivy@example.com"], ["ivy@example.com"]]


@pytest.mark.django_db(transaction=True)
def test_the_link_sets_a_new_password_once_and_ends_every_session() -> None:
    user = new_user(username="jay", email="jay@example.com")
    session = APIClient().post("/api/v1/users/token/", {"username": "jay", "password": PASSWORD}).json()
    APIClient().post(REQUEST, {"email": "jay@example.com"})
    params = _link_params()

    assert APIClient().post(CONFIRM, {**params, "new_password": NEW_PASSWORD}).status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Single use: the token hashed the old password.
    again = APIClient().post(CONFIRM, {**params, "new_password": "Yet-another-pass-9"})
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_reset_link"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The sessions from before the reset are over.
    assert APIClient().post("/api/v1/users/token/refresh/", {"refresh": session["refresh"]}).status_code == 401
    old_access = APIClient()
    old_access.credentials(HTTP_AUTHORIZATION=f"Bearer {session['access']}")
    assert old_access.get("/api/v1/users/me/").status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "bad",
    [
        {"token": "wrong-token"},
        {"uid": "MTIzNDU2Nzg"},  # "12345678": no such user
        {"uid": "%%%"},
        {"uid": "MTg0NDY3NDQwNzM3MDk1NTE2MTY"},  # "18446744073709551616" (2^64): beyond the id column
    ],
)
def test_a_wrong_token_or_uid_is_400_and_changes_nothing(bad: dict[str, str]) -> None:
    user = new_user(username="kim", email="kim@example.com")
    APIClient().post(REQUEST, {"email": "kim@example.com"})
    params = {**_link_params(), **bad}
    response = APIClient().post(CONFIRM, {**params, "new_password": NEW_PASSWORD})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_reset_link"
    assert response.json()["extra"]["field_codes"] == {"token": ["invalid_reset_link"]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_a_weak_new_password_is_refused_and_the_link_stays_usable() -> None:
    new_user(username="lee", email="lee@example.com")
    APIClient().post(REQUEST, {"email": "lee@example.com"})
    params = _link_params()
    weak = APIClient().post(CONFIRM, {**params, "new_password": "zzzzzzzzzzzz"})
    assert weak.status_code == 400
    assert weak.json()["extra"]["field_codes"] == {"new_password": ["password_too_few_distinct"]}
    assert APIClient().post(CONFIRM, {**params, "new_password": NEW_PASSWORD}).status_code == 204


@pytest.mark.django_db(transaction=True)
def test_requests_for_one_email_are_throttled(settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "password_reset": "2/hour"},
    }
    new_user(username="max", email="max@example.com")
    statuses = [
        APIClient(REMOTE_ADDR=f"10.9.0.{n}").post(REQUEST, {"email": "max@example.com"}).status_code for n in range(3)
    ]
    assert statuses == [202, 202, 429]
    assert len(mail.outbox) == 2
