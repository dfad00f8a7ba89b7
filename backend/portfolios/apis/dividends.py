"""Dividend report and the portfolio settings (dividend booking on or off)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.serializers import error_responses
from portfolios.apis.fields import money
from portfolios.selectors.dividends import dividend_report_get
from portfolios.services.dividends import dividends_booking_enabled, portfolio_settings_update
from users.models import User


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


class DividendYearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    received = money(places=4)


class DividendSymbolSerializer(serializers.Serializer[Any]):
    symbol = serializers.CharField()
    received = money(places=4, help_text="Every dividend recorded or booked, net of fees.")
    last_365_days = money(places=4)
    cost = money(places=4, help_text="Cost basis of the shares held now.")
    yield_on_cost = serializers.FloatField(allow_null=True, help_text="Percent; null when nothing is held.")


class UpcomingDividendSerializer(serializers.Serializer[Any]):
    symbol = serializers.CharField()
    ex_date = serializers.DateField()
    amount_per_share = money()
    quantity = money(places=12, help_text="Shares held now.")
    expected = money(places=4, help_text="quantity x amount_per_share, if the holding stays as it is.")


class DividendReportSerializer(serializers.Serializer[Any]):
    currency = serializers.CharField()
    book_dividends = serializers.BooleanField(help_text="Whether stored dividend events are booked automatically.")
    total_received = money(places=4)
    booked_records = serializers.IntegerField(help_text="Dividend records booked from stored events.")
    by_year = DividendYearSerializer(many=True)
    by_symbol = DividendSymbolSerializer(many=True)
    upcoming = UpcomingDividendSerializer(many=True, help_text="Stored dividend events after today, held symbols.")
    yield_on_cost_method = serializers.CharField()


class PortfolioSettingsSerializer(serializers.Serializer[Any]):
    book_dividends = serializers.BooleanField(
        help_text="Book a dividend record for each stored dividend event of a stock held on its ex-date (default "
        "on); turning it off removes the booked records."
    )


class DividendReportApi(APIView):
    @extend_schema(
        summary="Dividends received by year and symbol, upcoming ones from the stored calendar, yield on cost",
        responses=DividendReportSerializer,
        tags=["portfolio"],
    )
    def get(self, request: Request) -> Response:
        return Response(DividendReportSerializer(dividend_report_get(user=_user(request))).data)


class PortfolioSettingsApi(APIView):
    @extend_schema(summary="The portfolio's settings", responses=PortfolioSettingsSerializer, tags=["portfolio"])
    def get(self, request: Request) -> Response:
        return Response({"book_dividends": dividends_booking_enabled(user_id=_user(request).pk)})

    @extend_schema(
        summary="Change the portfolio's settings (dividend booking applies at once)",
        request=PortfolioSettingsSerializer,
        responses={200: PortfolioSettingsSerializer, **error_responses(400)},
        tags=["portfolio"],
    )
    def patch(self, request: Request) -> Response:
        serializer = PortfolioSettingsSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        found = portfolio_settings_update(user=_user(request), **serializer.validated_data)
        return Response({"book_dividends": found.book_dividends})
