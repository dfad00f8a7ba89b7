"""URL routes of the users app (mounted at /api/v1/users/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from users.apis import (
    LogoutApi,
    MeApi,
    PasswordChangeApi,
    PasswordResetConfirmApi,
    PasswordResetRequestApi,
    TokenObtainApi,
    TokenRefreshApi,
    UserRegisterApi,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("register/", UserRegisterApi.as_view(), name="user-register"),
    path("token/", TokenObtainApi.as_view(), name="token-obtain"),
    path("token/refresh/", TokenRefreshApi.as_view(), name="token-refresh"),
    path("logout/", LogoutApi.as_view(), name="user-logout"),
    path("me/", MeApi.as_view(), name="user-me"),
    path("me/password/", PasswordChangeApi.as_view(), name="user-password"),
    path("password-reset/", PasswordResetRequestApi.as_view(), name="password-reset"),
    path("password-reset/confirm/", PasswordResetConfirmApi.as_view(), name="password-reset-confirm"),
]
