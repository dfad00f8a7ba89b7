"""Failure handling for the refresh status: dead letters not yet re-queued and the latest consistency check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from stocks.models import ConsistencyCheck, ConsistencyFinding, DeadLetter, FindingKind
from stocks.services.consistency import BALANCE_TOLERANCE, PRICE_TOLERANCE, VOLUME_TOLERANCE

LATEST_SHOWN = 10


@dataclass(frozen=True, slots=True)
class DeadLetterItem:
    id: int
    task_name: str
    queue: str
    args: Sequence[Any]
    kwargs: Mapping[str, Any]
    exception_type: str
    reason: str
    retries: int
    failed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DeadLetters:
    open: int  # not yet re-queued
    total: int
    latest: Sequence[DeadLetterItem]  # newest first, open ones only


@dataclass(frozen=True, slots=True)
class FindingItem:
    symbol: str
    kind: str
    date: dt.date | None
    detail: str


@dataclass(frozen=True, slots=True)
class Consistency:
    checked_at: dt.datetime | None  # None before the first run
    symbols_checked: int
    findings: int
    by_kind: Mapping[str, int]  # every FindingKind value, 0 when none
    latest: Sequence[FindingItem]
    tolerances: Mapping[str, float]


def dead_letters_get() -> DeadLetters:
    open_letters = DeadLetter.objects.filter(requeued_at__isnull=True)
    latest = [
        DeadLetterItem(
            id=letter.pk,
            task_name=letter.task_name,
            queue=letter.queue,
            args=letter.args,
            kwargs=letter.kwargs,
            exception_type=letter.exception_type,
            reason=letter.reason,
            retries=letter.retries,
            failed_at=letter.failed_at,
        )
        for letter in open_letters.order_by("-failed_at", "-id")[:LATEST_SHOWN]
    ]
    return DeadLetters(open=open_letters.count(), total=DeadLetter.objects.count(), latest=latest)


def consistency_get() -> Consistency:
    tolerances = {
        "weekly_price_relative": float(PRICE_TOLERANCE),
        "weekly_volume_relative": float(VOLUME_TOLERANCE),
        "balance_sheet_relative": float(BALANCE_TOLERANCE),
    }
    run = ConsistencyCheck.objects.filter(finished_at__isnull=False).order_by("-started_at", "-id").first()
    if run is None:
        return Consistency(None, 0, 0, {kind.value: 0 for kind in FindingKind}, [], tolerances)
    findings = ConsistencyFinding.objects.filter(check_run=run)
    counts = dict(findings.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    latest = [
        FindingItem(symbol=f.stock_id, kind=f.kind, date=f.date, detail=f.detail)
        for f in findings.order_by("-date", "stock_id", "kind")[:LATEST_SHOWN]
    ]
    return Consistency(
        checked_at=run.finished_at,
        symbols_checked=run.symbols_checked,
        findings=run.findings_count,
        by_kind={kind.value: counts.get(kind.value, 0) for kind in FindingKind},
        latest=latest,
        tolerances=tolerances,
    )
