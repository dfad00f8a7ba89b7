"""Database: SQLite file under backend/var/ by default (WAL), PostgreSQL via psycopg 3 when DATABASE_URL says so."""

from __future__ import annotations

from typing import Any

from config.settings.env import BACKEND_DIR, env

DEFAULT_SQLITE_PATH = BACKEND_DIR / "var" / "stockvis.sqlite3"


def database_from_url(url: str) -> dict[str, Any]:
    """Turn a DATABASE_URL into Django's DATABASES entry with the options each engine needs."""
    config: dict[str, Any] = env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web process read while a worker writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades inside transactions.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    elif config["ENGINE"] in ("django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2"):
        config["ENGINE"] = "django.db.backends.postgresql"
        # Under ASGI every request may run on another thread, so persistent per-thread connections pile up
        # until PostgreSQL refuses clients; a psycopg pool per process bounds them instead.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "pool": {
                "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
                "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=8),
                "timeout": 10,
            }
        }
    return config


DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{DEFAULT_SQLITE_PATH}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
