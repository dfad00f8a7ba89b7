"""Database: SQLite file under backend/var/ by default (WAL), PostgreSQL via psycopg 3 when DATABASE_URL says so."""

from __future__ import annotations

from typing import Any

from config.settings.env import BACKEND_DIR, env
from core.database_url import database_from_url as _database_from_url

DEFAULT_SQLITE_PATH = BACKEND_DIR / "var" / "stockvis.sqlite3"


def database_from_url(url: str) -> dict[str, Any]:
    """Turn a DATABASE_URL into Django's DATABASES entry, with the pool sizes this process is configured for."""
    return _database_from_url(
        url,
        pool_min_size=env.int("DATABASE_POOL_MIN_SIZE", default=1),
        pool_max_size=env.int("DATABASE_POOL_MAX_SIZE", default=8),
    )


DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{DEFAULT_SQLITE_PATH}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
