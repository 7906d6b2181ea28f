"""The identity service's settings, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.codes import pepper_from
from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class IdentitySettings(BaseSettings):
    service_name: str = "identity"
    # SECURITY.md: access JWTs live at most 15 minutes; sessions end after 15 idle minutes or 12 hours.
    access_token_ttl_seconds: int = 600
    session_idle_seconds: int = 900
    session_absolute_seconds: int = 43200
    # Key of the HMAC under which short codes (reset codes, sign-in codes, PINs) are stored. Set it in
    # production; when empty it is derived from SEALED_PAYLOAD_KEY (dev and tests).
    code_pepper: str = ""
    # SECURITY.md: failed password sign-ins from one address in an hour before it is refused.
    sign_in_failures_per_ip_per_hour: int = 100
    # A MaxMind-format database (.mmdb, e.g. GeoLite2 City) naming the city and country of a sign-in's
    # address on the sessions page; without one only "this computer" and "local network" are named.
    geoip_database: str = ""
    # The demo owner's password for `seed-demo`; a fresh one is generated when empty.
    demo_password: str = ""


def code_pepper(settings: IdentitySettings) -> bytes:
    """The pepper every identity process shares; derived from the sealing key when not set."""
    return pepper_from(settings.code_pepper, settings.sealed_payload_key, "identity")
