"""Queue what scheduling's request events ask for: when a client asks to reschedule or cancel, an email
to the appointment's clinician and to each admin and front desk member (the practice's owners when
there is no one else to answer); when staff answer, a client notice (client_notices.py: the account's
channel, only with consent to electronic notices). Nothing is sent here, and nothing says who, when or
why (domain/appointment_request_emails.py)."""

from __future__ import annotations

import functools

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain import client_notices
from messaging.domain.appointment_request_emails import (
    APPOINTMENT_REQUEST_ANSWERED,
    answer_email,
    check_kind,
    request_email,
)
from messaging.service.client_notices import ClientNotice, Told
from messaging.service.forms_notifications import (
    StaffDirectory,
    StaffMember,
    UnknownPractice,
    recipient_cause,
)
from messaging.service.notifications import EventCause, checked_email, queue_for
from messaging.service.thread_notifications import ClientContacts, tell_client_if_known

STAFF_ROLES = ("owner", "admin", "clinician", "front_desk")
# Besides the appointment's clinician, who answers clients' requests.
ANSWERING_ROLES = ("admin", "front_desk")


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


def answer_notice(kind: str, approved: bool, link: str) -> ClientNotice:
    """'<practice> replied to your request': by email (moved, cancelled or could not) and / or by text."""
    return ClientNotice(
        APPOINTMENT_REQUEST_ANSWERED,
        lambda to, contact: answer_email(to, contact.first_name, contact.practice_name, kind, approved, link),
        lambda mobile, contact, now: client_notices.request_answered_text(mobile, contact.practice_name, link, now),
    )


def tell_of_answer(
    uow: MessagingUnitOfWork,
    contacts: ClientContacts,
    public_base_url: str,
    cause: EventCause,
    client_id: str,
    answer: tuple[str, bool],
) -> Told:
    """The client told that the practice answered their request; nothing for a client the practice lost."""
    kind, approved = answer
    check_kind(kind)
    notice = answer_notice(kind, approved, f"{public_base_url.rstrip('/')}/appointments")
    return tell_client_if_known(uow, contacts, client_id, notice, cause)
