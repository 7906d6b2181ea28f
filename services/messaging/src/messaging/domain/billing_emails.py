"""The email billing's declined charges ask for: the client told that a payment to the practice did
not go through, with a link to the portal's billing page.

It says no amount, no card detail, no invoice line and nothing of the services billed (an invoice's
lines can name them): the practice's name, that a payment failed, and where to sign in to pay.
"""

from __future__ import annotations

from typing import Any

from messaging.domain.account_emails import AccountEmail

PAYMENT_FAILED = "billing_payment_failed"


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def payment_failed_email(to: str, first_name: str, practice_name: str, link: str) -> AccountEmail:
    """To the client whose charge (autopay's or their own) was declined: sign in and pay by hand."""
    practice = _one_line(practice_name) or "your practice"
    return AccountEmail(
        template=PAYMENT_FAILED,
        to=to,
        practice_name=practice,
        first_name=_one_line(first_name).split(" ", 1)[0],
        subject=f"A payment to {practice} did not go through",
        lines=(
            f"A payment to {practice} did not go through — please sign in to pay.",
            "You can pay with the same card or another one on the Billing page of the portal.",
        ),
        button=("Go to Billing", link),
        not_you=f"You receive this because a card on file with {practice} was charged.",
    )
