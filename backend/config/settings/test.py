"""Test settings: fast hashing, no throttling surprises, same database/cache switches as production."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MARKET_DATA_PROVIDER = "simulated"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "10000/min",
        "user": "10000/min",
        "login": "10000/min",
        "password_reset": "10000/min",
    },
}
# One process: the ingestion event (stocks.signals.stock_data_changed) reaches the very cache it rewrites.
STOCK_VERSION_TTL = 600
# Trained model files go to a folder of the test run, never into the checkout's var/.
MODEL_DIR = Path(tempfile.mkdtemp(prefix="stockvis-models-"))
atexit.register(shutil.rmtree, MODEL_DIR, ignore_errors=True)
