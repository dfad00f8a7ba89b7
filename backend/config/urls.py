"""URL map: the seed's prefixes; `portfolios` keeps the `/api/v1/users/` prefix."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.apis import HealthApi, ReadinessApi

urlpatterns = [
    path("healthz", HealthApi.as_view(), name="healthz"),
    path("readyz", ReadinessApi.as_view(), name="readyz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/v1/stocks/", include("stocks.urls")),
    path("api/v1/users/", include("users.urls")),
    path("api/v1/users/", include("portfolios.urls")),
    path("api/v1/analysis/", include("analysis.urls")),
    path("api/v1/analysis/", include("portfolios.analysis_urls")),
    path("api/v1/analysis/", include("ml_models.urls")),
    path("api/v1/analysis/", include("stocks.urls_analysis")),
]

handler400 = "core.exceptions.bad_request_view"
handler404 = "core.exceptions.not_found_view"
handler500 = "core.exceptions.server_error_view"
