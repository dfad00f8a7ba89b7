"""Celery: Redis broker when REDIS_URL is set, an embedded SQLite broker (kombu SQLAlchemy transport) otherwise."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery.schedules import crontab
from kombu import Queue

from config.settings.cache import REDIS_URL
from config.settings.env import BACKEND_DIR, env
from config.settings.providers import DEMO_CLOCK

_EMBEDDED_BROKER = f"sqla+sqlite:///{BACKEND_DIR / 'var' / 'celery-broker.sqlite3'}"

CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default=REDIS_URL or _EMBEDDED_BROKER)
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = timedelta(days=7)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "America/New_York"
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# Priority queues: high for quotes and the planner, default for bars and portfolio values, low for statements.
CELERY_TASK_QUEUES = (Queue("high"), Queue("default"), Queue("low"))
CELERY_TASK_CREATE_MISSING_QUEUES = False
CELERY_IMPORTS = ("stocks.periodic",)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacked task (its worker was killed) after this many seconds, so a killed worker's task runs
# again within minutes. Longer than any task we run: the longest, an ingestion step that waits up to 65 s for quota
# and makes its provider calls (15 s timeouts), stays under 3 minutes. A "running" step older than this lost its
# worker and is shown as stalled (stocks.selectors.stalled). Not a Celery setting name: Celery reads only CELERY_*.
TASK_VISIBILITY_TIMEOUT_SECONDS: int = env.int("CELERY_VISIBILITY_TIMEOUT", default=600)
# The SQLAlchemy transport passes its options to create_engine(), so it gets none.
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = (
    {"visibility_timeout": TASK_VISIBILITY_TIMEOUT_SECONDS} if REDIS_URL else {}
)

# With DEMO_CLOCK (make run on the simulated provider) quotes also tick outside market hours, this often.
DEMO_CLOCK_SECONDS: int = env.int("DEMO_CLOCK_SECONDS", default=30)
_PLAN_EVERY = timedelta(seconds=DEMO_CLOCK_SECONDS if DEMO_CLOCK else 60)

# Installed into django-celery-beat's tables when beat starts (or by `manage.py setup_schedule`) and editable in
# the admin. The first two only wake the planner; stocks.schedule decides what is due (market hours, holidays).
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "stocks-refresh-plan": {
        "task": "stocks.periodic.refresh_plan_tick",
        "schedule": _PLAN_EVERY,
        # A tick that waited longer than its period is useless: the next one plans from fresh data.
        "options": {"queue": "high", "expire_seconds": int(_PLAN_EVERY.total_seconds())},
    },
    "stocks-intraday-prune": {
        "task": "stocks.periodic.intraday_prune_tick",
        "schedule": crontab(minute="17", hour="*/6"),
        "options": {"queue": "low", "expire_seconds": 3600},
    },
    "portfolio-values": {
        "task": "portfolios.tasks.portfolio_values_tick",
        "schedule": crontab(minute="*/5"),
        "options": {"queue": "default", "expire_seconds": 240},
    },
    # The universe model is retrained once each weekday evening (New York time), after the daily bars settle
    # (16:20) and the planner's daily refresh has stored them.
    "ml-universe-retrain": {
        "task": "ml_models.tasks.universe_train",
        "schedule": crontab(minute=0, hour=18, day_of_week="mon-fri"),
        "options": {"queue": "low", "expire_seconds": 6 * 3600},
    },
    # Collections started while the broker was down are queued again once it is back.
    "stocks-collection-requeue": {
        "task": "stocks.periodic.collection_requeue_tick",
        "schedule": timedelta(minutes=5),
        "options": {"queue": "default", "expire_seconds": 240},
    },
    # Once a day: dividends of stored dividend events booked for the holdings held on their ex-dates (idempotent).
    "portfolio-dividends": {
        "task": "portfolios.tasks.dividends_book_tick",
        "schedule": crontab(minute=45, hour=7),
        "options": {"queue": "low", "expire_seconds": 6 * 3600},
    },
    # Once a day before the market opens (New York time), after the night's weekly and statement refreshes.
    "stocks-consistency-check": {
        "task": "stocks.periodic.consistency_check_tick",
        "schedule": crontab(minute=30, hour=7),
        "options": {"queue": "low", "expire_seconds": 6 * 3600},
    },
    # Weekdays in the evening (New York), after the daily bars settle (20 minutes after the close) and the
    # planner has fetched them: score the stored predictions whose horizon has passed.
    "ml-predictions-score": {
        "task": "ml_models.tasks.predictions_score_tick",
        "schedule": crontab(minute=45, hour=18, day_of_week="mon-fri"),
        "options": {"queue": "low", "expire_seconds": 12 * 3600},
    },
}
