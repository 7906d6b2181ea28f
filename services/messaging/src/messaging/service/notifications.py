"""Queue the emails that events ask for. Nothing is sent here: the sender does it after the commit."""

from __future__ import annotations

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.account_emails import AccountEmail, render_account_email
from messaging.domain.invitation_email import REMINDER_TEMPLATE, TEMPLATE, InvitationDelivery, render_invitation
from messaging.domain.outbound_email import OutboundEmail


def queue_invitation_email(
    uow: MessagingUnitOfWork,
    delivery: InvitationDelivery,
    *,
    practice_id: str,
    cause_event_id: str,
    correlation_id: str,
    reminder: bool = False,
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
    )
    uow.emails.add(email)
    return email.id


def queue_account_email(
    uow: MessagingUnitOfWork, email: AccountEmail, *, practice_id: str, cause_event_id: str, correlation_id: str
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
    )
    uow.emails.add(queued)
    return queued.id
