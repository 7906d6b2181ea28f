"""Staff change a whole series, or one occurrence and those that follow it: a new time, length or
clinician for every occurrence not yet started. The new time is kept on the practice's wall clock (a
series moved from 10:00 to 11:00 stays at 11:00 on both sides of a daylight-saving change). All or
nothing: one occurrence meeting another appointment of the clinician refuses the whole change (409,
naming its time). Each moved occurrence is told as `scheduling.appointment.rescheduled`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid

from portalkit.errors import Problem, ValidationProblem

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.appointment import Appointment, Status
from scheduling.domain.recurrence import shifted, wall_shift
from scheduling.service.actors import Staff
from scheduling.service.appointments import (
    clinician_errors,
    ensure_free,
    get,
    invalid_as_422,
    record_move,
    taken_as_409,
)
from scheduling.service.identity import Identity


class Scope(enum.StrEnum):
    FOLLOWING = "following"  # this occurrence and the later ones (they become a series of their own)
    SERIES = "series"  # every occurrence not yet started


@dataclasses.dataclass(frozen=True)
class SeriesChange:
    scope: Scope
    # This occurrence's new start: the others move as far on the wall clock.
    starts_at: dt.datetime
    duration_minutes: int | None = None
    clinician_id: str | None = None


def move_series(
    uow: SchedulingUnitOfWork, identity: Identity, staff: Staff, appointment_id: str, change: SeriesChange
) -> list[Appointment]:
    if change.clinician_id and (errors := clinician_errors(identity, staff.practice_id, change.clinician_id)):
        raise ValidationProblem(errors)
    with uow, taken_as_409():
        chosen = get(uow, staff.practice_id, appointment_id)
        if chosen.series_id is None:
            raise ValidationProblem({"scope": ["This appointment is not part of a series."]})
        if chosen.status is not Status.BOOKED:
            raise Problem(409, "appointment-closed", "This appointment was cancelled or missed already.")
        every = uow.appointments.of_series(staff.practice_id, chosen.series_id)
        moving = _affected(every, chosen, change.scope, uow.clock.now())
        if not moving:
            raise Problem(409, "series-over", "No occurrence of this series is still ahead.")
        moved = _moved(moving, chosen, change, _split_id(every, chosen, change.scope))
        _place(uow, moving, moved)
        uow.commit()
        return moved


def _affected(every: list[Appointment], chosen: Appointment, scope: Scope, now: dt.datetime) -> list[Appointment]:
    ahead = [a for a in every if a.status is Status.BOOKED and a.starts_at > now]
    return ahead if scope is Scope.SERIES else [a for a in ahead if a.starts_at >= chosen.starts_at]


def _split_id(every: list[Appointment], chosen: Appointment, scope: Scope) -> str | None:
    """ "This and following" with earlier occurrences left behind: the moved ones become a series of
    their own, so that a later change of either part leaves the other alone."""
    earlier = any(a.starts_at < chosen.starts_at for a in every)
    return str(uuid.uuid4()) if scope is Scope.FOLLOWING and earlier else None


def _moved(
    moving: list[Appointment], chosen: Appointment, change: SeriesChange, split: str | None
) -> list[Appointment]:
    shift = wall_shift(chosen.starts_at, change.starts_at, chosen.time_zone)
    with invalid_as_422():
        moved = [
            a.moved(shifted(a.starts_at, shift, a.time_zone), change.duration_minutes, None, change.clinician_id)
            for a in moving
        ]
    return [dataclasses.replace(a, series_id=split or a.series_id) for a in moved]


def _place(uow: SchedulingUnitOfWork, moving: list[Appointment], moved: list[Appointment]) -> None:
    practice_id = moving[0].practice_id
    for clinician_id in sorted({a.clinician_id for a in moving + moved}):  # one order: no deadlock
        uow.clinicians.ensure(practice_id, clinician_id, "", uow.clock.now())
        uow.clinicians.lock(practice_id, clinician_id)
    ids = frozenset(a.id for a in moving)
    for appointment in moved:
        ensure_free(uow, appointment, moving=ids)
    # Later ones first when moving later (earlier first when earlier): no occurrence ever takes the
    # start another still holds, which the database's unique index would refuse.
    later = moved[0].starts_at > moving[0].starts_at
    for current, new in sorted(zip(moving, moved, strict=True), key=lambda pair: pair[0].starts_at, reverse=later):
        record_move(uow, current, new)
