"""Light processes (docs/architecture.md): starting Django and loading the URLconf or the ASGI app imports no
scientific library; the first computation that needs one imports it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "pandas", "scipy", "sklearn", "lightgbm", "talib", "statsmodels", "exchange_calendars")
# numpy is the format bars travel in (stocks.providers.base.PriceBars), so providers and ingestion import it at
# module level; the rest may not load before their first computation.
AT_START = ["numpy"]

pytestmark = pytest.mark.timeout(120)


def loaded_after(code: str) -> list[str]:
    """The HEAVY libraries in sys.modules after `django.setup()` and `code`, in a fresh interpreter."""
    script = (
        "import json, sys\n"
        "import django\n"
        "django.setup()\n"
        f"{code}\n"
        f"print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(BACKEND_DIR)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=BACKEND_DIR, env=env, capture_output=True, text=True, timeout=110
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_the_urlconf_imports_no_scientific_library() -> None:
    assert set(loaded_after("import config.urls")) <= set(AT_START)


def test_the_asgi_application_imports_no_scientific_library() -> None:
    assert set(loaded_after("import config.asgi")) <= set(AT_START)


def test_the_first_indicator_call_imports_ta_lib() -> None:
    code = (
        "import config.urls\n"
        "from analysis.indicators import Bars, INDICATORS, indicator_compute\n"
        "assert 'talib' not in sys.modules\n"
        "import numpy as np\n"
        "close = np.linspace(10.0, 20.0, 50)\n"
        "sma = indicator_compute('sma', Bars(close, close, close, close, close), {'timeperiod': 5})['sma']\n"
        "assert abs(sma[-1] - close[-5:].mean()) < 1e-9\n"
    )
    loaded = loaded_after(code)
    # TA-Lib brings numpy (and pandas, its own import); the models' libraries stay out.
    assert {"numpy", "talib"} <= set(loaded)
    assert not {"sklearn", "lightgbm", "statsmodels", "scipy"} & set(loaded)
