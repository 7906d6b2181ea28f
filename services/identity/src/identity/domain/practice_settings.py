"""What a practice decides for itself: how long each secret lives, reminders, idle timeout,
two-factor sign-in for staff, what its sign-in pages show, and which portal features it offers.

The limits keep every choice safe (SECURITY.md): a sign-in link lives at least 10 minutes and at
most a day, an invitation from 24 hours to 14 days, and so on. A feature nobody chose is on.
"""

from __future__ import annotations

import dataclasses
import zoneinfo

FEATURES = (
    "appointments",
    "self_scheduling",
    "telehealth",
    "forms",
    "consents",
    "assessments",
    "documents",
    "uploads",
    "messages",
    "insurance",
    "autopay",
    "invoices_and_payments",
    "statements",
    "superbills",
    "receipts",
    "estimates",
    "profile_edits",
)


@dataclasses.dataclass(frozen=True)
class Limit:
    low: int
    high: int


LIMITS = {
    "invitation_expiry_hours": Limit(24, 14 * 24),
    "invitation_reminder_hours": Limit(0, 14 * 24 - 1),  # 0: no reminder
    "verification_expiry_hours": Limit(1, 7 * 24),
    "sign_in_link_expiry_minutes": Limit(10, 24 * 60),
    "reset_code_expiry_minutes": Limit(5, 60),
    "staff_pin_expiry_minutes": Limit(5, 60),
    "staff_reset_link_default_hours": Limit(1, 7 * 24),
    "session_idle_minutes": Limit(5, 60),
}
# Settings that are not numbers: on/off, and what sign-in pages show (the logo is uploaded, practice_logo.py).
OTHER_SETTINGS = ("require_staff_two_factor", "name", "contact_phone", "time_zone")
# The practice's own clock (IANA name): the day a reminder is sent, what "due tomorrow" means.
DEFAULT_TIME_ZONE = "America/New_York"
SETTINGS = (*LIMITS, *OTHER_SETTINGS)


class SettingsInvalid(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def features_of(chosen: dict[str, bool] | None) -> dict[str, bool]:
    chosen = chosen or {}
    return {name: bool(chosen.get(name, True)) for name in FEATURES}


def check_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsInvalid("time_zone", "Choose a time zone such as America/New_York or Europe/London.") from None


def check_reminder(reminder_hours: int, expiry_hours: int) -> None:
    if reminder_hours and reminder_hours >= expiry_hours:
        raise SettingsInvalid(
            "invitation_reminder_hours", "The reminder must come before the invitation expires (or be 0: none)."
        )
