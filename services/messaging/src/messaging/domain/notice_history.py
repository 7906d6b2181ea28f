"""What staff see of the notices a client was sent (or not): for each email or text, its kind, channel,
status and a short reason, and when; for each notice withheld, why. Never the message's text, and the
address only as a hint (`a***@example.test`, `***0123`): enough to tell which of the client's addresses
it went to, not enough to copy one off the screen (staff read the full addresses on the client's details).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

EMAIL = "email"
SMS = "sms"
WITHHELD = "withheld"
# Statuses as staff read them: an email or text still queued is "pending".
STATUSES = ("pending", "sent", "failed", "bounced", WITHHELD)
MAX_PAGE = 100
DEFAULT_PAGE = 20
# A text's template named apart from its email's; every other text is its email's name after `sms_`.
_TEXT_KINDS = {
    "sms_payment_failed": "billing_payment_failed",
    "sms_refund_issued": "billing_refund_issued",
    "sms_estimate_issued": "billing_estimate_issued",
    "sms_request_answered": "appointment_request_answered",
}


@dataclasses.dataclass(frozen=True)
class NoticeEntry:
    id: str
    template: str
    channel: str | None
    status: str
    # failed: the sender's short reason (it names no address); bounced: hard | soft | complaint;
    # withheld: why (no consent to electronic notices).
    reason: str | None
    recipient: str | None
    at: dt.datetime
    sent_at: dt.datetime | None

    @property
    def kind(self) -> str:
        """The notice whatever its channel: `sms_document_shared` is a `document_shared` by text."""
        return _TEXT_KINDS.get(self.template) or self.template.removeprefix("sms_")


def recipient_hint(channel: str | None, recipient: str | None) -> str | None:
    """`a***@example.test` for an address, `***0123` for a mobile number."""
    if not recipient:
        return None
    if channel == EMAIL:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    return f"***{recipient[-4:]}"


@dataclasses.dataclass(frozen=True)
class Page:
    """`limit` entries after the first `offset` (newest first), and how many there are in all."""

    items: list[NoticeEntry]
    total: int
    limit: int
    offset: int
