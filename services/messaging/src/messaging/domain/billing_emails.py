"""The emails billing's events ask for: the client told that a payment to the practice did not go
through (a declined charge), that the practice issued a refund, or that it sent a Good Faith Estimate,
with a link to the portal's billing page.

They say no amount, no card detail, no invoice line, no reason and nothing of the services billed (an
invoice's lines can name them): the practice's name, what happened, and where to sign in to see it.
"""

from __future__ import annotations

from typing import Any

from messaging.domain.account_emails import AccountEmail

PAYMENT_FAILED = "billing_payment_failed"
REFUND_ISSUED = "billing_refund_issued"
ESTIMATE_ISSUED = "billing_estimate_issued"


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def payment_failed_email(to: str, first_name: str, practice_name: str, link: str) -> AccountEmail:
    """To the client whose charge (autopay's or their own) was declined: sign in and pay by hand."""
    practice = _one_line(practice_name) or "your practice"
    return _billing_email(
        PAYMENT_FAILED,
        (to, first_name, practice, link),
        f"A payment to {practice} did not go through",
        (
            f"A payment to {practice} did not go through — please sign in to pay.",
            "You can pay with the same card or another one on the Billing page of the portal.",
        ),
    )


def refund_issued_email(to: str, first_name: str, practice_name: str, link: str) -> AccountEmail:
    """To the client whose payment the practice gave back, in full or in part, to the card it came from."""
    practice = _one_line(practice_name) or "your practice"
    return _billing_email(
        REFUND_ISSUED,
        (to, first_name, practice, link),
        f"A refund was issued by {practice}",
        (
            f"{practice} issued a refund to the card you paid with.",
            "Sign in to see it on the Billing page of the portal; your bank may take a few days to show it.",
        ),
    )


def estimate_issued_email(to: str, first_name: str, practice_name: str, link: str) -> AccountEmail:
    """To a self-pay client the practice issued a Good Faith Estimate to (or a revision of one): sign in
    to read it, keep a copy and acknowledge it. Never what it lists or what it comes to."""
    practice = _one_line(practice_name) or "your practice"
    return _billing_email(
        ESTIMATE_ISSUED,
        (to, first_name, practice, link),
        f"{practice} sent you a Good Faith Estimate",
        (
            f"{practice} sent you a Good Faith Estimate of what they expect to charge.",
            "Sign in to read it, download a copy and acknowledge that you received it.",
        ),
        not_you=f"You receive this because {practice} issued you an estimate in its client portal.",
    )


def _billing_email(
    template: str, whom: tuple[str, str, str, str], subject: str, lines: tuple[str, ...], not_you: str = ""
) -> AccountEmail:
    to, first_name, practice, link = whom
    return AccountEmail(
        template=template,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=subject,
        lines=lines,
        button=("Go to Billing", link),
        not_you=not_you or f"You receive this because a card on file with {practice} was charged.",
    )
