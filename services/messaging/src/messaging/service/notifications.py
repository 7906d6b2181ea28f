"""Queue the emails that events ask for. Nothing is sent here: the sender does it after the commit."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.account_emails import AccountEmail, render_account_email
from messaging.domain.invitation_email import (
    REMINDER_TEMPLATE,
    TEMPLATE,
    InvalidDelivery,
    InvitationDelivery,
    render_invitation,
)
from messaging.domain.outbound_email import OutboundEmail

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class EventCause:
    """The event an email answers: its practice, id and correlation."""

    practice_id: str
    cause_event_id: str
    correlation_id: str


def checked_email(build: Callable[[], AccountEmail], whom: str) -> AccountEmail | None:
    """The email `build` makes, or None (logged by the recipient's id) when its details make none."""
    try:
        return build()
    except InvalidDelivery as error:
        # The id only: the address is what is wrong, and it stays out of the log.
        log.warning("cannot be emailed", extra={"recipient_id": whom, "error": str(error)})
        return None


def queue_for(
    uow: MessagingUnitOfWork, email: AccountEmail, cause: EventCause, key: str, client_id: str | None = None
) -> str:
    """Queue `email` for the event under `key` (the event id, or one recipient's uuid5 of it); `client_id`:
    the client it tells, for staff's list of their notices."""
    return queue_account_email(
        uow,
        email,
        practice_id=cause.practice_id,
        cause_event_id=key,
        correlation_id=cause.correlation_id,
        client_id=client_id,
    )


def queue_invitation_email(
    uow: MessagingUnitOfWork,
    delivery: InvitationDelivery,
    *,
    practice_id: str,
    cause_event_id: str,
    correlation_id: str,
    reminder: bool = False,
    client_id: str | None = None,
) -> str:
    """The id of the invitation (or reminder) email for this event, queued now unless it already was."""
    existing = uow.emails.for_cause(cause_event_id)
    if existing is not None:
        return existing.id
    email = OutboundEmail.queue(
        practice_id=practice_id,
        cause_event_id=cause_event_id,
        correlation_id=correlation_id,
        template=REMINDER_TEMPLATE if reminder else TEMPLATE,
        recipient=delivery.to,
        content=render_invitation(delivery, reminder=reminder),
        now=uow.clock.now(),
        client_id=client_id,
    )
    uow.emails.add(email)
    return email.id


def queue_account_email(
    uow: MessagingUnitOfWork,
    email: AccountEmail,
    *,
    practice_id: str,
    cause_event_id: str,
    correlation_id: str,
    client_id: str | None = None,
) -> str:
    """The id of the account email for this event, queued now unless it already was."""
    existing = uow.emails.for_cause(cause_event_id)
    if existing is not None:
        return existing.id
    queued = OutboundEmail.queue(
        practice_id=practice_id,
        cause_event_id=cause_event_id,
        correlation_id=correlation_id,
        template=email.template,
        recipient=email.to,
        content=render_account_email(email),
        now=uow.clock.now(),
        client_id=client_id,
    )
    uow.emails.add(queued)
    return queued.id
