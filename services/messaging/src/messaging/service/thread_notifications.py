"""Queue the notices a new secure message asks for: to the client when the practice wrote (by email and / or
text, as their account chose: service/client_notices.py); to the assigned (or addressed) staff member, else
to the practice's staff, when the client wrote. An automatic reply tells nobody. A document the practice
shared tells the client the same way. Nothing is sent here, and nothing of the message or document goes
into a notice."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain import client_notices
from messaging.domain.thread_emails import NEW_SECURE_MESSAGE, client_notice, staff_notice
from messaging.service.client_notices import ClientContact, ClientNotice, Told, tell_client
from messaging.service.forms_notifications import StaffDirectory, UnknownPractice, recipient_cause
from messaging.service.notifications import EventCause, checked_email, queue_for
from messaging.service.threads import THREAD_ROLES

log = logging.getLogger(__name__)


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
    told = tell_client_of(uow, contacts, client_id, message_notice(link), cause)
    return [told.email_id] if told.email_id else []


def tell_client_of(
    uow: MessagingUnitOfWork, contacts: ClientContacts, client_id: str, notice: ClientNotice, cause: EventCause
) -> Told:
    """The client profile's contact from identity, then the notice as they chose (UnknownClient: no such client)."""
    contact = contacts.contact(cause.practice_id, client_id)
    if contact is None:
        raise UnknownClient(client_id)
    return tell_client(uow, contact, client_id, notice, cause)


def tell_client_if_known(
    uow: MessagingUnitOfWork, contacts: ClientContacts, client_id: str, notice: ClientNotice, cause: EventCause
) -> Told:
    """As tell_client_of, for a notice about something of the client's own (a payment, a request): a
    client the practice no longer has is told nothing, and that is logged."""
    try:
        return tell_client_of(uow, contacts, client_id, notice, cause)
    except UnknownClient:
        log.info("client notice not sent: no such client", extra={"client_id": client_id, "notice": notice.name})
        return Told()


def message_notice(link: str) -> ClientNotice:
    """'You have a new secure message from <practice>', by email and by text."""
    return ClientNotice(
        NEW_SECURE_MESSAGE,
        lambda to, contact: client_notice(to, contact.first_name, contact.practice_name, link, contact.logo_url),
        lambda mobile, contact, now: client_notices.message_text(mobile, contact.practice_name, link, now),
    )


def document_notice(link: str) -> ClientNotice:
    """'<practice> shared a document with you', by email and by text; never which document."""
    return ClientNotice(
        client_notices.DOCUMENT_SHARED,
        lambda to, contact: client_notices.document_email(
            to, contact.first_name, contact.practice_name, link, contact.logo_url
        ),
        lambda mobile, contact, now: client_notices.document_text(mobile, contact.practice_name, link, now),
    )


def queue_document_notice(
    uow: MessagingUnitOfWork,
    contacts: ClientContacts,
    public_base_url: str,
    shared: Mapping[str, Any],
    cause: EventCause,
) -> Told:
    """`messaging.document.shared`: the client is told a document waits at `<PUBLIC_BASE_URL>/documents`."""
    link = f"{public_base_url.rstrip('/')}/documents"
    return tell_client_of(uow, contacts, str(shared["client_id"]), document_notice(link), cause)


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
