"""Remind a client, once, of a requested upload whose due date has passed (the day after it, UTC): a
client notice like any other (the account's channel, only with consent to electronic notices, withheld
ones recorded), never what was asked.

The messaging worker sweeps every `UPLOAD_REMINDER_INTERVAL` seconds. Each request is claimed in the
transaction that queues its reminder (`reminded_at`, the row locked with SKIP LOCKED): two workers never
remind twice, a crash or identity not answering before the commit leaves it due, and a sweep reads only
the overdue open requests not reminded yet (index on status and due date)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain import upload_reminder
from messaging.domain.upload_requests import UploadRequest
from messaging.service.client_notices import ClientNotice
from messaging.service.notifications import EventCause
from messaging.service.thread_notifications import ClientContacts, tell_client_if_known

log = logging.getLogger(__name__)
BATCH_SIZE = 20
_CAUSES = uuid.UUID("6b3f7e7a-52a4-4c43-9a57-6a1f6d0e5b10")


def reminder_cause(request_id: str) -> str:
    """The reminder's own id (one per request, whatever sweeps): what keeps its email and text once."""
    return str(uuid.uuid5(_CAUSES, f"upload-reminder:{request_id}"))


def reminder_notice(link: str, request: UploadRequest) -> ClientNotice:
    assert request.due_on is not None
    due_on = request.due_on
    return ClientNotice(
        upload_reminder.UPLOAD_REMINDER,
        lambda to, contact: upload_reminder.reminder_email(to, contact.first_name, contact.practice_name, link, due_on),
        lambda mobile, contact, now: upload_reminder.reminder_text(mobile, contact.practice_name, link, due_on, now),
    )


def remind_batch(uow: MessagingUnitOfWork, contacts: ClientContacts, public_base_url: str, batch_size: int) -> int:
    """Claim and remind up to `batch_size` overdue requests in one transaction; how many were reminded."""
    reminded = 0
    with uow:
        now = uow.clock.now()
        for request in uow.upload_requests.overdue(now.date(), batch_size):
            if not request.remind(now):
                continue
            reminded += 1
            uow.upload_requests.save(request)
            link = f"{public_base_url.rstrip('/')}/documents#request-{request.id}"
            cause = EventCause(request.practice_id, reminder_cause(request.id), request.id)
            tell_client_if_known(uow, contacts, request.client_id, reminder_notice(link, request), cause)
        uow.commit()
    return reminded


def sweep(
    uow_factory: Callable[[], MessagingUnitOfWork],
    contacts: ClientContacts,
    public_base_url: str,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Every reminder due now, batch by batch; how many requests were reminded."""
    total = 0
    while (claimed := remind_batch(uow_factory(), contacts, public_base_url, batch_size)) > 0:
        total += claimed
        if claimed < batch_size:
            break
    return total
