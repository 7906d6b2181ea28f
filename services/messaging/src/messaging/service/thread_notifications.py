"""Queue the emails a new secure message asks for: to the client when the practice wrote; to the
assigned (or addressed) staff member, else to the practice's staff, when the client wrote. An
automatic reply tells nobody. Nothing is sent here, and nothing of the message goes into an email."""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.thread_emails import client_notice, staff_notice
from messaging.service.forms_notifications import StaffDirectory, UnknownPractice, recipient_cause
from messaging.service.notifications import EventCause, checked_email, queue_for
from messaging.service.threads import THREAD_ROLES

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ClientContact:
    email: str | None
    first_name: str
    practice_name: str
    # False when the client has no portal account or it is disabled: a link they cannot use is no notice.
    can_sign_in: bool
    # The practice's logo (an absolute address), when it has one.
    logo_url: str | None = None


class ClientContacts(Protocol):
    def contact(self, practice_id: str, client_id: str) -> ClientContact | None:
        """The client's default address and first name; None when the practice has no such client."""


class UnknownClient(LookupError):
    """The event names a client identity does not know (in that practice): no one can be told."""


def queue_new_message_emails(
    uow: MessagingUnitOfWork,
    contacts: ClientContacts,
    staff: StaffDirectory,
    public_base_url: str,
    sent: Mapping[str, Any],
    cause: EventCause,
) -> list[str]:
    """The ids of the emails this `messaging.message.sent` asks for (none again for the same event)."""
    base = public_base_url.rstrip("/")
    if sent["sender_side"] == "staff":
        return _to_client(uow, contacts, f"{base}/messages?thread={sent['thread_id']}", sent, cause)
    if sent["sender_side"] == "client":
        return _to_staff(uow, staff, f"{base}/staff/inbox", sent, cause)
    return []


def _to_client(
    uow: MessagingUnitOfWork, contacts: ClientContacts, link: str, sent: Mapping[str, Any], cause: EventCause
) -> list[str]:
    client_id = str(sent["client_id"])
    contact = contacts.contact(cause.practice_id, client_id)
    if contact is None:
        raise UnknownClient(client_id)
    if not (contact.email and contact.can_sign_in):
        log.info("client not told of a message", extra={"client_id": client_id, "reason": "no address or account"})
        return []
    notice = functools.partial(
        client_notice, str(contact.email), contact.first_name, contact.practice_name, link, contact.logo_url
    )
    email = checked_email(notice, client_id)
    return [] if email is None else [queue_for(uow, email, cause, recipient_cause(cause.cause_event_id, client_id))]


def _to_staff(
    uow: MessagingUnitOfWork, directory: StaffDirectory, link: str, sent: Mapping[str, Any], cause: EventCause
) -> list[str]:
    staff = directory.active_staff(cause.practice_id, THREAD_ROLES)
    if staff is None:
        raise UnknownPractice(cause.practice_id)
    wanted = sent.get("assigned_to") or sent.get("clinician_id")
    members = [m for m in staff.members if m.account_id == wanted] if wanted else []
    # Nobody in particular (or they left the practice): everyone who answers clients is told.
    queued = []
    for member in members or staff.members:
        email = checked_email(
            functools.partial(staff_notice, member.email, staff.practice_name, link), member.account_id
        )
        if email is not None:
            queued.append(queue_for(uow, email, cause, recipient_cause(cause.cause_event_id, member.account_id)))
    return queued
