"""Staff may book a clinician outside their weekly hours (an evening session now and then), and are
told so: each appointment that does not fit inside one of the clinician's windows (on the practice's
wall clock) comes back as a warning, before booking (`check`) and with the answer of a booking or a
move (`warnings`). A clinician without weekly hours gets none: there is nothing to compare with."""

from __future__ import annotations

import dataclasses
import datetime as dt

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment
from scheduling.domain.availability import WeeklyWindow, within_hours
from scheduling.domain.recurrence import occurrences
from scheduling.service.actors import Staff
from scheduling.service.appointments import NewAppointment

OUTSIDE_HOURS = "outside-hours"


@dataclasses.dataclass(frozen=True)
class HoursWarning:
    clinician_id: str
    starts_at: dt.datetime
    code: str = OUTSIDE_HOURS
    detail: str = "Outside the clinician's weekly hours."


def warnings(uow: SchedulingUnitOfWork, appointments: list[Appointment]) -> list[HoursWarning]:
    """The booked or moved appointments that fall outside their clinician's weekly hours."""
    with uow:
        hours: dict[str, list[WeeklyWindow]] = {}
        found = []
        for a in appointments:
            windows = hours.setdefault(a.clinician_id, uow.availability.of(a.practice_id, a.clinician_id))
            if not within_hours(windows, a.time_zone, a.starts_at, a.ends_at):
                found.append(HoursWarning(a.clinician_id, a.starts_at))
        return found


def check(uow: SchedulingUnitOfWork, staff: Staff, new: NewAppointment) -> list[HoursWarning]:
    """What booking `new` (one appointment or a series) would be warned of; nothing is booked."""
    with uow:
        time_zone = uow.settings.of(staff.practice_id).time_zone
        windows = uow.availability.of(staff.practice_id, new.clinician_id)
    starts = occurrences(new.starts_at, time_zone, new.repeat) if new.repeat else [new.starts_at]
    length = dt.timedelta(minutes=new.duration_minutes)
    return [
        HoursWarning(new.clinician_id, start)
        for start in starts
        if not within_hours(windows, time_zone, start, start + length)
    ]
