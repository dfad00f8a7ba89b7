"""Development settings: the embedded default of `make run`."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403
from config.settings.env import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
