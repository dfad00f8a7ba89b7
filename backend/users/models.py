"""The custom user model (AUTH_USER_MODEL = users.User)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class Language(models.TextChoices):
    KOREAN = "ko", "한국어"
    ENGLISH = "en", "English"


class User(AbstractUser):
    email = models.EmailField(blank=True)
    display_name = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.KOREAN)
    base_currency = models.CharField(max_length=3, default="USD")

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # django-stubs does not declare it
        # Unique ignoring case in the database, so concurrent registrations cannot make "Alice" next to "alice"
        # (the application's check alone let 16 parallel requests make 8 accounts). Accounts without an email
        # (createsuperuser allows that) are not counted.
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_ci",
                violation_error_message="An account with this username already exists.",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ci",
                violation_error_message="An account with this email already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username
