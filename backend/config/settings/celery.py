"""Celery: Redis broker when REDIS_URL is set, an embedded SQLite broker (kombu SQLAlchemy transport) otherwise."""

from __future__ import annotations

from config.settings.cache import REDIS_URL
from config.settings.env import BACKEND_DIR, env

_EMBEDDED_BROKER = f"sqla+sqlite:///{BACKEND_DIR / 'var' / 'celery-broker.sqlite3'}"

CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default=REDIS_URL or _EMBEDDED_BROKER)
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "America/New_York"
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
