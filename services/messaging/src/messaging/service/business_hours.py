"""The practice's business hours for messages and its automatic reply: read by staff, set by owners and
admins. Without hours (or without a reply text) no automatic reply is ever posted."""

from __future__ import annotations

import datetime as dt

from portalkit.errors import ValidationProblem

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.attachments import MEGABYTE
from messaging.domain.business_hours import BusinessHours, InvalidHours, Window
from messaging.domain.threads import InvalidMessage, clean_text

DEFAULT_TIME_ZONE = "UTC"
SETTING_ROLES = ("owner", "admin")


def hours_of(uow: MessagingUnitOfWork, practice_id: str) -> BusinessHours:
    with uow:
        return uow.business_hours.of(practice_id) or BusinessHours(practice_id, DEFAULT_TIME_ZONE, (), None)


def set_hours(
    uow: MessagingUnitOfWork,
    practice_id: str,
    actor_id: str,
    time_zone: str,
    windows: list[tuple[int, dt.time, dt.time]],
    auto_reply: str | None,
) -> BusinessHours:
    try:
        reply = clean_text(auto_reply, "auto_reply") if auto_reply and auto_reply.strip() else None
        hours = BusinessHours(practice_id, time_zone, tuple(Window(*w) for w in windows), reply)
    except (InvalidHours, InvalidMessage) as error:
        raise ValidationProblem({error.field: [str(error)]}) from None
    with uow:
        uow.business_hours.save(hours, actor_id, uow.clock.now())
        uow.commit()
        return hours


def upload_limit(uow: MessagingUnitOfWork, practice_id: str, ceiling: int) -> int:
    """The largest file the practice accepts: its own limit, never above the service's ceiling."""
    with uow:
        chosen = uow.business_hours.upload_limit(practice_id)
    return min(chosen or ceiling, ceiling)


def set_upload_limit(uow: MessagingUnitOfWork, practice_id: str, actor_id: str, limit: int, ceiling: int) -> int:
    if not MEGABYTE <= limit <= ceiling:
        message = f"Between 1 MB and {round(ceiling / MEGABYTE, 1):g} MB ({MEGABYTE} to {ceiling} bytes)."
        raise ValidationProblem({"upload_max_bytes": [message]})
    with uow:
        uow.business_hours.set_upload_limit(practice_id, limit, actor_id, uow.clock.now())
        uow.commit()
    return limit
