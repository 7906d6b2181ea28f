"""Settings of the invitations service, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class InvitationsSettings(BaseSettings):
    service_name: str = "invitations"
    identity_url: str = "http://127.0.0.1:8081"
    # Used when the practice has not chosen its own `invitation_expiry_hours`.
    default_expiry_hours: int = 120
    # One reminder this long before expiry (0: none), unless the practice chose otherwise.
    reminder_hours_before_expiry: int = 24
    # How often the worker's scheduler looks for due expiries and reminders, and how many rows a
    # transaction of it handles at most.
    sweep_interval_seconds: float = 30.0
    sweep_batch_size: int = 500
    # Versions of the agreements a client accepts when creating the account.
    terms_version: str = "2026-11-01"
    privacy_version: str = "2026-11-01"
    electronic_notices_version: str = "2026-11-01"
