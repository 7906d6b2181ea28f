"""Settings of the scheduling service, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class SchedulingSettings(BaseSettings):
    service_name: str = "scheduling"
    # Identity's internal API: is a client one of the practice's, is a clinician one of its staff,
    # which portal features the practice offers.
    identity_url: str = "http://127.0.0.1:8081"
    # Seconds a practice's portal features are kept before identity is asked again (as the gateway's).
    feature_cache_seconds: float = 10.0
    # The video server rooms are made on (a self-hosted Jitsi Meet in production): a room's address is
    # this URL followed by the room's random name.
    video_base_url: str = "https://meet.jit.si"
    # The video server's token authentication (Jitsi's JWT_APP_ID, JWT_APP_SECRET, accepted audience and
    # XMPP domain): with a secret, each participant enters with a token of their own; empty (development),
    # the room's address alone.
    video_app_id: str = ""
    video_app_secret: str = ""
    video_token_audience: str = "jitsi"
    video_token_domain: str = "*"
    # The scheduler (in the worker): how often it sweeps due reminders, and how many one transaction takes.
    sweep_interval_seconds: float = 60.0
    sweep_batch_size: int = 500
