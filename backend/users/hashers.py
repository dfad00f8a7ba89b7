"""Argon2 password hashing with a cost sized for this deployment and a cap on concurrent hashes per process.

Django's Argon2PasswordHasher uses 100 MiB and 8 lanes per hash (about 540 ms on the project's 2-core machine):
8 parallel sign-ins took a process from 0.49 to 1.05 GB and other requests from 70 ms to 1.4 s. The cost here comes
from settings (PASSWORD_ARGON2_*; docs/operations.md has the measurement, bench/password_hash.py repeats it), and
at most PASSWORD_HASH_CONCURRENCY hashes run at once in a process: a request beyond that waits up to
PASSWORD_HASH_WAIT_SECONDS for a turn and is then answered 503 `server_busy` with Retry-After, so a burst of
sign-ins costs bounded memory and leaves the other requests their cores.

Every hash of the process goes through here: sign-in (and Django's dummy hash for an unknown username, which runs
the default hasher once, so an unknown name costs what a known one does), registration, password change and
reset. Stored hashes of other costs, or of PBKDF2, are rehashed with this cost at the next successful sign-in
(Django's check_password upgrades when `must_update` says so or the algorithm is not the first one configured).
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, reset_hashers
from django.core.signals import setting_changed
from django.dispatch import receiver

from core.exceptions import ApplicationError, ErrorCode


class PasswordHashingBusyError(ApplicationError):
    """Every hashing slot of this process stayed taken for PASSWORD_HASH_WAIT_SECONDS."""

    status_code = 503
    code = ErrorCode.SERVER_BUSY


_slots_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def _hash_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings.PASSWORD_HASH_CONCURRENCY)
        return _slots


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: Any) -> None:
    """Tests change the cap and the cost with override_settings; Django only remakes hashers for PASSWORD_HASHERS."""
    global _slots
    if setting == "PASSWORD_HASH_CONCURRENCY":
        with _slots_lock:
            _slots = None
    if setting.startswith("PASSWORD_ARGON2_"):
        reset_hashers(setting="PASSWORD_HASHERS")


class SizedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with the configured cost; stored as `argon2$argon2id$v=19$m=...,t=...,p=...$...` like Django's."""

    def __init__(self) -> None:
        # Instance attributes read by Argon2PasswordHasher.encode/params/must_update; Django makes hashers once
        # (and again after a settings override in a test, see above).
        self.time_cost = settings.PASSWORD_ARGON2_TIME_COST
        self.memory_cost = settings.PASSWORD_ARGON2_MEMORY_KIB
        self.parallelism = settings.PASSWORD_ARGON2_PARALLELISM

    def encode(self, password: str, salt: str) -> str:
        with _HashSlot():
            return str(super().encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        with _HashSlot():
            return bool(super().verify(password, encoded))


class _HashSlot:
    def __enter__(self) -> None:
        self._slots = _hash_slots()
        wait = settings.PASSWORD_HASH_WAIT_SECONDS
        if not self._slots.acquire(timeout=wait):
            raise PasswordHashingBusyError(
                "Too many sign-ins are being checked at once; try again in a moment.",
                extra={"retry_after": 1},
                retry_after=1,
            )

    def __exit__(self, *exc: object) -> None:
        self._slots.release()
