"""Realtime transport: group sends that never fail the sender, what this process pushed, and the database relay.

With the Redis layer a push from any process (worker, command, web) reaches every ASGI process. The in-memory
layer cannot cross processes, so then each ASGI process also runs the `relay`, which polls the sources its
clients subscribed to (each app brings its own: quotes per symbol, alerts and portfolio values per user) and pushes
what other processes stored. An in-process push and the relay share the `pushed` record, so nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from core.failsafe import shared_state
from core.websocket import live_event

logger = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
K_contra = TypeVar("K_contra", bound=Hashable, contravariant=True)


def as_float(value: Decimal | None) -> float | None:
    """A stored decimal as a JSON number of a live message."""
    return float(value) if value is not None else None


def group_send(group: str, message: dict[str, Any]) -> None:
    """Send `message` to every member of `group` in every process; a warning, not an error, if Redis is down.

    The data is stored whatever happens to the push, so a dead channel layer must not fail the request or task that
    stored it: the push goes through the shared fail-safe wrapper (core.failsafe) like every other use of Redis.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    shared_state.call(
        f"live push of {message.get('type')} to {group}",
        lambda: async_to_sync(layer.group_send)(group, live_event(group, message)),
        lambda: None,
    )


class PushedRecord:
    """What this process already pushed: the newest marker (a fetch time, a row id) per stream and key."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, Hashable], Any] = {}

    def is_new(self, stream: str, key: Hashable, marker: dt.datetime | int | None) -> bool:
        """True, and remembered, when `marker` is newer than the last one pushed for (`stream`, `key`)."""
        if marker is None:
            return False
        last = self._last.get((stream, key))
        if last is not None and marker <= last:
            return False
        self._last[(stream, key)] = marker
        return True


pushed = PushedRecord()


class RelaySource(Protocol[K_contra]):
    """One app's stored events that the relay polls for, per key (a symbol, a user id); runs in a worker thread."""

    def baseline(self, key: K_contra) -> None:
        """Mark what is stored for `key` now as pushed: a new subscriber gets only what comes later."""
        ...

    def push_new(self, keys: Sequence[K_contra]) -> None:
        """Push whatever is stored for `keys` and not yet in `pushed`."""
        ...


class DatabaseRelay:
    """Polls the database for events of this process's subscribers (in-memory layer only; off with Redis)."""

    def __init__(self) -> None:
        self._subscribers: dict[RelaySource[Any], Counter[Any]] = {}
        self._task: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return settings.REALTIME_RELAY_SECONDS > 0

    async def subscribe(self, source: RelaySource[K], key: K) -> None:
        if not self.enabled:
            return
        keys = self._subscribers.setdefault(source, Counter())
        if not keys[key]:
            await database_sync_to_async(source.baseline)(key)
        keys[key] += 1
        self._ensure_running()

    def unsubscribe(self, source: RelaySource[K], key: K) -> None:
        keys = self._subscribers.get(source)
        if keys is None or key not in keys:
            return
        keys[key] -= 1
        if keys[key] <= 0:
            del keys[key]

    def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        while any(self._subscribers.values()):
            await asyncio.sleep(settings.REALTIME_RELAY_SECONDS)
            await database_sync_to_async(self.poll_once)()

    def poll_once(self) -> None:
        """One sweep over every source with subscribers (runs in a worker thread)."""
        for source, keys in list(self._subscribers.items()):
            if not keys:
                continue
            try:
                source.push_new(list(keys))
            except Exception:  # keep relaying after a transient database error, and keep the other sources going
                logger.exception("Realtime relay poll of %s failed", type(source).__name__)


relay = DatabaseRelay()
