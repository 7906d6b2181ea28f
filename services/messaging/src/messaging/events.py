"""Events: what messaging consumes (requests for emails) and what it publishes (how they went).

Consumed: `invitations.invitation.sent` on queue `messaging.notifications`.
Published: `messaging.email.sent` and `messaging.email.failed` (see service/sending.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portalkit.broker import PoisonMessage
from portalkit.clock import parse_utc
from portalkit.events import Envelope
from portalkit.inbox import Handler
from portalkit.sealed import Sealer, SealError

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.invitation_email import InvalidDelivery, InvitationDelivery
from messaging.service.notifications import queue_invitation_email
from messaging.service.sending import EMAIL_FAILED, EMAIL_SENT

NOTIFICATIONS_QUEUE = "messaging.notifications"
INVITATION_SENT = "invitations.invitation.sent"
PUBLISHED = (EMAIL_SENT, EMAIL_FAILED)


def notification_handlers(sealer: Sealer) -> dict[str, Handler]:
    def on_invitation_sent(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        queue_invitation_email(
            uow,
            open_invitation_delivery(sealer, envelope.data),
            practice_id=envelope.practice_id,
            cause_event_id=envelope.id,
            correlation_id=envelope.correlation_id,
        )

    return {INVITATION_SENT: on_invitation_sent}


def open_invitation_delivery(sealer: Sealer, data: Mapping[str, Any]) -> InvitationDelivery:
    """The sealed delivery details; a message whose details can never be read is poison."""
    try:
        sealed = sealer.unseal(str(data["delivery"]))
        return InvitationDelivery(
            to=str(sealed["to"]),
            recipient_name=str(sealed.get("recipient_name") or ""),
            first_name=str(sealed.get("first_name") or ""),
            practice_name=str(sealed.get("practice_name") or ""),
            accept_url=str(sealed["accept_url"]),
            expires_at=parse_utc(str(sealed.get("expires_at") or data["expires_at"])),
        )
    except (SealError, KeyError, ValueError, TypeError) as error:
        # Only the kind of failure goes to the log: the details hold an address and a link.
        raise PoisonMessage(f"invitation delivery unreadable: {_kind(error)}") from None


def _kind(error: Exception) -> str:
    if isinstance(error, (SealError, InvalidDelivery)):
        return str(error)
    return type(error).__name__
