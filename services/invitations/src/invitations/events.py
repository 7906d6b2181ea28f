"""Events this service publishes, and the handlers of the events it consumes.

Published (through the outbox, in the use case's transaction): `invitations.invitation.sent`
(service/sending.py), `.accepted` (service/acceptance.py), `.revoked` (service/staff_actions.py),
`.expired` and `.reminded` (service/scheduling.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from portalkit.clock import parse_utc
from portalkit.event_schemas import TASK_ASSIGNED_TYPES
from portalkit.events import Envelope
from portalkit.inbox import Handler, Inbox

from invitations.service.acceptance import INVITATION_ACCEPTED
from invitations.service.automatic import AssignedTask, invite_for_task
from invitations.service.identity import Identity
from invitations.service.portals import (
    AccountChange,
    record_account_change,
    record_account_created,
    record_bounce,
    record_client_created,
    record_delivery,
)
from invitations.service.scheduling import INVITATION_EXPIRED, INVITATION_REMINDED
from invitations.service.sending import INVITATION_SENT, Mailing
from invitations.service.staff_actions import INVITATION_REVOKED

PUBLISHED = (
    INVITATION_SENT,
    INVITATION_ACCEPTED,
    INVITATION_REVOKED,
    INVITATION_EXPIRED,
    INVITATION_REMINDED,
)

ACCOUNTS_QUEUE = "invitations.accounts"
DELIVERIES_QUEUE = "invitations.deliveries"
CLIENTS_QUEUE = "invitations.clients"
TASKS_QUEUE = "invitations.tasks"


def on_account_created(uow: Any, envelope: Envelope) -> None:
    data = envelope.data
    invitation_id = str(data["invitation_id"]) if data.get("invitation_id") else None
    record_account_created(uow, envelope.practice_id, invitation_id, str(data["account_id"]))


def on_account_changed(uow: Any, envelope: Envelope) -> None:
    data = envelope.data
    if not data.get("client_id"):
        return  # a staff account: no portal
    change = AccountChange(
        kind=envelope.type.rsplit(".", 1)[1],
        practice_id=envelope.practice_id,
        client_id=str(data["client_id"]),
        account_id=str(data["account_id"]),
        actor_id=str(data["actor_id"]) if data.get("actor_id") else None,
        at=parse_utc(envelope.occurred_at),
    )
    record_account_change(uow, change)


def on_client_created(uow: Any, envelope: Envelope) -> None:
    record_client_created(uow, envelope.practice_id, str(envelope.data["client_id"]))


def on_email_sent(uow: Any, envelope: Envelope) -> None:
    at = parse_utc(envelope.occurred_at)
    record_delivery(uow, envelope.practice_id, str(envelope.data["cause_event_id"]), True, at)


def on_email_failed(uow: Any, envelope: Envelope) -> None:
    at = parse_utc(envelope.occurred_at)
    reason = str(envelope.data.get("reason", ""))
    record_delivery(uow, envelope.practice_id, str(envelope.data["cause_event_id"]), False, at, reason)


def on_email_bounced(uow: Any, envelope: Envelope) -> None:
    at = parse_utc(envelope.occurred_at)
    data = envelope.data
    record_bounce(uow, envelope.practice_id, str(data["cause_event_id"]), str(data.get("bounce_type", "")), at)


# The notifier's reports on every email reach this queue; only those of invitations and their reminders
# concern a portal's timeline.
INVITATION_TEMPLATES = frozenset({"invitation", "invitation_reminder"})


def _about_an_invitation(envelope: Envelope) -> bool:
    return envelope.data.get("template") in INVITATION_TEMPLATES


def on_task_assigned(identity: Identity | None, mailing: Mailing | None) -> Handler:
    def handle(uow: Any, envelope: Envelope) -> None:
        if identity is None or mailing is None:
            raise RuntimeError("task events need identity and mailing wired into the inbox")
        data = envelope.data
        task = AssignedTask(envelope.practice_id, str(data["client_id"]), str(data["task_kind"]), str(data["task_id"]))
        invite_for_task(uow, identity, mailing, task)

    return handle


def inboxes(
    unit_of_work: Callable[[], Any],
    stop: threading.Event | None = None,
    *,
    identity: Identity | None = None,
    mailing: Mailing | None = None,
) -> dict[str, Inbox]:
    """One inbox per queue this service consumes, keyed by queue name. Task events can only be handled
    with `identity` and `mailing` (the worker always gives them; listing the queues needs neither)."""
    accounts: dict[str, Handler] = {"identity.account.created": on_account_created}
    for kind in ("verified", "signed_in", "disabled", "enabled"):
        accounts[f"identity.account.{kind}"] = on_account_changed
    deliveries: dict[str, Handler] = {
        "messaging.email.sent": on_email_sent,
        "messaging.email.failed": on_email_failed,
        "messaging.email.bounced": on_email_bounced,
    }
    tasks = dict.fromkeys(TASK_ASSIGNED_TYPES, on_task_assigned(identity, mailing))
    return {
        ACCOUNTS_QUEUE: Inbox(ACCOUNTS_QUEUE, unit_of_work, accounts, stop),
        DELIVERIES_QUEUE: Inbox(DELIVERIES_QUEUE, unit_of_work, deliveries, stop, wanted=_about_an_invitation),
        CLIENTS_QUEUE: Inbox(CLIENTS_QUEUE, unit_of_work, {"identity.client.created": on_client_created}, stop),
        TASKS_QUEUE: Inbox(TASKS_QUEUE, unit_of_work, tasks, stop),
    }
