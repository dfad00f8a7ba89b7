"""Install the beat schedule (settings.CELERY_BEAT_SCHEDULE) into django-celery-beat's tables; idempotent."""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry


class Command(BaseCommand):
    help = (
        "Create or update the periodic tasks (planner tick, portfolio values) that beat runs, editable in the admin; "
        "remove entries whose task no longer exists (a renamed or moved task)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The project's app (config.celery), which Django settings loading has made current.
        app = current_app
        app.loader.import_default_modules()  # register every task module, as a worker does at start-up
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            ModelEntry.from_entry(name, app=app, **entry)
        stale = PeriodicTask.objects.exclude(task__in=list(app.tasks)).order_by("name")
        for task in stale:
            self.stdout.write(f"{task.name}: removed, no worker knows its task {task.task}")
        stale.delete()
        with translation.override("en"):
            for task in PeriodicTask.objects.filter(name__in=list(settings.CELERY_BEAT_SCHEDULE)).order_by("name"):
                schedule = task.interval or task.crontab
                state = "enabled" if task.enabled else "disabled (kept as set in the admin)"
                self.stdout.write(f"{task.name}: {task.task} on queue {task.queue}, {schedule}, {state}")
