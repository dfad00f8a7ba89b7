"""URL routes of the portfolios app (mounted at /api/v1/users/, next to the users app's auth routes)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from portfolios.apis.alerts import (
    AlertDetailApi,
    AlertListCreateApi,
    NotificationDetailApi,
    NotificationListApi,
    NotificationReadAllApi,
)
from portfolios.apis.cash import CashAccountApi, CashTransactionDetailApi, CashTransactionListCreateApi
from portfolios.apis.dividends import DividendReportApi, PortfolioSettingsApi
from portfolios.apis.holdings import (
    HoldingDetailApi,
    HoldingListCreateApi,
    TransactionDetailApi,
    TransactionImportApi,
    TransactionImportDetailApi,
    TransactionListCreateApi,
)
from portfolios.apis.optimisation import PortfolioOptimiseApi
from portfolios.apis.overview import PortfolioHistoryApi, PortfolioSummaryApi, SymbolStatusApi
from portfolios.apis.watchlist import WatchlistApi, WatchlistDetailApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("portfolio/", HoldingListCreateApi.as_view(), name="portfolio"),
    path("portfolio/<id:pk>/", HoldingDetailApi.as_view(), name="portfolio-detail"),
    path("portfolio/summary/", PortfolioSummaryApi.as_view(), name="portfolio-summary"),
    path("portfolio/history/", PortfolioHistoryApi.as_view(), name="portfolio-history"),
    path("portfolio/optimise/", PortfolioOptimiseApi.as_view(), name="portfolio-optimise"),
    path("portfolio/symbol/<str:symbol>/status/", SymbolStatusApi.as_view(), name="portfolio-symbol-status"),
    path("portfolio/transactions/", TransactionListCreateApi.as_view(), name="portfolio-transactions"),
    path("portfolio/transactions/<id:pk>/", TransactionDetailApi.as_view(), name="portfolio-transaction-detail"),
    path("portfolio/transactions/import/", TransactionImportApi.as_view(), name="portfolio-transactions-import"),
    path(
        "portfolio/transactions/import/<id:pk>/",
        TransactionImportDetailApi.as_view(),
        name="portfolio-transactions-import-detail",
    ),
    path("portfolio/dividends/", DividendReportApi.as_view(), name="portfolio-dividends"),
    path("portfolio/settings/", PortfolioSettingsApi.as_view(), name="portfolio-settings"),
    path("portfolio/cash/", CashAccountApi.as_view(), name="portfolio-cash"),
    path("portfolio/cash/transactions/", CashTransactionListCreateApi.as_view(), name="portfolio-cash-transactions"),
    path(
        "portfolio/cash/transactions/<id:pk>/",
        CashTransactionDetailApi.as_view(),
        name="portfolio-cash-transaction-detail",
    ),
    path("watchlist/", WatchlistApi.as_view(), name="watchlist"),
    path("watchlist/<id:pk>/", WatchlistDetailApi.as_view(), name="watchlist-detail"),
    path("alerts/", AlertListCreateApi.as_view(), name="alerts"),
    path("alerts/<id:pk>/", AlertDetailApi.as_view(), name="alert-detail"),
    path("alerts/notifications/", NotificationListApi.as_view(), name="notifications"),
    path("alerts/notifications/<id:pk>/", NotificationDetailApi.as_view(), name="notification-detail"),
    path("alerts/notifications/read-all/", NotificationReadAllApi.as_view(), name="notifications-read-all"),
]
