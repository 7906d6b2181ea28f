"""Settings of the billing service, read from the environment once."""

from __future__ import annotations

import dataclasses

from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class BillingSettings(BaseSettings):
    service_name: str = "billing"
    # Identity's internal API: is a client one of the practice's, which portal features it offers.
    identity_url: str = "http://127.0.0.1:8081"
    feature_cache_seconds: float = 10.0
    # Stripe, which a practice may choose in its billing settings once all three keys are set (the
    # built-in sandbox is always there: test cards with fixed outcomes, nothing is charged).
    stripe_secret_key: str = ""
    stripe_publishable_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str = "https://api.stripe.com"
    # The scheduler (in the worker): how often it charges due autopay invoices and settles pending
    # payments, and how many one sweep takes.
    sweep_interval_seconds: float = 30.0
    sweep_batch_size: int = 100
    # The largest photo (or PDF) of an insurance card a client may upload.
    insurance_photo_max_bytes: int = 5 * 1024 * 1024
    # A TrueType font for receipts, statements and superbills (any script a name is written in); empty:
    # the built-in Latin-1 font, other characters replaced.
    pdf_font_path: str = ""

    @property
    def stripe_configured(self) -> bool:
        return bool(self.stripe_secret_key and self.stripe_publishable_key and self.stripe_webhook_secret)
