"""CORS: the web app is served same-origin through its proxy; extra origins are opt-in."""

from __future__ import annotations

from config.settings.env import env

CORS_ALLOWED_ORIGINS: list[str] = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(api|ws)/.*$"
