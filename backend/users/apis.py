"""Account endpoints: register, JWT sign-in/refresh/sign-out, profile, password change and password reset."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from core.currencies import UnknownCurrencyError, currency_normalize
from core.exceptions import ErrorCode
from core.serializers import error_responses
from users.models import Language, User
from users.services import (
    user_create,
    user_logout,
    user_password_change,
    user_password_reset_confirm,
    user_password_reset_request,
    user_token_refresh,
    user_update,
)
from users.throttles import LoginIpThrottle, LoginUsernameThrottle, PasswordResetEmailThrottle

_HASHING_BUSY = "Every password-hashing slot of this process stayed busy; retry after Retry-After seconds."


class UserOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ("id", "username", "email", "display_name", "language", "base_currency", "date_joined")
        read_only_fields = fields


class UserRegisterApi(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (LoginIpThrottle,)

    class UserRegisterInputSerializer(serializers.Serializer[Any]):
        username = serializers.RegexField(r"^[\w.@+-]{3,150}$", max_length=150)
        email = serializers.EmailField()
        password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)

    @extend_schema(
        summary="Create an account",
        request=UserRegisterInputSerializer,
        responses={
            201: UserOutputSerializer,
            **error_responses(
                400, 409, 503, _409="An account with this username or email already exists.", _503=_HASHING_BUSY
            ),
        },
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.UserRegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_create(**serializer.validated_data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Sign in: exchange username and password for access and refresh tokens",
    description="Unknown usernames cost one password hash like known ones, so the answer time does not tell "
    "which accounts exist.",
    responses={
        200: TokenObtainPairSerializer,
        **error_responses(401, 503, _401="Wrong username or password.", _503=_HASHING_BUSY),
    },
    tags=["auth"],
)
class TokenObtainApi(TokenObtainPairView):
    throttle_classes = (LoginIpThrottle, LoginUsernameThrottle)


class TokenRefreshSerializer(serializers.Serializer[Any]):
    # simplejwt's fields, schema name and field order; the exchange itself is users.services.user_token_refresh.
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        return user_token_refresh(refresh=attrs["refresh"])


@extend_schema(
    summary="Exchange a refresh token for a new access token (and a rotated refresh)",
    responses={
        200: TokenRefreshSerializer,
        **error_responses(401, _401="The refresh token is invalid, expired or already used."),
    },
    tags=["auth"],
)
class TokenRefreshApi(TokenRefreshView):
    serializer_class = TokenRefreshSerializer


class LogoutApi(APIView):
    """Holding a refresh token is enough to revoke it, so sign-out works even after the access token expired."""

    permission_classes = (AllowAny,)
    authentication_classes = ()

    class LogoutInputSerializer(serializers.Serializer[Any]):
        refresh = serializers.CharField()

    class LogoutOutputSerializer(serializers.Serializer[Any]):
        signed_out = serializers.BooleanField()

    @extend_schema(
        summary="Sign out: blacklist the refresh token",
        request=LogoutInputSerializer,
        responses={200: LogoutOutputSerializer},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.LogoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_logout(refresh=serializer.validated_data["refresh"])
        return Response({"signed_out": True}, status=status.HTTP_200_OK)


class CurrencyField(serializers.CharField):
    """An ISO 4217 currency code (core.currencies), upper-cased; anything else is refused with `unknown_currency`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        try:
            return currency_normalize(super().to_internal_value(data))
        except UnknownCurrencyError as exc:
            raise serializers.ValidationError(exc.message, code=ErrorCode.UNKNOWN_CURRENCY) from exc


class MeApi(APIView):
    permission_classes = (IsAuthenticated,)

    class MeInputSerializer(serializers.Serializer[Any]):
        display_name = serializers.CharField(max_length=64, allow_blank=True, required=False)
        email = serializers.EmailField(required=False)
        language = serializers.ChoiceField(choices=Language.choices, required=False)
        base_currency = CurrencyField(
            required=False, help_text="ISO 4217 code; totals, history and returns are converted into it."
        )

    @extend_schema(summary="The signed-in user's profile", responses={200: UserOutputSerializer}, tags=["auth"])
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)
        return Response(UserOutputSerializer(request.user).data)

    @extend_schema(
        summary="Change profile fields", request=MeInputSerializer, responses={200: UserOutputSerializer}, tags=["auth"]
    )
    def patch(self, request: Request) -> Response:
        serializer = self.MeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assert isinstance(request.user, User)
        user = user_update(user=request.user, **serializer.validated_data)
        return Response(UserOutputSerializer(user).data)


class TokenPairSerializer(serializers.Serializer[Any]):
    access = serializers.CharField()
    refresh = serializers.CharField()


class PasswordChangeApi(APIView):
    permission_classes = (IsAuthenticated,)

    class PasswordChangeInputSerializer(serializers.Serializer[Any]):
        old_password = serializers.CharField(max_length=128, trim_whitespace=False)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(
        summary="Change the password: this session gets new tokens, every other session is signed out",
        description="Every refresh token issued before is revoked and every access token issued before is refused "
        "from now on; the answer's tokens replace this session's.",
        request=PasswordChangeInputSerializer,
        responses={200: TokenPairSerializer, **error_responses(400, 503, _503=_HASHING_BUSY)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.PasswordChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assert isinstance(request.user, User)
        tokens = user_password_change(user=request.user, **serializer.validated_data)
        return Response(TokenPairSerializer(tokens).data)


class PasswordResetRequestedSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField(help_text="The address as given: a link goes there if an account has it.")


class PasswordResetRequestApi(APIView):
    """Always the same 202, whether or not the email has an account (the mail goes out from a task)."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (LoginIpThrottle, PasswordResetEmailThrottle)

    class PasswordResetRequestInputSerializer(serializers.Serializer[Any]):
        email = serializers.EmailField()

    @extend_schema(
        summary="Ask for a password reset link by email",
        description="The same 202 whether or not an account has this email, so the answer does not reveal "
        "accounts. The mail links to the web app's /reset-password/confirm page with `uid` and `token`.",
        request=PasswordResetRequestInputSerializer,
        responses={202: PasswordResetRequestedSerializer, **error_responses(400, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.PasswordResetRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        user_password_reset_request(email=email)
        return Response(PasswordResetRequestedSerializer({"email": email}).data, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmApi(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (LoginIpThrottle,)

    class PasswordResetConfirmInputSerializer(serializers.Serializer[Any]):
        uid = serializers.CharField(max_length=64)
        token = serializers.CharField(max_length=128)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(
        summary="Set a new password from a reset link; the link is spent and every session is signed out",
        request=PasswordResetConfirmInputSerializer,
        responses={
            204: None,
            **error_responses(400, 429, 503, _400="Bad input, or `invalid_reset_link`.", _503=_HASHING_BUSY),
        },
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_password_reset_confirm(**serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
