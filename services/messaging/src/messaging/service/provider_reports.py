"""Take in the email provider's reports (webhook): a bounce or complaint marks the email bounced and is
told as `messaging.email.bounced` (ids, the kind and a short code; never the address); an address that
bounced for good or complained is not mailed again (until the client's address changes); a delivery is
noted unless the email already bounced. Each report counts once (the provider's event id), in any order."""

from __future__ import annotations

import datetime as dt

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.outbound_email import HARD, OutboundEmail
from messaging.domain.provider_reports import COMPLAINT, DELIVERED, ProviderReport

EMAIL_BOUNCED = "messaging.email.bounced"
IGNORED = "ignored"
TAKEN = "taken"
REPEATED = "repeated"
# What is told for each kind: short, naming no address.
_REASONS = {
    HARD: "the mailbox refused the email for good",
    "soft": "the mailbox refused the email for now",
    COMPLAINT: "the recipient reported the email as unwanted",
}


def take_in(uow: MessagingUnitOfWork, report: ProviderReport) -> str:
    """`taken`, `repeated` (this report was taken in before) or `ignored` (no such email of ours)."""
    with uow:
        email = uow.emails.get(report.email_id)
        if email is None:
            return IGNORED
        if uow.provider_events.seen(report.event_id):
            return REPEATED
        now = uow.clock.now()
        at = report.occurred_at or now
        uow.provider_events.add(report.event_id, email.practice_id, email.id, report.kind, now)
        if report.kind == DELIVERED:
            email.record_delivered(at)
        else:
            kind = COMPLAINT if report.kind == COMPLAINT else str(report.bounce_type)
            _bounced(uow, email, kind, report.code, at)
        uow.emails.save(email)
        uow.commit()
        return TAKEN


def _bounced(uow: MessagingUnitOfWork, email: OutboundEmail, kind: str, code: str | None, at: dt.datetime) -> None:
    if kind in (HARD, COMPLAINT):
        uow.bounced.block(email.practice_id, email.recipient, email.id, kind, uow.clock.now())
    if not email.record_bounce(kind, at):
        return
    data = {
        "email_id": email.id,
        "template": email.template,
        "cause_event_id": email.cause_event_id,
        "attempts": email.attempts,
        "bounce_type": kind,
        "reason": _REASONS[kind],
        "code": code,
    }
    uow.publish(EMAIL_BOUNCED, data, email.practice_id)
