"""What staff set up for scheduling: the practice's policy (time zone, cancellation notice, booking
lead time and horizon), appointment types, and each clinician's name and weekly availability."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from portalkit.errors import ValidationProblem

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.availability import AppointmentType, WeeklyWindow
from scheduling.domain.practice_settings import SchedulingPolicy
from scheduling.service.appointments import invalid_as_422
from scheduling.service.identity import Identity, StaffMember


def policy_of(uow: SchedulingUnitOfWork, practice_id: str) -> SchedulingPolicy:
    with uow:
        return uow.settings.of(practice_id)


def change_policy(uow: SchedulingUnitOfWork, practice_id: str, changes: dict[str, Any]) -> SchedulingPolicy:
    with uow:
        with invalid_as_422():
            policy = dataclasses.replace(uow.settings.of(practice_id), **changes)
        uow.settings.save(policy)
        uow.commit()
        return policy


def add_type(uow: SchedulingUnitOfWork, practice_id: str, fields: dict[str, Any]) -> AppointmentType:
    with invalid_as_422():
        kind = AppointmentType(id=str(uuid.uuid4()), practice_id=practice_id, **fields)
    with uow:
        uow.types.add(kind)
        uow.commit()
        return kind


def types_of(uow: SchedulingUnitOfWork, practice_id: str) -> list[AppointmentType]:
    with uow:
        return uow.types.all(practice_id)


@dataclasses.dataclass(frozen=True)
class Clinician:
    account_id: str
    email: str
    display_name: str
    windows: list[WeeklyWindow]


def clinicians(uow: SchedulingUnitOfWork, identity: Identity, practice_id: str) -> list[Clinician]:
    staff = identity.staff(practice_id)
    with uow:
        names = uow.clinicians.names(practice_id)
        return [_clinician(uow, practice_id, member, names) for member in staff]


def _clinician(uow: SchedulingUnitOfWork, practice_id: str, member: StaffMember, names: dict[str, str]) -> Clinician:
    windows = uow.availability.of(practice_id, member.account_id)
    return Clinician(member.account_id, member.email, names.get(member.account_id, ""), windows)


def set_availability(
    uow: SchedulingUnitOfWork,
    identity: Identity,
    practice_id: str,
    clinician_id: str,
    display_name: str,
    windows: list[WeeklyWindow],
) -> None:
    if clinician_id not in {member.account_id for member in identity.staff(practice_id)}:
        raise ValidationProblem({"clinician_id": ["No clinician of the practice has this id."]})
    with uow:
        uow.clinicians.ensure(practice_id, clinician_id, display_name, uow.clock.now())
        uow.clinicians.rename(practice_id, clinician_id, display_name)
        uow.availability.replace(practice_id, clinician_id, windows, [str(uuid.uuid4()) for _ in windows])
        uow.commit()
