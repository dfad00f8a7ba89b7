"""Settings for bench/password_hash.py: the test settings with the hasher under measurement first."""

from __future__ import annotations

import os

from config.settings.test import *  # noqa: F403

PASSWORD_HASHERS = [os.environ["BENCH_HASHER"]]
