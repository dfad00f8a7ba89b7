"""Install the beat schedule (settings.CELERY_BEAT_SCHEDULE) into django-celery-beat's tables; idempotent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry

from config.celery import app


class Command(BaseCommand):
    help = "Create or update the periodic tasks (planner tick, portfolio values) that beat runs; editable in the admin."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            ModelEntry.from_entry(name, app=app, **entry)
        with translation.override("en"):
            for task in PeriodicTask.objects.filter(name__in=list(settings.CELERY_BEAT_SCHEDULE)).order_by("name"):
                schedule = task.interval or task.crontab
                state = "enabled" if task.enabled else "disabled (kept as set in the admin)"
                self.stdout.write(f"{task.name}: {task.task} on queue {task.queue}, {schedule}, {state}")
