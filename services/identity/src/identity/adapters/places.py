"""Where a sign-in came from, in words a client recognises ("Leeds, United Kingdom"), for the sessions
page and the "was this you?" list. Without a geolocation database only what the address itself says
is named (this computer, a local network); with one (any MaxMind-format `.mmdb` file, e.g. GeoLite2
City or Country, set by GEOIP_DATABASE) the city and country."""

from __future__ import annotations

import ipaddress
from typing import Any, Protocol

import maxminddb

# Home and office networks (RFC 1918, carrier-grade NAT, unique local and link-local). Not
# `is_private`, which also counts the documentation ranges, public addresses in every other sense.
_LOCAL_RANGES = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16")
LOCAL_NETWORKS = tuple(ipaddress.ip_network(network) for network in (*_LOCAL_RANGES, "fc00::/7", "fe80::/10"))


class PlaceLookup(Protocol):
    def place_of(self, ip: str | None) -> str | None: ...


class NetworkPlaces:
    """Names only loopback and private addresses; everything else is unknown."""

    def place_of(self, ip: str | None) -> str | None:
        address = _parsed(ip)
        if address is None:
            return None
        if address.is_loopback:
            return "This computer"
        if any(address in network for network in LOCAL_NETWORKS):
            return "Local network"
        return None


class GeoIpPlaces(NetworkPlaces):
    """City and country from a MaxMind-format database, read once into memory."""

    def __init__(self, database_path: str) -> None:
        self._reader = maxminddb.open_database(database_path, maxminddb.MODE_MEMORY)

    def place_of(self, ip: str | None) -> str | None:
        local = super().place_of(ip)
        if local is not None or _parsed(ip) is None:
            return local
        record = self._reader.get(str(ip))
        return _describe(record) if isinstance(record, dict) else None


def make_place_lookup(database_path: str) -> PlaceLookup:
    return GeoIpPlaces(database_path) if database_path else NetworkPlaces()


def _parsed(ip: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(ip) if ip else None
    except ValueError:
        return None


def _describe(record: dict[str, Any]) -> str | None:
    names = [_english_name(record.get(part)) for part in ("city", "country")]
    words = [name for name in names if name]
    return ", ".join(words) or None


def _english_name(part: Any) -> str | None:
    if not isinstance(part, dict):
        return None
    names = part.get("names")
    return names.get("en") if isinstance(names, dict) else None
