"""The custom user model (AUTH_USER_MODEL = users.User)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Language(models.TextChoices):
    KOREAN = "ko", "한국어"
    ENGLISH = "en", "English"


class User(AbstractUser):
    email = models.EmailField(blank=True)
    display_name = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.KOREAN)
    base_currency = models.CharField(max_length=3, default="USD")

    def __str__(self) -> str:
        return self.display_name or self.username
