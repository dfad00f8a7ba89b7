"""The one place that reads the process environment and the optional `.env` file."""

from __future__ import annotations

from pathlib import Path

import environ

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BACKEND_DIR.parent
# Runtime files (embedded database and broker, collected static files); not in git, so made on first use.
VAR_DIR = BACKEND_DIR / "var"
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

env = environ.Env()
for candidate in (PROJECT_DIR / ".env", BACKEND_DIR / ".env"):
    if candidate.is_file():
        environ.Env.read_env(str(candidate), overwrite=False)
