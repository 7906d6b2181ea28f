"""What a practice decides about scheduling: its time zone, the notice a client gives to cancel
without a late cancellation, and how soon and how far ahead clients may book themselves."""

from __future__ import annotations

import dataclasses

from scheduling.domain.appointment import AppointmentInvalid
from scheduling.domain.availability import BookingWindow
from scheduling.domain.recurrence import TimeZoneUnknown, zone

LIMITS = {
    "cancellation_notice_hours": (0, 7 * 24),
    "booking_lead_hours": (0, 30 * 24),
    "booking_horizon_days": (1, 365),
}


@dataclasses.dataclass(frozen=True)
class SchedulingPolicy:
    practice_id: str
    time_zone: str = "America/New_York"
    cancellation_notice_hours: int = 24
    booking_lead_hours: int = 24
    booking_horizon_days: int = 60

    def __post_init__(self) -> None:
        try:
            zone(self.time_zone)
        except TimeZoneUnknown as error:
            raise AppointmentInvalid("time_zone", "Choose a time zone such as America/New_York.") from error
        for name, (low, high) in LIMITS.items():
            if not low <= getattr(self, name) <= high:
                raise AppointmentInvalid(name, f"Between {low} and {high}.")

    @property
    def booking_window(self) -> BookingWindow:
        return BookingWindow(self.booking_lead_hours, self.booking_horizon_days)
