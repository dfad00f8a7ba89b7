"""Admin for users: Django's user admin plus the profile fields."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from users.models import User


@admin.register(User)
class StockVisUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Profile", {"fields": ("display_name", "language", "base_currency")}))
    list_display = ("username", "email", "display_name", "language", "is_staff", "date_joined")
