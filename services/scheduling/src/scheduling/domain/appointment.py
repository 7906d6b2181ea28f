"""An appointment: a clinician meets a client profile at a time, in person at a place or by video.
Times are kept in UTC; the practice's IANA time zone says what they are on the wall."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

MAX_DURATION_MINUTES = 8 * 60
# "Join video" is offered from this long before the start until the end.
JOIN_OPENS_BEFORE = dt.timedelta(minutes=10)


class Mode(enum.StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"


class Status(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class CancelledBy(enum.StrEnum):
    CLIENT = "client"
    PRACTICE = "practice"


class AppointmentInvalid(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AppointmentClosed(ValueError):
    """A cancelled or missed appointment is not moved or cancelled again."""


@dataclasses.dataclass(frozen=True)
class Place:
    mode: Mode
    location: str | None = None

    def __post_init__(self) -> None:
        if self.mode is Mode.IN_PERSON and not (self.location or "").strip():
            raise AppointmentInvalid("location", "An appointment in person needs a place.")


@dataclasses.dataclass(frozen=True)
class Appointment:
    id: str
    practice_id: str
    clinician_id: str
    client_id: str
    type_name: str
    starts_at: dt.datetime
    duration_minutes: int
    mode: Mode
    location: str | None
    time_zone: str
    created_at: dt.datetime
    created_by: str
    type_id: str | None = None
    series_id: str | None = None
    status: Status = Status.BOOKED
    buffer_minutes: int = 0
    cancelled_at: dt.datetime | None = None
    cancelled_by: CancelledBy | None = None
    late_cancellation: bool = False
    no_show_at: dt.datetime | None = None
    # The video room's unguessable name (a video appointment only); the room URL is built from it.
    video_room: str | None = None

    @property
    def video_opens_at(self) -> dt.datetime:
        return self.starts_at - JOIN_OPENS_BEFORE

    def joinable(self, now: dt.datetime) -> bool:
        """A booked video appointment, from 10 minutes before its start until its end."""
        video = self.mode is Mode.VIDEO and self.video_room is not None
        return video and self.status is Status.BOOKED and self.video_opens_at <= now < self.ends_at

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def blocked_until(self) -> dt.datetime:
        """The end plus the type's buffer: no other appointment of the clinician starts before."""
        return self.ends_at + dt.timedelta(minutes=self.buffer_minutes)

    def moved(
        self,
        starts_at: dt.datetime,
        duration_minutes: int | None,
        place: Place | None,
        clinician_id: str | None = None,
    ) -> Appointment:
        self._still_booked()
        check_duration(duration_minutes or self.duration_minutes)
        changes: dict[str, object] = {
            "starts_at": starts_at,
            "duration_minutes": duration_minutes or self.duration_minutes,
            "clinician_id": clinician_id or self.clinician_id,
        }
        if place is not None:
            changes |= {"mode": place.mode, "location": place.location if place.mode is Mode.IN_PERSON else None}
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def cancelled(
        self, now: dt.datetime, by: CancelledBy, notice_hours: int, asked_at: dt.datetime | None = None
    ) -> Appointment:
        """Cancelled by the client with less than the policy's notice: a late cancellation (a fee may follow).
        `asked_at`: when the client asked, if staff cancel on their request later."""
        self._still_booked()
        late = by is CancelledBy.CLIENT and self.late_if_cancelled_at(asked_at or now, notice_hours)
        return dataclasses.replace(
            self, status=Status.CANCELLED, cancelled_at=now, cancelled_by=by, late_cancellation=late
        )

    def late_if_cancelled_at(self, moment: dt.datetime, notice_hours: int) -> bool:
        return self.starts_at - moment < dt.timedelta(hours=notice_hours)

    def missed(self, now: dt.datetime) -> Appointment:
        self._still_booked()
        if now < self.starts_at:
            raise AppointmentInvalid("appointment", "A client can miss an appointment only once it has started.")
        return dataclasses.replace(self, status=Status.NO_SHOW, no_show_at=now)

    def _still_booked(self) -> None:
        if self.status is not Status.BOOKED:
            raise AppointmentClosed(self.status.value)


def check_duration(minutes: int) -> None:
    if not 5 <= minutes <= MAX_DURATION_MINUTES:
        raise AppointmentInvalid("duration_minutes", f"An appointment lasts 5 to {MAX_DURATION_MINUTES} minutes.")


def overlaps(start: dt.datetime, end: dt.datetime, other_start: dt.datetime, other_end: dt.datetime) -> bool:
    return start < other_end and other_start < end
