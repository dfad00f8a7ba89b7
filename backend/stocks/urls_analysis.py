"""Analysis routes served from stored stock data (included at /api/v1/analysis/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from stocks import apis_strategy

urlpatterns: list[URLPattern | URLResolver] = [
    path("backtest/<str:symbol>/", apis_strategy.BacktestApi.as_view(), name="analysis-backtest"),
    path("patterns/<str:symbol>/", apis_strategy.PatternsApi.as_view(), name="analysis-patterns"),
]
