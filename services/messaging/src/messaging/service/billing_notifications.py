"""Queue the emails billing's `billing.payment.failed` and `billing.payment.refunded` ask for: one to
the client's default address, once per event (the email is keyed by the event id). Nothing is sent
here, and nothing says how much or which card (domain/billing_emails.py)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.account_emails import AccountEmail
from messaging.domain.billing_emails import payment_failed_email, refund_issued_email
from messaging.service.appointment_requests import ClientDirectory
from messaging.service.notifications import EventCause, checked_email, queue_for

log = logging.getLogger(__name__)


def queue_payment_failed_email(
    uow: MessagingUnitOfWork, clients: ClientDirectory, public_base_url: str, cause: EventCause, client_id: str
) -> str | None:
    """The id of the 'a payment did not go through' email; None when the client has no address."""
    return _queue(uow, clients, public_base_url, cause, client_id, payment_failed_email)


def queue_refund_issued_email(
    uow: MessagingUnitOfWork, clients: ClientDirectory, public_base_url: str, cause: EventCause, client_id: str
) -> str | None:
    """The id of the 'a refund was issued' email; None when the client has no address."""
    return _queue(uow, clients, public_base_url, cause, client_id, refund_issued_email)


def _queue(
    uow: MessagingUnitOfWork,
    clients: ClientDirectory,
    public_base_url: str,
    cause: EventCause,
    client_id: str,
    builder: Callable[[str, str, str, str], AccountEmail],
) -> str | None:
    found = clients.client(cause.practice_id, client_id)
    if found is None or not found.email:
        log.info("billing email not sent: no address", extra={"client_id": client_id})
        return None
    link = f"{public_base_url.rstrip('/')}/billing"
    build = functools.partial(builder, found.email, found.first_name, found.practice_name, link)
    email = checked_email(build, client_id)
    return None if email is None else queue_for(uow, email, cause, cause.cause_event_id)
