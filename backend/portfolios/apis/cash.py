"""The cash account: its balance and movements, and entries that belong to no holding (under
/api/v1/users/portfolio/cash/)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ErrorCode
from core.pagination import PageQuerySerializer, page_get, page_serializer
from core.serializers import error_responses
from portfolios.apis.fields import MAX_DIGITS, BoundedDecimalField, TradeDateField, money
from portfolios.models import CashKind, CashTransaction
from portfolios.selectors.cash import cash_account_get, cash_transaction_get, cash_transaction_list
from portfolios.services.cash import cash_transaction_create, cash_transaction_delete, cash_transaction_update
from users.models import User


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


def _amount(**kwargs: Any) -> serializers.DecimalField:
    return BoundedDecimalField(
        max_digits=MAX_DIGITS,
        decimal_places=4,
        min_value=Decimal("0.0001"),
        error_messages={"min_value": "must be greater than zero."},
        lower_bound_code=ErrorCode.NOT_POSITIVE,
        help_text="Positive; the type says which way the money goes.",
        **kwargs,
    )


class CashTransactionOutputSerializer(serializers.ModelSerializer[CashTransaction]):
    type = serializers.CharField(source="kind")
    amount = money(places=4)

    class Meta:
        model = CashTransaction
        fields = ("id", "type", "date", "amount", "note", "created_at")
        read_only_fields = fields


CashTransactionPageSerializer = page_serializer("CashTransactionPageSerializer", CashTransactionOutputSerializer)


class CashBalancePointSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    balance = money(places=4)


class CashFlowPointSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    amount = money(places=4, help_text="+ deposited, - withdrawn (net for the day).")


class CashAccountSerializer(serializers.Serializer[Any]):
    """The cash account: a buy may take it below zero (shown, not refused), as in Portfolio Performance."""

    currency = serializers.CharField()
    balance = money(places=4, help_text="Cash now; negative when buys exceed the money recorded as coming in.")
    deposits = money(places=4)
    withdrawals = money(places=4)
    interest = money(places=4)
    fees = money(places=4, help_text="Fee entries only; trade fees are in trades_net.")
    taxes = money(places=4)
    trades_net = money(places=4, help_text="Sale proceeds and dividends minus buys, each net of its fee.")
    entries_net = money(places=4, help_text="Deposits and interest minus withdrawals, fees and taxes.")
    series = CashBalancePointSerializer(many=True, help_text="Balance at the end of each day with activity.")
    external_flows = CashFlowPointSerializer(
        many=True, help_text="Deposits and withdrawals: the money in and out for returns over the whole account."
    )


class CashAccountApi(APIView):
    @extend_schema(
        summary="The cash account: balance, what made it, daily balance and external flows",
        responses=CashAccountSerializer,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        return Response(CashAccountSerializer(cash_account_get(user=_user(request))).data)


class CashTransactionListCreateApi(APIView):
    class CashTransactionInputSerializer(serializers.Serializer[Any]):
        type = serializers.ChoiceField(choices=CashKind.choices)
        date = TradeDateField()
        amount = _amount()
        note = serializers.CharField(max_length=200, required=False, allow_blank=True)

    @extend_schema(
        operation_id="api_v1_users_portfolio_cash_transactions_list",
        summary="The cash entries (deposits, withdrawals, interest, fees, taxes), newest first, a page at a time",
        parameters=[PageQuerySerializer],
        responses={200: CashTransactionPageSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        page = page_get(cash_transaction_list(user=_user(request)), request=request, **query.validated_data)
        return Response(CashTransactionPageSerializer(page).data)

    @extend_schema(
        summary="Record a deposit, withdrawal, interest, fee or tax",
        request=CashTransactionInputSerializer,
        responses={201: CashTransactionOutputSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def post(self, request: Request) -> Response:
        serializer = self.CashTransactionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        created = cash_transaction_create(
            user=_user(request), kind=data["type"], date=data["date"], amount=data["amount"], note=data.get("note", "")
        )
        return Response(CashTransactionOutputSerializer(created).data, status=status.HTTP_201_CREATED)


class CashTransactionDetailApi(APIView):
    class CashTransactionPatchSerializer(serializers.Serializer[Any]):
        date = TradeDateField(required=False)
        amount = _amount(required=False)
        note = serializers.CharField(max_length=200, required=False, allow_blank=True)

    @extend_schema(summary="One cash entry", responses=CashTransactionOutputSerializer, tags=["portfolio"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(CashTransactionOutputSerializer(cash_transaction_get(user=_user(request), entry_id=pk)).data)

    @extend_schema(
        summary="Change a cash entry",
        request=CashTransactionPatchSerializer,
        responses={200: CashTransactionOutputSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        found = cash_transaction_get(user=_user(request), entry_id=pk)
        serializer = self.CashTransactionPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        updated = cash_transaction_update(entry=found, **serializer.validated_data)
        return Response(CashTransactionOutputSerializer(updated).data)

    @extend_schema(summary="Delete a cash entry", responses={204: None}, tags=["portfolio"])
    def delete(self, request: Request, pk: int) -> Response:
        cash_transaction_delete(entry=cash_transaction_get(user=_user(request), entry_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
