"""The client's address for per-client limits: X-Forwarded-For counts only when the peer is a trusted proxy.

DRF's get_ident with NUM_PROXIES takes an entry of X-Forwarded-For from any peer, so a client reaching the ASGI
server directly could rotate the header and get a fresh throttle budget on every request. DRF has no setting for
"trust this header only from these addresses" (nor does Django), hence this function; `ipaddress` does the parsing.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted if entry.strip())


def _is_trusted(address: str, networks: tuple[_Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(meta: dict[str, Any]) -> str:
    """REMOTE_ADDR, unless that is a proxy in settings.TRUSTED_PROXIES: then the rightmost X-Forwarded-For entry
    that is not itself a trusted proxy (each proxy appends the address it received the request from, so entries
    left of it were written by the client and prove nothing)."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    forwarded = str(meta.get("HTTP_X_FORWARDED_FOR") or "")
    if not forwarded or not _is_trusted(remote, networks):
        return remote
    for entry in reversed(forwarded.split(",")):
        address = entry.strip()
        if not address:
            continue
        if not _is_trusted(address, networks):
            return address
    return remote
