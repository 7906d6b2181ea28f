"""The identity service's settings, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class IdentitySettings(BaseSettings):
    service_name: str = "identity"
    # SECURITY.md: access JWTs live at most 15 minutes; sessions end after 15 idle minutes or 12 hours.
    access_token_ttl_seconds: int = 600
    session_idle_seconds: int = 900
    session_absolute_seconds: int = 43200
    # The demo owner's password for `seed-demo`; a fresh one is generated when empty.
    demo_password: str = ""
