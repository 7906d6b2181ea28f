"""The dev mailbox: what the practice's outgoing mail looked like, read back from the mail folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from messaging.adapters.repository import MessagingUnitOfWork

MAILBOX_SIZE = 50


def recent_mail(
    uow: MessagingUnitOfWork, practice_id: str, text_of: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    return [
        {
            "id": email.id,
            "to": email.recipient,
            "subject": email.subject,
            "sent_at": email.sent_at,
            "text": text_of(email.id),
        }
        for email in uow.emails.recently_sent(practice_id, MAILBOX_SIZE)
    ]
