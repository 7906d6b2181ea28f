"""Self-scheduling: the client sees the open slots of a clinician for a bookable appointment type,
within the practice's lead time and horizon, and books one. Two clients booking the same slot at the
same instant: the clinician's row lock lets one in, the other finds the slot taken (409)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from portalkit.errors import Problem, ValidationProblem

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment
from scheduling.domain.availability import AppointmentType, open_slots
from scheduling.service.actors import ClientCaller
from scheduling.service.appointments import place_booked

DEFAULT_DAYS_SHOWN = 14


@dataclasses.dataclass(frozen=True)
class BookingOptions:
    clinicians: dict[str, str]  # account id → the name clients see
    types: list[AppointmentType]


def options(uow: SchedulingUnitOfWork, practice_id: str) -> BookingOptions:
    """Clinicians with weekly availability and the types clients may book."""
    with uow:
        names = uow.clinicians.names(practice_id)
        with_windows = uow.availability.clinicians_with_windows(practice_id)
        types = [t for t in uow.types.all(practice_id) if t.bookable]
        return BookingOptions({c: names.get(c, "") for c in with_windows}, types)


def slots(
    uow: SchedulingUnitOfWork,
    practice_id: str,
    clinician_id: str,
    type_id: str,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> tuple[list[dt.datetime], str]:
    """Open starts in [start, end), cut to what the booking window allows now, and the practice's zone."""
    with uow:
        found = _open(uow, practice_id, clinician_id, _bookable(uow, practice_id, type_id), start, end)
        return found, uow.settings.of(practice_id).time_zone


def _open(
    uow: SchedulingUnitOfWork,
    practice_id: str,
    clinician_id: str,
    kind: AppointmentType,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> list[dt.datetime]:
    policy, now = uow.settings.of(practice_id), uow.clock.now()
    opens, closes = policy.booking_window.opens(now), policy.booking_window.closes(now)
    start = max(start or opens, opens)
    end = min(end or start + dt.timedelta(days=DEFAULT_DAYS_SHOWN), closes)
    if end <= start:
        return []
    windows = uow.availability.of(practice_id, clinician_id)
    busy = uow.appointments.busy(practice_id, clinician_id, start, end + dt.timedelta(minutes=kind.buffer_minutes))
    return open_slots(windows, kind, busy, policy.time_zone, start, end)


def _bookable(uow: SchedulingUnitOfWork, practice_id: str, type_id: str) -> AppointmentType:
    kind = uow.types.by_id(practice_id, type_id)
    if kind is None or not kind.bookable:
        raise ValidationProblem({"type_id": ["Choose an appointment type clients may book."]})
    return kind


def book_slot(
    uow: SchedulingUnitOfWork, caller: ClientCaller, clinician_id: str, type_id: str, starts_at: dt.datetime
) -> Appointment:
    with uow:
        kind = _bookable(uow, caller.practice_id, type_id)
        uow.clinicians.lock(caller.practice_id, clinician_id)
        day = starts_at + dt.timedelta(minutes=kind.duration_minutes)
        if starts_at not in _open(uow, caller.practice_id, clinician_id, kind, starts_at, day):
            raise Problem(409, "slot-taken", "This time is no longer open.", "Choose another time.")
        appointment = _appointment(uow, caller, clinician_id, kind, starts_at)
        return place_booked(uow, [appointment])[0]


def _appointment(
    uow: SchedulingUnitOfWork, caller: ClientCaller, clinician_id: str, kind: AppointmentType, start: dt.datetime
) -> Appointment:
    return Appointment(
        id=str(uuid.uuid4()),
        practice_id=caller.practice_id,
        clinician_id=clinician_id,
        client_id=caller.client_id,
        type_name=kind.name,
        starts_at=start,
        duration_minutes=kind.duration_minutes,
        mode=kind.mode,
        location=kind.location,
        time_zone=uow.settings.of(caller.practice_id).time_zone,
        created_at=uow.clock.now(),
        created_by=caller.account_id,
        type_id=kind.id,
        buffer_minutes=kind.buffer_minutes,
    )
