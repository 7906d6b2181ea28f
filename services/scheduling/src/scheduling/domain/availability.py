"""Self-scheduling: when each clinician sees clients (weekly windows in the practice's time zone),
the appointment types clients may book (duration and buffer), and the open slots that follow."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from scheduling.domain.appointment import AppointmentInvalid, Mode, check_duration, overlaps
from scheduling.domain.recurrence import to_utc, zone


@dataclasses.dataclass(frozen=True)
class WeeklyWindow:
    weekday: int  # 0 Monday … 6 Sunday
    starts: dt.time
    ends: dt.time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise AppointmentInvalid("windows", "A weekday is 0 (Monday) to 6 (Sunday).")
        if self.ends <= self.starts:
            raise AppointmentInvalid("windows", "A window ends after it starts.")


@dataclasses.dataclass(frozen=True)
class AppointmentType:
    id: str
    practice_id: str
    name: str
    duration_minutes: int
    buffer_minutes: int
    mode: Mode
    location: str | None
    bookable: bool

    def __post_init__(self) -> None:
        check_duration(self.duration_minutes)
        if not 0 <= self.buffer_minutes <= 120:
            raise AppointmentInvalid("buffer_minutes", "A buffer is 0 to 120 minutes.")


@dataclasses.dataclass(frozen=True)
class Busy:
    """A booked appointment of the clinician, from its start to its end plus its buffer."""

    starts_at: dt.datetime
    until: dt.datetime


@dataclasses.dataclass(frozen=True)
class BookingWindow:
    """How soon (lead time) and how far ahead (horizon) a client may book."""

    lead_hours: int
    horizon_days: int

    def opens(self, now: dt.datetime) -> dt.datetime:
        return now + dt.timedelta(hours=self.lead_hours)

    def closes(self, now: dt.datetime) -> dt.datetime:
        return now + dt.timedelta(days=self.horizon_days)


def open_slots(
    windows: Iterable[WeeklyWindow],
    kind: AppointmentType,
    busy: Iterable[Busy],
    time_zone: str,
    start: dt.datetime,
    end: dt.datetime,
) -> list[dt.datetime]:
    """Every start in [start, end) inside a window whose appointment (plus buffer) meets nothing busy.
    Slots follow each other every duration + buffer from the window's start."""
    taken = sorted(busy, key=lambda b: b.starts_at)
    length = dt.timedelta(minutes=kind.duration_minutes)
    guard = dt.timedelta(minutes=kind.buffer_minutes)
    return [
        slot
        for slot in _candidates(list(windows), time_zone, start, end, length, length + guard)
        if start <= slot < end and not _meets(slot, slot + length + guard, taken)
    ]


def _candidates(
    windows: list[WeeklyWindow],
    time_zone: str,
    start: dt.datetime,
    end: dt.datetime,
    length: dt.timedelta,
    step: dt.timedelta,
) -> Iterator[dt.datetime]:
    """The window's starts on each local day; the appointment itself (not its buffer) ends inside."""
    local_zone = zone(time_zone)
    day = start.astimezone(local_zone).date()
    while day <= end.astimezone(local_zone).date():
        for window in (w for w in windows if w.weekday == day.weekday()):
            moment, last = dt.datetime.combine(day, window.starts), dt.datetime.combine(day, window.ends)
            while moment + length <= last:
                yield to_utc(moment, local_zone)
                moment += step
        day += dt.timedelta(days=1)


def _meets(start: dt.datetime, until: dt.datetime, taken: list[Busy]) -> bool:
    return any(overlaps(start, until, b.starts_at, b.until) for b in taken)


def within_hours(windows: list[WeeklyWindow], time_zone: str, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether [start, end) fits inside one of the weekly windows on the zone's wall clock. With no
    windows there is nothing to compare with: every time fits."""
    if not windows:
        return True
    local_zone = zone(time_zone)
    first, last = start.astimezone(local_zone), end.astimezone(local_zone)
    return first.date() == last.date() and any(
        w.weekday == first.weekday() and w.starts <= first.time() and last.time() <= w.ends for w in windows
    )
