"""URL routes of the stocks app (included at /api/v1/stocks/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from stocks import apis, apis_market, apis_refresh

app_name = "stocks"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/chart/<str:symbol>/", apis.ChartApi.as_view(), name="chart"),
    path("api/overview/<str:symbol>/", apis.OverviewApi.as_view(), name="overview"),
    path("api/balance-sheet/<str:symbol>/", apis.BalanceSheetApi.as_view(), name="balance-sheet"),
    path("api/income-statement/<str:symbol>/", apis.IncomeStatementApi.as_view(), name="income-statement"),
    path("api/cashflow/<str:symbol>/", apis.CashFlowApi.as_view(), name="cashflow"),
    path("api/indicators/<str:symbol>/", apis.IndicatorsApi.as_view(), name="indicators"),
    path("api/search/symbols/", apis.SymbolSearchApi.as_view(), name="search-symbols"),
    path("api/search/validate/<str:symbol>/", apis.SymbolValidateApi.as_view(), name="search-validate"),
    path("api/search/popular/", apis.PopularSymbolsApi.as_view(), name="search-popular"),
    path("api/refresh-status/", apis_refresh.RefreshStatusApi.as_view(), name="refresh-status"),
    path("api/market/overview/", apis_market.MarketOverviewApi.as_view(), name="market-overview"),
    path("api/market/economic/", apis_market.EconomicIndicatorsApi.as_view(), name="economic-indicators"),
    path("api/market/economic/<str:name>/", apis_market.EconomicIndicatorApi.as_view(), name="economic-indicator"),
]
