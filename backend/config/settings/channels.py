"""Channels layer: Redis when REDIS_URL is set, in-memory otherwise (plus a database relay, see core.realtime)."""

from __future__ import annotations

from typing import Any

from config.settings.cache import REDIS_URL
from config.settings.env import env

CHANNEL_LAYERS: dict[str, dict[str, Any]]
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: a group_send is one PUBLISH that each ASGI process receives once and hands to its own
            # members, instead of one Redis list push and pop per member (bench/ws_fanout.py: 1,000 clients).
            # Delivery is at most once, which suits live prices: a missed tick is superseded by the next one.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # redis-py 6+ caps a pool at 100 connections and raises beyond it.
                "hosts": [{"address": REDIS_URL, "max_connections": env.int("CHANNELS_REDIS_MAX_CONNECTIONS", 1000)}],
                "prefix": "stockvis",
            },
        }
    }
else:
    # Groups are held by each process's fan-out for as long as it has members: no expiry.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"group_expiry": 10**9}}}

# The in-memory layer cannot cross processes, so without Redis each ASGI process polls the database this often
# for quotes, alerts and portfolio values written by the worker and pushes them itself. 0 turns the relay off.
REALTIME_RELAY_SECONDS: float = env.float("REALTIME_RELAY_SECONDS", default=0.0 if REDIS_URL else 1.0)
WEBSOCKET_HEARTBEAT_SECONDS: float = env.float("WEBSOCKET_HEARTBEAT_SECONDS", default=25.0)
