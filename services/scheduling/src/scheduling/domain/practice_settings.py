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
    # Reminders before an appointment: which (48 hours, 2 hours) and how (email, text message).
    remind_48h: bool = True
    remind_2h: bool = True
    remind_by_email: bool = True
    remind_by_sms: bool = False

    def __post_init__(self) -> None:
        try:
            zone(self.time_zone)
        except TimeZoneUnknown as error:
            raise AppointmentInvalid("time_zone", "Choose a time zone such as America/New_York.") from error
        for name, (low, high) in LIMITS.items():
            if not low <= getattr(self, name) <= high:
                raise AppointmentInvalid(name, f"Between {low} and {high}.")

    @property
    def reminder_leads(self) -> tuple[int, ...]:
        """Hours before the start that a reminder goes out, nearest last; none without a channel."""
        if not (self.remind_by_email or self.remind_by_sms):
            return ()
        return tuple(hours for hours, on in ((48, self.remind_48h), (2, self.remind_2h)) if on)

    @property
    def booking_window(self) -> BookingWindow:
        return BookingWindow(self.booking_lead_hours, self.booking_horizon_days)
