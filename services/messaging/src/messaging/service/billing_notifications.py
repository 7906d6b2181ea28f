"""Tell the client what billing's `billing.payment.failed`, `billing.payment.refunded` and
`billing.estimate.issued` ask for, as any
other client notice (client_notices.py): the way their account chose (email, text or both), only with
their consent to electronic notices, once per event. Nothing says how much, which card or which invoice
(domain/billing_emails.py, domain/client_notices.py)."""

from __future__ import annotations

from messaging.domain import client_notices
from messaging.domain.billing_emails import (
    ESTIMATE_ISSUED,
    PAYMENT_FAILED,
    REFUND_ISSUED,
    estimate_issued_email,
    payment_failed_email,
    refund_issued_email,
)
from messaging.service.client_notices import ClientNotice


def payment_failed_notice(link: str) -> ClientNotice:
    """'A payment to <practice> did not go through': sign in and pay."""
    return ClientNotice(
        PAYMENT_FAILED,
        lambda to, contact: payment_failed_email(to, contact.first_name, contact.practice_name, link),
        lambda mobile, contact, now: client_notices.payment_failed_text(mobile, contact.practice_name, link, now),
    )


def refund_notice(link: str) -> ClientNotice:
    """'<practice> issued a refund' to the card the payment came from."""
    return ClientNotice(
        REFUND_ISSUED,
        lambda to, contact: refund_issued_email(to, contact.first_name, contact.practice_name, link),
        lambda mobile, contact, now: client_notices.refund_text(mobile, contact.practice_name, link, now),
    )


def estimate_notice(link: str) -> ClientNotice:
    """'<practice> sent you a Good Faith Estimate': sign in to read and acknowledge it."""
    return ClientNotice(
        ESTIMATE_ISSUED,
        lambda to, contact: estimate_issued_email(to, contact.first_name, contact.practice_name, link),
        lambda mobile, contact, now: client_notices.estimate_text(mobile, contact.practice_name, link, now),
    )


def billing_link(public_base_url: str) -> str:
    return f"{public_base_url.rstrip('/')}/billing"
