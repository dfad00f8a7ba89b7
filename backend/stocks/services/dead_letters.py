"""Dead letters: Celery tasks that failed for good are recorded (secrets removed) from Celery's task_failure signal,
listed in the admin and the refresh status, and can be re-queued with the arguments they had."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from celery import Task, current_app
from celery.signals import task_failure
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from core.logging import redact
from stocks.models import DeadLetter

logger = logging.getLogger(__name__)

REDACTED = "***"  # the marker core.logging.redact writes too
# Argument names whose values are secrets, wherever they appear in a task's arguments (nested dicts included).
_SECRET_NAME = re.compile(r"(api[_-]?key|apikey|token|secret|password|passwd|authorization|credential)", re.I)
# What core.logging.redact (API keys, bearer tokens, passwords) does not cover: tokens and secrets as parameters.
_TOKEN_IN_TEXT = re.compile(r"((?:token|secret)=)[^&\s'\"]+", re.I)
TRACEBACK_LIMIT = 20_000


def _configured_secrets() -> list[str]:
    values = [getattr(settings, "ALPHA_VANTAGE_API_KEY", ""), settings.SECRET_KEY]
    return [value for value in values if isinstance(value, str) and len(value) >= 4]


def redact_text(text: str) -> tuple[str, bool]:
    """`text` with secrets replaced by REDACTED, and whether anything was replaced."""
    cleaned = _TOKEN_IN_TEXT.sub(rf"\g<1>{REDACTED}", redact(text))
    for secret in _configured_secrets():
        cleaned = cleaned.replace(secret, REDACTED)
    return cleaned, cleaned != text


def redact_value(value: Any, *, name: str = "") -> tuple[Any, bool]:
    """A JSON-safe copy of a task argument with secrets replaced, and whether anything was replaced."""
    if name and _SECRET_NAME.search(name) and value not in (None, ""):
        return REDACTED, True
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        changed = False
        for key, item in value.items():
            out[str(key)], hit = redact_value(item, name=str(key))
            changed = changed or hit
        return out, changed
    if isinstance(value, list | tuple):
        items = [redact_value(item) for item in value]
        return [item for item, _ in items], any(hit for _, hit in items)
    if isinstance(value, str):
        return redact_text(value)
    if value is None or isinstance(value, bool | int | float):
        return value, False
    return redact_text(repr(value))


def dead_letter_create(
    *,
    task_id: str,
    task_name: str,
    queue: str,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    exception: BaseException,
    traceback: str,
    retries: int,
) -> DeadLetter:
    """Store one task that failed for good, with secrets removed from its arguments, reason and traceback."""
    clean_args, args_hit = redact_value(list(args))
    clean_kwargs, kwargs_hit = redact_value(dict(kwargs))
    reason, _ = redact_text(str(exception) or type(exception).__name__)
    trace, _ = redact_text(traceback[-TRACEBACK_LIMIT:])
    return DeadLetter.objects.create(
        task_id=task_id,
        task_name=task_name,
        queue=queue,
        args=clean_args,
        kwargs=clean_kwargs,
        redacted=args_hit or kwargs_hit,
        exception_type=f"{type(exception).__module__}.{type(exception).__qualname__}",
        reason=reason,
        traceback=trace,
        retries=retries,
        failed_at=timezone.now(),
    )


def _on_task_failure(
    sender: Task | None = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    """Celery sends task_failure once a task has failed for good: after its last retry, or at once for an error it
    does not retry (a Retry in between sends task_retry instead)."""
    if sender is None or exception is None:
        return
    request = sender.request
    delivery = getattr(request, "delivery_info", None) or {}
    try:
        dead_letter_create(
            task_id=task_id or "",
            task_name=sender.name,
            queue=str(delivery.get("routing_key") or getattr(sender, "queue", None) or ""),
            args=list(args or ()),
            kwargs=dict(kwargs or {}),
            exception=exception,
            traceback=str(einfo.traceback) if einfo is not None else "",
            retries=int(getattr(request, "retries", 0) or 0),
        )
    except DatabaseError:
        # The failure may be the database itself; the worker's log still has the task's error.
        logger.exception("Could not record the dead letter of task %s (%s)", sender.name, task_id)


def connect_receivers() -> None:
    task_failure.connect(_on_task_failure, weak=False, dispatch_uid="stocks.dead_letters")


@dataclass(frozen=True, slots=True)
class RequeueOutcome:
    letter_id: int
    task_name: str
    task_id: str | None  # the new task's id; None when it was not re-queued
    refused: str | None  # why it was not re-queued


def dead_letters_requeue(*, letters: Iterable[DeadLetter]) -> list[RequeueOutcome]:
    """Queue each letter's task again with its stored arguments, on its queue, and mark the letter re-queued.

    Refused: a letter already re-queued, one whose arguments had secrets removed, or one whose task no worker knows.
    """
    app = current_app
    app.loader.import_default_modules()
    outcomes: list[RequeueOutcome] = []
    for letter in letters:
        refused = None
        if letter.requeued_at is not None:
            refused = f"already re-queued at {letter.requeued_at.isoformat()} as {letter.requeued_task_id}"
        elif letter.redacted:
            refused = "its arguments had secrets removed; queue it by hand with the real values"
        elif letter.task_name not in app.tasks:
            refused = f"no task named {letter.task_name} is registered"
        if refused is not None:
            outcomes.append(RequeueOutcome(letter.pk, letter.task_name, None, refused))
            continue
        options: dict[str, Any] = {"queue": letter.queue} if letter.queue else {}
        result = app.tasks[letter.task_name].apply_async(args=letter.args, kwargs=letter.kwargs, **options)
        letter.requeued_at = timezone.now()
        letter.requeued_task_id = str(result.id)
        letter.save(update_fields=["requeued_at", "requeued_task_id"])
        outcomes.append(RequeueOutcome(letter.pk, letter.task_name, str(result.id), None))
    return outcomes
