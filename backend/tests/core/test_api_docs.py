"""The API docs page loads Swagger UI from this server's static files, never from another host."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def test_the_docs_page_references_only_assets_this_server_has(api_client: Any) -> None:
    response = api_client.get("/api/docs/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets), assets
    assert "://" not in html, "the page names another host"
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
