"""`requeue_dead_letters [--id N ...]`: queue the tasks of dead letters again (default: every one not yet re-queued)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stocks.models import DeadLetter
from stocks.services.dead_letters import dead_letters_requeue


class Command(BaseCommand):
    help = (
        "Queue the tasks of dead letters again with their stored arguments, on their queue. Without --id: every "
        "letter not yet re-queued. A letter whose arguments had secrets removed is refused and named."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--id", type=int, action="append", dest="ids", metavar="N", help="A letter's id; repeatable."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] | None = options["ids"]
        if ids:
            letters = list(DeadLetter.objects.filter(pk__in=ids).order_by("pk"))
            missing = sorted(set(ids) - {letter.pk for letter in letters})
            if missing:
                raise CommandError(f"--id: no dead letter {', '.join(map(str, missing))}; nothing was re-queued.")
        else:
            letters = list(DeadLetter.objects.filter(requeued_at__isnull=True).order_by("pk"))
        if not letters:
            self.stdout.write("No dead letters to re-queue.")
            return
        outcomes = dead_letters_requeue(letters=letters)
        for outcome in outcomes:
            if outcome.refused:
                self.stdout.write(f"#{outcome.letter_id} {outcome.task_name}: not re-queued, {outcome.refused}")
            else:
                self.stdout.write(f"#{outcome.letter_id} {outcome.task_name}: re-queued as task {outcome.task_id}")
        requeued = sum(1 for outcome in outcomes if outcome.refused is None)
        self.stdout.write(f"{requeued} of {len(outcomes)} re-queued.")
