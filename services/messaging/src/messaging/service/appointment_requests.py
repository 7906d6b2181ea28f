"""Queue the emails scheduling's request events ask for: when a client asks to reschedule or cancel,
one to the appointment's clinician and to each admin and front desk member (the practice's owners when
there is no one else to answer); when staff answer, one to the client's default address. Nothing is
sent here, and nothing says who, when or why (domain/appointment_request_emails.py)."""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import Protocol

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.appointment_request_emails import answer_email, request_email
from messaging.service.forms_notifications import (
    StaffDirectory,
    StaffMember,
    UnknownPractice,
    recipient_cause,
)
from messaging.service.notifications import EventCause, checked_email, queue_for

log = logging.getLogger(__name__)

STAFF_ROLES = ("owner", "admin", "clinician", "front_desk")
# Besides the appointment's clinician, who answers clients' requests.
ANSWERING_ROLES = ("admin", "front_desk")


@dataclasses.dataclass(frozen=True)
class ClientAddress:
    email: str | None
    first_name: str
    practice_name: str


class ClientDirectory(Protocol):
    def client(self, practice_id: str, client_id: str) -> ClientAddress | None:
        """The client profile's default address and first name; None when the practice has no such client."""


def queue_request_emails(
    uow: MessagingUnitOfWork,
    directory: StaffDirectory,
    public_base_url: str,
    cause: EventCause,
    clinician_id: str,
    kind: str,
) -> list[str]:
    """The ids of the 'a client asked' emails for this event, one per staff member told."""
    staff = directory.active_staff(cause.practice_id, STAFF_ROLES)
    if staff is None:
        raise UnknownPractice(cause.practice_id)
    link = f"{public_base_url.rstrip('/')}/staff/appointments"
    queued = []
    for member in _told(staff.members, clinician_id):
        email = checked_email(
            functools.partial(request_email, member.email, staff.practice_name, kind, link), member.account_id
        )
        if email is not None:
            key = recipient_cause(cause.cause_event_id, member.account_id)
            queued.append(queue_for(uow, email, cause, key))
    return queued


def _told(members: tuple[StaffMember, ...], clinician_id: str) -> list[StaffMember]:
    answering = [m for m in members if m.account_id == clinician_id or m.role in ANSWERING_ROLES]
    return answering or [m for m in members if m.role == "owner"]


def queue_answer_email(
    uow: MessagingUnitOfWork,
    clients: ClientDirectory,
    public_base_url: str,
    cause: EventCause,
    client_id: str,
    answer: tuple[str, bool],
) -> str | None:
    """The id of the 'your practice answered' email to the client; None when they have no address."""
    kind, approved = answer
    found = clients.client(cause.practice_id, client_id)
    if found is None or not found.email:
        log.info("request answer not emailed: no address", extra={"client_id": client_id})
        return None
    link = f"{public_base_url.rstrip('/')}/appointments"
    build = functools.partial(answer_email, found.email, found.first_name, found.practice_name, kind, approved, link)
    email = checked_email(build, client_id)
    return None if email is None else queue_for(uow, email, cause, cause.cause_event_id)
