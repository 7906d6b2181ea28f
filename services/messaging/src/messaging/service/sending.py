"""Send the emails that are due, one transaction each, and tell the system how it went.

The row stays locked while its email is handed to the mailer, so two workers never send the same
one. A crash after the hand-over and before the commit sends it again on the next round: the file
mailbox then rewrites the same file, and SMTP receivers see the same Message-ID.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from portalkit import context

from messaging.adapters.mail import Mailer, MailError, compose_message
from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.outbound_email import FAILED, OutboundEmail

EMAIL_SENT = "messaging.email.sent"
EMAIL_FAILED = "messaging.email.failed"


@dataclasses.dataclass(frozen=True)
class SendingPolicy:
    sender: str
    max_attempts: int = 5
    batch_size: int = 10


def send_due_emails(
    uow_factory: Callable[[], MessagingUnitOfWork], mailer: Mailer, policy: SendingPolicy
) -> list[OutboundEmail]:
    """Attempt up to a batch of due emails, oldest first; the emails attempted."""
    attempted: list[OutboundEmail] = []
    for _ in range(policy.batch_size):
        with uow_factory() as uow:
            email = send_next_due_email(uow, mailer, policy)
        if email is None:
            break
        attempted.append(email)
    return attempted


def send_next_due_email(uow: MessagingUnitOfWork, mailer: Mailer, policy: SendingPolicy) -> OutboundEmail | None:
    now = uow.clock.now()
    email = uow.emails.next_due(now)
    if email is None:
        return None
    context.correlation_id.set(email.correlation_id)
    context.causation_id.set(email.cause_event_id)
    try:
        if uow.bounced.blocked(email.practice_id, email.recipient):
            # It bounced for good (or its owner complained): not mailed again until the address changes.
            raise MailError("the address bounced before", permanent=True)
        mailer.send(compose_message(email, policy.sender, now))
    except MailError as error:
        email.record_failure(error.reason, now, policy.max_attempts, permanent=error.permanent)
        if email.status == FAILED:
            uow.publish(EMAIL_FAILED, {**_outcome(email), "reason": error.reason}, email.practice_id)
    else:
        email.mark_sent(now)
        uow.publish(EMAIL_SENT, _outcome(email), email.practice_id)
    uow.emails.save(email)
    uow.commit()
    return email


def _outcome(email: OutboundEmail) -> dict[str, Any]:
    return {
        "email_id": email.id,
        "template": email.template,
        "cause_event_id": email.cause_event_id,
        "attempts": email.attempts,
    }
