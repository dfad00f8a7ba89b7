"""Account Celery tasks: the password reset mail, sent outside the request."""

from __future__ import annotations

from celery import shared_task

from users.services import password_reset_mail_send as _send


@shared_task(name="users.tasks.password_reset_mail_send", queue="default")
def password_reset_mail_send(user_id: int) -> None:
    _send(user_id=user_id)
