"""DATABASE_URL -> Django's DATABASES entry, shared by the settings and `move_data` (which opens two at run time)."""

from __future__ import annotations

from typing import Any

import environ


def database_from_url(url: str, *, pool_min_size: int = 1, pool_max_size: int = 8) -> dict[str, Any]:
    """Turn a DATABASE_URL into Django's DATABASES entry with the options each engine needs."""
    config: dict[str, Any] = environ.Env.db_url_config(url)
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
        config["OPTIONS"] = {"pool": {"min_size": pool_min_size, "max_size": pool_max_size, "timeout": 10}}
    return config
