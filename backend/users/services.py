"""Write-side services for accounts: registration, profile changes, password changes and sign-out."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from core.currencies import currency_normalize
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


# One answer whichever of the two is taken, so registration does not tell which usernames or emails exist; the
# web app shows it under both fields.
ACCOUNT_EXISTS = "An account with this username or email already exists."


def _account_exists() -> ConflictError:
    """One answer for a taken username and a taken email (registration does not reveal which accounts exist);
    a form-level error, so the web app shows it once rather than under both fields."""
    return ConflictError(ACCOUNT_EXISTS, code=ErrorCode.ACCOUNT_EXISTS)


def _email_taken(email: str) -> ConflictError:
    return ConflictError(
        "email: an account with this email already exists.",
        code=ErrorCode.EMAIL_TAKEN,
        extra={"fields": {"email": [email]}, "field_codes": {"email": [ErrorCode.EMAIL_TAKEN]}},
    )


def _ensure_email_free(*, email: str, exclude_pk: int | None = None) -> None:
    taken = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if email and taken.exists():
        raise _email_taken(email)


def user_create(*, username: str, email: str, password: str) -> User:
    """Register a user after Django's password validators and uniqueness checks; the password is hashed (Argon2).

    Usernames and emails are unique ignoring case in the database (users.models.User.Meta): of concurrent
    registrations with one of them, the first insert wins and the others get the same 409 as a taken one.
    """
    email = User.objects.normalize_email(email)
    user = User(username=username, email=email)
    _validate_new_password(password=password, user=user, field="password")
    if User.objects.filter(Q(username__iexact=username) | Q(email__iexact=email)).exists():
        raise _account_exists()
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise _account_exists() from exc
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
        user.base_currency = currency_normalize(base_currency)
        changed.append("base_currency")
    if changed:
        user.full_clean(exclude=["password", "username"])
        try:
            with transaction.atomic():
                user.save(update_fields=changed)
        except IntegrityError as exc:  # the same email taken by a concurrent registration or update
            raise _email_taken(user.email) from exc
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


def user_token_refresh(*, refresh: str) -> dict[str, str]:
    """A new access token and a rotated refresh token for `refresh`, which is used up: single-use even when many
    requests redeem it at once.

    TokenError (the view's 401) when the token is invalid, expired or already used, or its user was deleted or
    deactivated. simplejwt's own serializer fails here twice: its `.get()` of the user is a 500 for a deleted one,
    and its blacklist `get_or_create` lets every concurrent redemption through (the losers of the insert race
    read the winner's row and carry on). Here the blacklist row is a plain insert that the unique token column
    admits once; a concurrent insert waits for the first to commit and then fails.
    """
    token = RefreshToken(refresh)  # type: ignore[arg-type]  # checks signature, expiry and the blacklist
    user_id = token.payload.get(jwt_settings.USER_ID_CLAIM)
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None or not jwt_settings.USER_AUTHENTICATION_RULE(user):
        raise TokenError("No active account found for the given token.")
    with transaction.atomic():
        outstanding, _ = OutstandingToken.objects.get_or_create(
            jti=token.payload[jwt_settings.JTI_CLAIM],
            defaults={
                "user": user,
                "token": refresh,
                "created_at": token.current_time,
                "expires_at": datetime_from_epoch(token.payload["exp"]),
            },
        )
        try:
            with transaction.atomic():
                BlacklistedToken.objects.create(token=outstanding)
        except IntegrityError as exc:
            raise TokenError("Token is blacklisted") from exc
        access = str(token.access_token)
        token.set_jti()
        token.set_exp()
        token.set_iat()
        token.outstand()
    return {"access": access, "refresh": str(token)}
