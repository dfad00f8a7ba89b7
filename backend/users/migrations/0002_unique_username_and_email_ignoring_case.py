"""Usernames and emails unique ignoring case (users.models.User.Meta); existing duplicates are named first."""

from __future__ import annotations

from typing import Any

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count, Q
from django.db.models.functions import Lower


def _duplicates(users: Any, field: str) -> list[str]:
    """'value' (ids 1, 7) for each value of `field` that several accounts share ignoring case."""
    shared = (
        users.objects.exclude(**{field: ""})
        .annotate(folded=Lower(field))
        .values("folded")
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
        .order_by("folded")
    )
    lines = []
    for row in shared:
        ids = users.objects.annotate(folded=Lower(field)).filter(folded=row["folded"]).order_by("id")
        lines.append(f"  {field} {row['folded']!r}: accounts {', '.join(str(pk) for pk in ids.values_list('id', flat=True))}")
    return lines


def refuse_duplicates(apps: Any, schema_editor: Any) -> None:
    users = apps.get_model("users", "User")
    lines = _duplicates(users, "username") + _duplicates(users, "email")
    if lines:
        raise RuntimeError(
            "Cannot make usernames and emails unique ignoring case: these accounts share one.\n"
            + "\n".join(lines)
            + "\nRename or merge them (python manage.py shell, or the admin), then run migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("users", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="user_username_unique_ci",
                violation_error_message="An account with this username already exists.",
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ci",
                violation_error_message="An account with this email already exists.",
            ),
        ),
    ]
