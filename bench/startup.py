"""Process start: `django.setup()` plus the URLconf, Stock-Vis against a bare project with the same third-party apps.

Run `.venv/bin/python bench/startup.py` (no services needed). Every web process, worker and `manage.py` command
pays this start. The baseline is a bare Django project, written to a temporary folder, with the same third-party
apps and middleware as config.settings.base (DRF, SimpleJWT's blacklist, drf-spectacular and its sidecar,
django-cors-headers, Channels, Celery beat and results, WhiteNoise) and one DRF view in its URLconf. Each run is a
fresh interpreter timing `django.setup(); import <urlconf>` from inside (interpreter start excluded, reported
separately as the wall time); the two projects alternate, RUNS times each after one warm-up (bytecode written),
and the medians are compared. Goal (issue 17): Stock-Vis within 1.5x of the bare project. STARTUP_RUNS (default 7).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import BACKEND, PYTHON

RUNS = int(os.environ.get("STARTUP_RUNS", "7"))
GOAL = 1.5
HEAVY = ("numpy", "pandas", "scipy", "sklearn", "lightgbm", "talib", "statsmodels", "exchange_calendars")

BARE_SETTINGS = """
SECRET_KEY = "bench-bare-project"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
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
]
MIDDLEWARE = [
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
ROOT_URLCONF = "bare.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
STATIC_URL = "/static/"
USE_TZ = True
"""

BARE_URLS = """
from django.contrib import admin
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class Health(APIView):
    def get(self, request):
        return Response({"status": "ok"})


urlpatterns = [path("admin/", admin.site.urls), path("healthz", Health.as_view())]
"""

PROBE = """
import json, sys, time
start = time.perf_counter()
import django
django.setup()
import importlib
from django.conf import settings
importlib.import_module(settings.ROOT_URLCONF)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "heavy": [m for m in %r if m in sys.modules]}))
"""


def _probe(cwd: Path, settings: str) -> tuple[float, float, list[str]]:
    """(setup + URLconf seconds measured inside, wall seconds of the whole interpreter, heavy modules loaded)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": str(cwd)}
    started = time.perf_counter()
    done = subprocess.run(
        [str(PYTHON), "-c", PROBE % (HEAVY,)], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"The start probe failed in {cwd} ({settings}):\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return float(report["seconds"]), wall, list(report["heavy"])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="stockvis-bare-") as folder:
        bare = Path(folder)
        (bare / "bare").mkdir()
        (bare / "bare" / "__init__.py").write_text("")
        (bare / "bare" / "settings.py").write_text(BARE_SETTINGS)
        (bare / "bare" / "urls.py").write_text(BARE_URLS)
        projects = {"bare project": (bare, "bare.settings"), "Stock-Vis": (BACKEND, "config.settings.local")}
        for cwd, settings in projects.values():
            _probe(cwd, settings)  # warm-up: bytecode written, files in the page cache
        inside: dict[str, list[float]] = {name: [] for name in projects}
        wall: dict[str, list[float]] = {name: [] for name in projects}
        heavy: dict[str, list[str]] = {}
        for _ in range(RUNS):
            for name, (cwd, settings) in projects.items():
                seconds, whole, loaded = _probe(cwd, settings)
                inside[name].append(seconds)
                wall[name].append(whole)
                heavy[name] = loaded
    base_inside = statistics.median(inside["bare project"])
    base_wall = statistics.median(wall["bare project"])
    print(f"\ndjango.setup() + URLconf, median of {RUNS} fresh interpreters each (alternating)")
    print(f"{'project':14} {'setup+urls s':>13} {'ratio':>7} {'wall s':>8} {'ratio':>7}  scientific libraries loaded")
    for name in projects:
        median_inside, median_wall = statistics.median(inside[name]), statistics.median(wall[name])
        print(
            f"{name:14} {median_inside:13.3f} {median_inside / base_inside:7.2f} {median_wall:8.3f} "
            f"{median_wall / base_wall:7.2f}  {', '.join(heavy[name]) or '-'}"
        )
    ratio = statistics.median(inside["Stock-Vis"]) / base_inside
    print(f"goal: Stock-Vis start <= {GOAL}x the bare project: {ratio:.2f}x -> {'met' if ratio <= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()
