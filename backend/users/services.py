"""Write-side services for accounts: registration, profile changes, password changes and sign-out."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from core.exceptions import ApplicationError, ConflictError, ErrorCode, field_error
from users.models import User


def _validate_new_password(*, password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        # Django's password validators give each refusal a code (password_too_short...) and its params.
        params = {key: value for error in exc.error_list for key, value in (error.params or {}).items()}
        raise ApplicationError(
            f"{field}: {' '.join(exc.messages)}",
            code=ErrorCode.WEAK_PASSWORD,
            extra={
                "fields": {field: list(exc.messages)},
                "field_codes": {field: [error.code or "invalid" for error in exc.error_list]},
                **params,
            },
        ) from exc


def _ensure_email_free(*, email: str, exclude_pk: int | None = None) -> None:
    taken = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if email and taken.exists():
        raise ConflictError(
            "email: an account with this email already exists.",
            code=ErrorCode.EMAIL_TAKEN,
            extra={"fields": {"email": [email]}, "field_codes": {"email": [ErrorCode.EMAIL_TAKEN]}},
        )


@transaction.atomic
def user_create(*, username: str, email: str, password: str) -> User:
    """Register a user after Django's password validators and uniqueness checks; the password is hashed (Argon2)."""
    if User.objects.filter(username__iexact=username).exists():
        raise ConflictError(
            "username: this username is already taken.",
            code=ErrorCode.USERNAME_TAKEN,
            extra={"fields": {"username": ["already taken"]}, "field_codes": {"username": [ErrorCode.USERNAME_TAKEN]}},
        )
    email = User.objects.normalize_email(email)
    _ensure_email_free(email=email)
    user = User(username=username, email=email)
    _validate_new_password(password=password, user=user, field="password")
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    display_name: str | None = None,
    email: str | None = None,
    language: str | None = None,
    base_currency: str | None = None,
) -> User:
    """Change the profile fields that were given; the others stay as they are."""
    changed: list[str] = []
    if email is not None:
        email = User.objects.normalize_email(email)
        _ensure_email_free(email=email, exclude_pk=user.pk)
        user.email = email
        changed.append("email")
    if display_name is not None:
        user.display_name = display_name
        changed.append("display_name")
    if language is not None:
        user.language = language
        changed.append("language")
    if base_currency is not None:
        user.base_currency = base_currency.upper()
        changed.append("base_currency")
    if changed:
        user.full_clean(exclude=["password", "username"])
        user.save(update_fields=changed)
    return user


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> None:
    """Check the old password, validate the new one and sign every other session out by revoking refresh tokens."""
    if not user.check_password(old_password):
        raise field_error("old_password", "the current password is not correct.", ErrorCode.WRONG_PASSWORD)
    _validate_new_password(password=new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    user_refresh_tokens_revoke(user=user)


def user_refresh_tokens_revoke(*, user: User) -> int:
    """Blacklist every outstanding refresh token of `user`; returns how many were newly revoked."""
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    revoked = BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in outstanding])
    return len(revoked)


def user_logout(*, refresh: str) -> None:
    """Blacklist the given refresh token so it can no longer be exchanged for access tokens."""
    try:
        RefreshToken(refresh).blacklist()  # type: ignore[arg-type]
    except TokenError as exc:
        raise field_error(
            "refresh", "the token is invalid, expired or already revoked.", ErrorCode.INVALID_TOKEN
        ) from exc
