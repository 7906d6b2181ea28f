"""A practice's settings: every staff member reads them, owners and admins change them. Each change
is in the audit (one row per setting, with who) and published as identity.practice.settings_changed
naming the settings, so the services that cache them fetch them again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import ValidationProblem, not_found

from identity.domain.model import Practice
from identity.domain.practice_settings import LIMITS, SettingsInvalid
from identity.domain.sessions import SessionPolicy
from identity.events import PRACTICE_SETTINGS_CHANGED
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class SettingsChange:
    practice_id: str
    staff_id: str
    changes: dict[str, Any]


def settings_of(uow: IdentityUnitOfWork, practice_id: str, policy: SessionPolicy) -> dict[str, Any]:
    with uow:
        return settings_view(_practice(uow, practice_id), policy)


def change_settings(
    uow: IdentityUnitOfWork, change: SettingsChange, policy: SessionPolicy, caller: Caller
) -> dict[str, Any]:
    with uow:
        practice = _practice(uow, change.practice_id)
        try:
            changed = practice.change_settings(change.changes)
        except SettingsInvalid as error:
            raise ValidationProblem({error.field: [error.message]}) from error
        for name in changed:
            record_account_event(
                uow, practice.id, change.staff_id, "practice_settings_changed", caller, name[:30], change.staff_id
            )
        if changed:
            uow.publish(PRACTICE_SETTINGS_CHANGED, {"changed": changed}, practice.id)
        uow.commit()
        return settings_view(practice, policy)


def public_profile(uow: IdentityUnitOfWork, practice_id: str) -> dict[str, Any]:
    with uow:
        practice = _practice(uow, practice_id)
        return {"name": practice.name, "logo_url": practice.logo_url, "contact_phone": practice.contact_phone}


def settings_view(practice: Practice, policy: SessionPolicy) -> dict[str, Any]:
    numbers = {name: getattr(practice, name) for name in LIMITS}
    numbers["session_idle_minutes"] = int(session_policy_of(practice, policy).idle.total_seconds() // 60)
    return {
        "practice_id": practice.id,
        "name": practice.name,
        "logo_url": practice.logo_url,
        "contact_phone": practice.contact_phone,
        "time_zone": practice.time_zone,
        "require_staff_two_factor": practice.require_staff_two_factor,
        **numbers,
        "features": practice.features,
    }


def session_policy_of(practice: Practice | None, default: SessionPolicy) -> SessionPolicy:
    """The practice's idle timeout when it chose one; the absolute limit is the service's."""
    if practice is None or practice.session_idle_minutes is None:
        return default
    return dataclasses.replace(default, idle=dt.timedelta(minutes=practice.session_idle_minutes))


def _practice(uow: IdentityUnitOfWork, practice_id: str) -> Practice:
    practice = uow.practices.get(practice_id)
    if practice is None:
        raise not_found("Practice")
    return practice
