"""Routes of the portfolios app under /api/v1/analysis/ (analysis itself is pure computation and routes nothing that
reads stored data)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from portfolios.apis.optimisation import SymbolsOptimiseApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("optimise/", SymbolsOptimiseApi.as_view(), name="analysis-optimise"),
]
