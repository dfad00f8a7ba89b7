"""Settings shared by every environment; concerns live in their own modules."""

from __future__ import annotations

from config.settings.analysis import *  # noqa: F403
from config.settings.auth import *  # noqa: F403
from config.settings.cache import *  # noqa: F403
from config.settings.celery import *  # noqa: F403
from config.settings.channels import *  # noqa: F403
from config.settings.cors import *  # noqa: F403
from config.settings.database import *  # noqa: F403
from config.settings.drf import *  # noqa: F403
from config.settings.env import BACKEND_DIR, PROJECT_DIR, VAR_DIR, env  # noqa: F401  (re-exported)
from config.settings.jwt import *  # noqa: F403
from config.settings.logging import *  # noqa: F403
from config.settings.providers import *  # noqa: F403

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-insecure-stock-vis-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
API_PORT = env.int("API_PORT", default=8000)
WEB_PORT = env.int("WEB_PORT", default=3000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "channels",
    "django_celery_beat",
    "django_celery_results",
    "core",
    "users",
    "stocks",
    "portfolios",
    "analysis",
    "ml_models",
]

MIDDLEWARE = [
    "core.request_id.request_id_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "Korean"), ("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
MARKET_TIME_ZONE = "America/New_York"
MARKET_CALENDAR = "XNYS"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Trained universe model files (LightGBM text format) and their model cards (JSON), one pair per run.
MODEL_DIR = env.path("MODEL_DIR", default=str(VAR_DIR / "models"))
# Threads LightGBM may use for the universe retrain (the box is shared: one by default).
UNIVERSE_TRAIN_THREADS: int = env.int("UNIVERSE_TRAIN_THREADS", default=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
