"""Settings of the forms service, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class FormsSettings(BaseSettings):
    service_name: str = "forms"
    # Identity's internal API: is a client one of the practice's, and its name for signed documents.
    identity_url: str = "http://127.0.0.1:8081"
    # A TrueType font for signed PDFs (any script a name may be written in); empty: the built-in
    # Latin-1 font, with other characters replaced.
    pdf_font_path: str = ""
    # Seconds a practice's portal features are kept before identity is asked again (as the gateway's
    # FEATURE_CACHE_SECONDS): a kind whose feature is off is hidden from clients within this time.
    feature_cache_seconds: float = 10.0
    # The scheduler (in the worker): how often it sweeps due recurring assessments and reminders, and how
    # many rows one transaction takes.
    sweep_interval_seconds: float = 60.0
    sweep_batch_size: int = 500
