"""Queue the email billing's `billing.payment.failed` asks for: one to the client's default address,
once per failed event (the email is keyed by the event id). Nothing is sent here, and nothing says
how much or which card (domain/billing_emails.py)."""

from __future__ import annotations

import functools
import logging

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.billing_emails import payment_failed_email
from messaging.service.appointment_requests import ClientDirectory
from messaging.service.notifications import EventCause, checked_email, queue_for

log = logging.getLogger(__name__)


def queue_payment_failed_email(
    uow: MessagingUnitOfWork, clients: ClientDirectory, public_base_url: str, cause: EventCause, client_id: str
) -> str | None:
    """The id of the 'a payment did not go through' email; None when the client has no address."""
    found = clients.client(cause.practice_id, client_id)
    if found is None or not found.email:
        log.info("failed payment not emailed: no address", extra={"client_id": client_id})
        return None
    link = f"{public_base_url.rstrip('/')}/billing"
    build = functools.partial(payment_failed_email, found.email, found.first_name, found.practice_name, link)
    email = checked_email(build, client_id)
    return None if email is None else queue_for(uow, email, cause, cause.cause_event_id)
