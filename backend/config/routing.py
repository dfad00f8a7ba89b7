"""WebSocket routes: live prices per symbol and the signed-in user's portfolio channel."""

from __future__ import annotations

from django.urls import path, re_path

from portfolios.consumers import PortfolioConsumer
from stocks.consumers import StockPriceConsumer

websocket_urlpatterns = [
    # Any path segment: the consumer validates it with normalize_symbol and closes with 4400 when invalid.
    re_path(r"^ws/stocks/(?P<symbol>[^/]+)/$", StockPriceConsumer.as_asgi()),
    path("ws/portfolio/", PortfolioConsumer.as_asgi()),
]
