"""Write-side services for accounts: registration, profile changes, password changes and resets, and sign-out."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from kombu.exceptions import OperationalError
from rest_framework_simplejwt.exceptions import TokenBackendError, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch, get_md5_hash_password

from core.currencies import currency_normalize
from core.exceptions import ApplicationError, ConflictError, ErrorCode, field_error
from users.models import User

logger = logging.getLogger(__name__)


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


def user_tokens_issue(*, user: User) -> dict[str, str]:
    """A new refresh token (recorded as outstanding) and its access token, for the user's current password."""
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _password_set(*, user: User, password: str) -> None:
    """Store the new password and end every session: the refresh tokens are blacklisted, and access tokens carry a
    digest of the old password hash (SIMPLE_JWT CHECK_REVOKE_TOKEN), so they are refused from now on."""
    user.set_password(password)
    user.save(update_fields=["password"])
    user_refresh_tokens_revoke(user=user)


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> dict[str, str]:
    """Check the old password, validate the new one and end every session; returns new tokens for the session
    that made the change, so it stays signed in while the others are signed out."""
    if not user.check_password(old_password):
        raise field_error("old_password", "the current password is not correct.", ErrorCode.WRONG_PASSWORD)
    _validate_new_password(password=new_password, user=user, field="new_password")
    _password_set(user=user, password=new_password)
    return user_tokens_issue(user=user)


def user_password_reset_request(*, email: str) -> None:
    """Mail a reset link to the active account with this email, if there is one; the caller answers the same
    either way, so the endpoint does not reveal which emails have accounts. The mail goes from a Celery task, so an
    existing account does not make the answer slower either (no SMTP round trip in the request)."""
    user = User.objects.filter(email__iexact=User.objects.normalize_email(email), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    user_pk = user.pk
    transaction.on_commit(lambda: _reset_mail_enqueue(user_pk))


def _reset_mail_enqueue(user_pk: int) -> None:
    from users.tasks import password_reset_mail_send  # the tasks module imports this one

    try:
        password_reset_mail_send.delay(user_id=user_pk)
    except OperationalError:  # a broker outage: the answer stays the same; the user can ask again
        logger.warning("Password reset mail for user %s not queued: the task broker is unavailable", user_pk)


def password_reset_link(*, user: User) -> str:
    """The web app's confirm page with the user's id and a token that is spent once the password changes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.WEB_APP_URL.rstrip('/')}/reset-password/confirm?uid={uid}&token={token}"


def password_reset_mail_send(*, user_id: int) -> None:
    """Send the reset mail (Korean and English, the user's language first)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    link = password_reset_link(user=user)
    korean = f"Stock-Vis 비밀번호를 재설정하려면 아래 링크를 여세요(1회용, 곧 만료됩니다).\n{link}"
    english = f"To reset your Stock-Vis password, open this link (single use, it expires soon).\n{link}"
    parts = [korean, english] if user.language == "ko" else [english, korean]
    send_mail(
        subject="Stock-Vis 비밀번호 재설정 / password reset",
        message="\n\n".join(parts) + "\n",
        from_email=None,
        recipient_list=[user.email],
    )
    logger.info("Password reset mail sent to user %s", user.pk)


def _reset_link_invalid() -> ApplicationError:
    return field_error("token", "the reset link is invalid, expired or already used.", ErrorCode.INVALID_RESET_LINK)


@transaction.atomic
def user_password_reset_confirm(*, uid: str, token: str, new_password: str) -> None:
    """Set a new password from a reset link; the token is spent (it hashes the old password) and every session of
    the account ends."""
    try:
        user_pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError) as exc:
        raise _reset_link_invalid() from exc
    if not 0 < user_pk < 2**63:  # outside the id column: PostgreSQL would refuse the query itself
        raise _reset_link_invalid()
    # Locked so two confirms of one link cannot both pass the check before either has changed the password.
    user = User.objects.select_for_update().filter(pk=user_pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise _reset_link_invalid()
    _validate_new_password(password=new_password, user=user, field="new_password")
    _password_set(user=user, password=new_password)


def user_refresh_tokens_revoke(*, user: User) -> int:
    """Blacklist every outstanding refresh token of `user`; returns how many were newly revoked."""
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    revoked = BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in outstanding])
    return len(revoked)


def user_logout(*, refresh: str) -> None:
    """Blacklist the given refresh token so it can no longer be exchanged for access tokens.

    A genuine token that is already revoked (signed out before, or ended by a password change elsewhere) is
    signed out already: no error, so a stale tab's sign-out succeeds. Garbage and expired tokens are a 400.
    """
    try:
        RefreshToken(refresh).blacklist()  # type: ignore[arg-type]
    except TokenError as exc:
        if _genuine_but_revoked(refresh):
            return
        raise field_error(
            "refresh", "the token is invalid, expired or already revoked.", ErrorCode.INVALID_TOKEN
        ) from exc


def _genuine_but_revoked(raw: str) -> bool:
    try:
        payload = token_backend.decode(raw, verify=True)  # type: ignore[arg-type]  # the stubs say Token; it takes str
    except TokenBackendError:
        return False
    jti = payload.get(jwt_settings.JTI_CLAIM)
    return payload.get(jwt_settings.TOKEN_TYPE_CLAIM) == "refresh" and (
        BlacklistedToken.objects.filter(token__jti=jti).exists()
    )


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
    if token.payload.get(jwt_settings.REVOKE_TOKEN_CLAIM) != get_md5_hash_password(user.password):
        raise TokenError("The password changed since this token was issued.")
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
