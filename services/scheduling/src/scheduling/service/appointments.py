"""Staff book, move and cancel appointments (one or a weekly / fortnightly series) and mark a missed
one; a clinician never has two booked appointments that meet."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import (
    Appointment,
    AppointmentClosed,
    AppointmentInvalid,
    CancelledBy,
    Place,
    Status,
    check_duration,
    overlaps,
)
from scheduling.domain.availability import AppointmentType
from scheduling.domain.recurrence import Repeat, occurrences
from scheduling.service.actors import Staff
from scheduling.service.identity import Identity
from scheduling.service.video import STAFF_JOIN_PATH, join_paths, with_room

BOOKED = "scheduling.appointment.booked"
RESCHEDULED = "scheduling.appointment.rescheduled"
CANCELLED = "scheduling.appointment.cancelled"
LATE_CANCELLED = "scheduling.appointment.late_cancelled"
NO_SHOW = "scheduling.appointment.no_show"


@dataclasses.dataclass(frozen=True)
class NewAppointment:
    clinician_id: str
    client_id: str
    type_name: str
    starts_at: dt.datetime
    duration_minutes: int
    place: Place
    type_id: str | None = None
    buffer_minutes: int = 0
    repeat: Repeat | None = None


@contextlib.contextmanager
def invalid_as_422() -> Iterator[None]:
    try:
        yield
    except AppointmentInvalid as error:
        raise ValidationProblem({error.field: [error.message]}) from error
    except AppointmentClosed as error:
        raise Problem(409, "appointment-closed", "This appointment was cancelled or missed already.") from error


def book(uow: SchedulingUnitOfWork, identity: Identity, staff: Staff, new: NewAppointment) -> list[Appointment]:
    with invalid_as_422():
        check_duration(new.duration_minutes)
    _check_people(identity, staff.practice_id, new.clinician_id, new.client_id)
    with uow:
        policy = uow.settings.of(staff.practice_id)
        starts = occurrences(new.starts_at, policy.time_zone, new.repeat) if new.repeat else [new.starts_at]
        series_id = str(uuid.uuid4()) if new.repeat else None
        made = [_appointment(uow, staff, new, start, policy.time_zone, series_id) for start in starts]
        return place_booked(uow, made)


def place_booked(uow: SchedulingUnitOfWork, made: list[Appointment]) -> list[Appointment]:
    """Write the appointments if none meets another of the clinician's; in the caller's unit of work."""
    first = made[0]
    uow.clinicians.ensure(first.practice_id, first.clinician_id, "", uow.clock.now())
    uow.clinicians.lock(first.practice_id, first.clinician_id)
    made = [with_room(appointment) for appointment in made]
    with taken_as_409():
        for appointment in made:
            ensure_free(uow, appointment)
            uow.appointments.add(appointment)
            uow.publish(BOOKED, booked_data(appointment), appointment.practice_id)
        uow.commit()
    return made


def ensure_free(uow: SchedulingUnitOfWork, appointment: Appointment, moving: frozenset[str] = frozenset()) -> None:
    """No other booked appointment of the clinician meets this one (buffers included); `moving`: the
    ids of appointments being moved with it, whose current times do not count."""
    start, until = appointment.starts_at, appointment.blocked_until
    nearby = uow.appointments.between(appointment.practice_id, start, until, appointment.clinician_id)
    if any(
        other.id != appointment.id
        and other.id not in moving
        and other.status is Status.BOOKED
        and overlaps(start, until, other.starts_at, other.blocked_until)
        for other in nearby
    ):
        raise slot_taken(appointment.starts_at)


def slot_taken(starts_at: dt.datetime) -> Problem:
    return Problem(
        409,
        "slot-taken",
        "The clinician has another appointment at this time.",
        "Choose another time.",
        starts_at=utc_iso(starts_at),
    )


@contextlib.contextmanager
def taken_as_409() -> Iterator[None]:
    """The partial unique index refused a second booked appointment at the clinician's start."""
    try:
        yield
    except IntegrityError as error:  # a concurrent booking of the same start won
        raise Problem(409, "slot-taken", "This time was just taken.", "Choose another time.") from error


def _appointment(
    uow: SchedulingUnitOfWork, staff: Staff, new: NewAppointment, start: dt.datetime, zone: str, series: str | None
) -> Appointment:
    return Appointment(
        id=str(uuid.uuid4()),
        practice_id=staff.practice_id,
        clinician_id=new.clinician_id,
        client_id=new.client_id,
        type_name=new.type_name,
        starts_at=start,
        duration_minutes=new.duration_minutes,
        mode=new.place.mode,
        location=new.place.location,
        time_zone=zone,
        created_at=uow.clock.now(),
        created_by=staff.account_id,
        type_id=new.type_id,
        series_id=series,
        buffer_minutes=new.buffer_minutes,
    )


def _check_people(identity: Identity, practice_id: str, clinician_id: str, client_id: str) -> None:
    errors = clinician_errors(identity, practice_id, clinician_id)
    if not identity.client_exists(practice_id, client_id):
        errors["client_id"] = ["No client of the practice has this id."]
    if errors:
        raise ValidationProblem(errors)


def clinician_errors(identity: Identity, practice_id: str, clinician_id: str) -> dict[str, list[str]]:
    if clinician_id in {member.account_id for member in identity.staff(practice_id)}:
        return {}
    return {"clinician_id": ["No clinician of the practice has this id."]}


def move(
    uow: SchedulingUnitOfWork,
    staff: Staff,
    appointment_id: str,
    starts_at: dt.datetime,
    duration_minutes: int | None,
    place: Place | None,
) -> Appointment:
    with uow, taken_as_409():
        current = get(uow, staff.practice_id, appointment_id)
        moved = moved_in(uow, current, starts_at, duration_minutes, place)
        uow.commit()
        return moved


def moved_in(
    uow: SchedulingUnitOfWork,
    current: Appointment,
    starts_at: dt.datetime,
    duration_minutes: int | None = None,
    place: Place | None = None,
) -> Appointment:
    """Move within the caller's unit of work (uncommitted): the clinician must be free at the new time."""
    with invalid_as_422():
        moved = with_room(current.moved(starts_at, duration_minutes, place))
    uow.clinicians.lock(current.practice_id, moved.clinician_id)
    ensure_free(uow, moved)
    record_move(uow, current, moved)
    return moved


def record_move(uow: SchedulingUnitOfWork, current: Appointment, moved: Appointment) -> None:
    """Save a moved appointment (uncommitted): reminded again for its new time, and rescheduled told."""
    uow.appointments.save(moved)
    uow.reminders.forget(moved.practice_id, moved.id)
    previous = {"previous_starts_at": utc_iso(current.starts_at), "previous_clinician_id": current.clinician_id}
    data = booked_data(moved) | previous
    data.pop("series_id")
    uow.publish(RESCHEDULED, data, current.practice_id)


def cancel(uow: SchedulingUnitOfWork, practice_id: str, appointment_id: str, by: CancelledBy) -> Appointment:
    with uow:
        cancelled = cancelled_in(uow, get(uow, practice_id, appointment_id), by)
        uow.commit()
        return cancelled


def cancelled_in(
    uow: SchedulingUnitOfWork, current: Appointment, by: CancelledBy, asked_at: dt.datetime | None = None
) -> Appointment:
    """Cancel within the caller's unit of work (uncommitted); late cancellations tell billing too."""
    notice = uow.settings.of(current.practice_id).cancellation_notice_hours
    with invalid_as_422():
        cancelled = current.cancelled(uow.clock.now(), by, notice, asked_at)
    uow.appointments.save(cancelled)
    uow.publish(CANCELLED, cancelled_data(cancelled), current.practice_id)
    if cancelled.late_cancellation:
        uow.publish(LATE_CANCELLED, cancelled_data(cancelled) | {"notice_hours": notice}, current.practice_id)
    return cancelled


def mark_no_show(uow: SchedulingUnitOfWork, practice_id: str, appointment_id: str) -> Appointment:
    with uow:
        current = get(uow, practice_id, appointment_id)
        with invalid_as_422():
            missed = current.missed(uow.clock.now())
        uow.appointments.save(missed)
        data = _ids(missed) | {"starts_at": utc_iso(missed.starts_at), "ends_at": utc_iso(missed.ends_at)}
        uow.publish(NO_SHOW, data | {"marked_at": utc_iso(uow.clock.now())}, practice_id)
        uow.commit()
        return missed


@dataclasses.dataclass(frozen=True)
class StaffCalendar:
    appointments: list[Appointment]
    clinician_names: dict[str, str]
    # Join paths of the rooms the viewing staff member can join now: only their own video appointments.
    join_urls: dict[str, str]


def calendar(
    uow: SchedulingUnitOfWork,
    staff: Staff,
    start: dt.datetime,
    end: dt.datetime,
    chosen: tuple[str | None, str | None],
    telehealth: bool,
) -> StaffCalendar:
    """The practice's appointments meeting [start, end), of a clinician and / or a client (`chosen`)."""
    clinician_id, client_id = chosen
    with uow:
        found = uow.appointments.between(staff.practice_id, start, end, clinician_id)
        items = [a for a in found if a.ends_at > start and client_id in (None, a.client_id)]
        own = [a for a in items if a.clinician_id == staff.account_id]
        links = join_paths(own, uow.clock.now(), telehealth, STAFF_JOIN_PATH)
        return StaffCalendar(items, uow.clinicians.names(staff.practice_id), links)


def appointment_type(uow: SchedulingUnitOfWork, practice_id: str, type_id: str) -> AppointmentType:
    with uow:
        kind = uow.types.by_id(practice_id, type_id)
    if kind is None:
        raise ValidationProblem({"type_id": ["No appointment type of the practice has this id."]})
    return kind


def one(uow: SchedulingUnitOfWork, practice_id: str, appointment_id: str) -> tuple[Appointment, dict[str, str]]:
    with uow:
        found = uow.appointments.by_id(practice_id, appointment_id)
        if found is None:
            raise not_found("Appointment")
        return found, uow.clinicians.names(practice_id)


def get(uow: SchedulingUnitOfWork, practice_id: str, appointment_id: str) -> Appointment:
    """The practice's appointment, locked for the change that follows; another practice's is 404."""
    appointment = uow.appointments.by_id(practice_id, appointment_id, lock=True)
    if appointment is None:
        raise not_found("Appointment")
    return appointment


def _ids(appointment: Appointment) -> dict[str, Any]:
    return {
        "appointment_id": appointment.id,
        "client_id": appointment.client_id,
        "clinician_id": appointment.clinician_id,
    }


def booked_data(appointment: Appointment) -> dict[str, Any]:
    times = {"starts_at": utc_iso(appointment.starts_at), "ends_at": utc_iso(appointment.ends_at)}
    return _ids(appointment) | times | {"series_id": appointment.series_id}


def cancelled_data(appointment: Appointment) -> dict[str, Any]:
    assert appointment.cancelled_at is not None
    times = {"starts_at": utc_iso(appointment.starts_at), "ends_at": utc_iso(appointment.ends_at)}
    return _ids(appointment) | times | {"cancelled_at": utc_iso(appointment.cancelled_at)}
