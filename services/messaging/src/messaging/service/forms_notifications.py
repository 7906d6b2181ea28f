"""Queue the emails the forms service's events ask for: one per staff member who may read results
when an assessment is flagged, one to the client when a reminder is due. Nothing is sent here."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from typing import Protocol

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.account_emails import AccountEmail
from messaging.domain.forms_emails import attention_email, staff_link
from messaging.domain.invitation_email import InvalidDelivery
from messaging.service.notifications import queue_account_email

log = logging.getLogger(__name__)

# The roles that may read clinical results, so the ones a risk flag is for.
ATTENTION_ROLES = ("owner", "admin", "clinician")


@dataclasses.dataclass(frozen=True)
class StaffMember:
    account_id: str
    email: str
    role: str


@dataclasses.dataclass(frozen=True)
class PracticeStaff:
    practice_name: str
    members: tuple[StaffMember, ...]


class StaffDirectory(Protocol):
    def active_staff(self, practice_id: str, roles: tuple[str, ...]) -> PracticeStaff | None:
        """The practice's active staff of those roles; None when there is no such practice."""


class UnknownPractice(LookupError):
    """The event names a practice identity does not know: no one can ever be told."""


def recipient_cause(cause_event_id: str, account_id: str) -> str:
    """The key of one recipient's email for one event: an event that tells several people queues one
    email each, and the same event again queues none (a name-based uuid, so it fits the cause column)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:portal:event:{cause_event_id}:account:{account_id}"))


def queue_attention_emails(
    uow: MessagingUnitOfWork,
    directory: StaffDirectory,
    public_base_url: str,
    *,
    practice_id: str,
    assignment_id: str,
    cause_event_id: str,
    correlation_id: str,
) -> list[str]:
    """The ids of the 'an assessment needs your attention' emails for this event, one per staff member."""
    staff = directory.active_staff(practice_id, ATTENTION_ROLES)
    if staff is None:
        raise UnknownPractice(practice_id)
    link = staff_link(public_base_url, assignment_id)
    queued = []
    for member in staff.members:
        email = _attention_email(member, staff.practice_name, link)
        if email is not None:
            cause = recipient_cause(cause_event_id, member.account_id)
            queued.append(
                queue_account_email(
                    uow, email, practice_id=practice_id, cause_event_id=cause, correlation_id=correlation_id
                )
            )
    return queued


def _attention_email(member: StaffMember, practice_name: str, link: str) -> AccountEmail | None:
    try:
        return attention_email(member.email, practice_name, link)
    except InvalidDelivery as error:
        # The account id only: the address is what is wrong, and it stays out of the log.
        log.warning("staff member cannot be emailed", extra={"account_id": member.account_id, "error": str(error)})
        return None
