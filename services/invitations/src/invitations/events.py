"""Events this service publishes, and the handlers of the events it consumes.

Published (through the outbox, in the use case's transaction): `invitations.invitation.sent`
(service/sending.py) and `invitations.invitation.accepted` (service/acceptance.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from portalkit.clock import parse_utc
from portalkit.events import Envelope
from portalkit.inbox import Inbox

from invitations.service.acceptance import INVITATION_ACCEPTED
from invitations.service.portals import record_account_created, record_delivery
from invitations.service.sending import INVITATION_SENT

PUBLISHED = (INVITATION_SENT, INVITATION_ACCEPTED)

ACCOUNTS_QUEUE = "invitations.accounts"
DELIVERIES_QUEUE = "invitations.deliveries"


def on_account_created(uow: Any, envelope: Envelope) -> None:
    data = envelope.data
    invitation_id = str(data["invitation_id"]) if data.get("invitation_id") else None
    record_account_created(uow, envelope.practice_id, invitation_id, str(data["account_id"]))


def on_email_sent(uow: Any, envelope: Envelope) -> None:
    at = parse_utc(envelope.occurred_at)
    record_delivery(uow, envelope.practice_id, str(envelope.data["cause_event_id"]), True, at)


def on_email_failed(uow: Any, envelope: Envelope) -> None:
    at = parse_utc(envelope.occurred_at)
    reason = str(envelope.data.get("reason", ""))
    record_delivery(uow, envelope.practice_id, str(envelope.data["cause_event_id"]), False, at, reason)


def inboxes(unit_of_work: Callable[[], Any], stop: threading.Event | None = None) -> dict[str, Inbox]:
    """One inbox per queue this service consumes, keyed by queue name."""
    return {
        ACCOUNTS_QUEUE: Inbox(ACCOUNTS_QUEUE, unit_of_work, {"identity.account.created": on_account_created}, stop),
        DELIVERIES_QUEUE: Inbox(
            DELIVERIES_QUEUE,
            unit_of_work,
            {"messaging.email.sent": on_email_sent, "messaging.email.failed": on_email_failed},
            stop,
        ),
    }
