"""The practice's logo: owners and admins upload or remove it, anyone may see it (sign-in pages).

An upload is drawn again (adapters/logo_images.py) and stored under a key of its own version before
the practice points at it; the version it replaces is removed after the commit. A failure in
between leaves at worst an unused object, never a practice pointing at nothing. Each change is
audited (purpose `logo`) and published as identity.practice.settings_changed {changed: ["logo"]}.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from portalkit.errors import ValidationProblem, not_found
from portalkit.storage import ObjectNotFound, ObjectStore, StorageError, StoredObject

from identity.domain.practice_logo import LogoImage, LogoInvalid, logo_key
from identity.domain.sessions import SessionPolicy
from identity.events import PRACTICE_SETTINGS_CHANGED
from identity.service.caller import Caller
from identity.service.one_time_secrets import record_account_event
from identity.service.practice_settings import settings_view
from identity.service.unit_of_work import IdentityUnitOfWork

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class LogoChange:
    practice_id: str
    staff_id: str
    caller: Caller


@dataclasses.dataclass(frozen=True)
class ServedLogo:
    data: bytes
    content_type: str
    version: str


def replace_logo(
    uow: IdentityUnitOfWork,
    objects: ObjectStore,
    change: LogoChange,
    upload: bytes,
    redraw: Callable[[bytes], LogoImage],
    policy: SessionPolicy,
) -> dict[str, Any]:
    try:
        logo = redraw(upload)
    except LogoInvalid as error:
        raise ValidationProblem({"logo": [str(error)]}) from error
    objects.put(logo_key(change.practice_id, logo.version), logo.data, logo.content_type)
    return _point_at(uow, objects, change, logo, policy)


def remove_logo(
    uow: IdentityUnitOfWork, objects: ObjectStore, change: LogoChange, policy: SessionPolicy
) -> dict[str, Any]:
    return _point_at(uow, objects, change, None, policy)


def logo_of(uow: IdentityUnitOfWork, objects: ObjectStore, practice_id: str) -> ServedLogo:
    """The practice's current logo; 404 when it has none (or no such practice)."""
    with uow:
        practice = uow.practices.get(practice_id)
        version = practice.logo_version if practice else None
        content_type = practice.logo_content_type if practice else None
    if not version or not content_type:
        raise not_found("Logo")
    try:
        stored: StoredObject = objects.get(logo_key(practice_id, version))
    except ObjectNotFound as error:
        raise not_found("Logo") from error
    return ServedLogo(stored.data, content_type, version)


def _point_at(
    uow: IdentityUnitOfWork, objects: ObjectStore, change: LogoChange, logo: LogoImage | None, policy: SessionPolicy
) -> dict[str, Any]:
    with uow:
        practice = uow.practices.get(change.practice_id)
        if practice is None:
            raise not_found("Practice")
        had = practice.logo_version
        replaced = practice.change_logo(logo)
        if had != practice.logo_version:
            record_account_event(
                uow, practice.id, change.staff_id, "practice_settings_changed", change.caller, "logo", change.staff_id
            )
            uow.publish(PRACTICE_SETTINGS_CHANGED, {"changed": ["logo"]}, practice.id)
        uow.commit()
        view = settings_view(practice, policy)
    if replaced:
        _forget(objects, logo_key(change.practice_id, replaced))
    return view


def _forget(objects: ObjectStore, key: str) -> None:
    """Remove an image nobody points at any more; the change is made even if the store fails now."""
    try:
        objects.delete(key)
    except StorageError:
        log.warning("old logo not deleted", extra={"key": key})
