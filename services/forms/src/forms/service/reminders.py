"""Reminders for assignments due tomorrow (at 9 AM on the practice's clock): one
`forms.assignment.reminder_requested` each, to the client's default address, with no title and nothing
clinical (the email invites them to the portal).

The scheduler claims due reminders (AssignmentRepository.claim_due_reminders) and publishes in the same
transaction: two schedulers never remind of one assignment twice, and a crash (or identity not
answering) before the commit leaves the reminders due for the next sweep.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from portalkit.sealed import Sealer

from forms.domain.assignment import Assignment, too_late_to_remind
from forms.service.identity import ClientRecord, Identity

REMINDER_REQUESTED = "forms.assignment.reminder_requested"

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ReminderMailing:
    """What reminder emails need from the settings: the sealing key's Sealer and the portal's address."""

    sealer: Sealer
    public_base_url: str

    @property
    def tasks_url(self) -> str:
        return f"{self.public_base_url.rstrip('/')}/dashboard"

    def delivery(self, client: ClientRecord, address: str, due_on: dt.date) -> str:
        """The sealed part of the event that only the notifier opens."""
        return self.sealer.seal(
            {
                "to": address,
                "recipient_name": client.first_name or client.name,
                "practice_name": client.practice_name,
                "tasks_url": self.tasks_url,
                "due_on": due_on.isoformat(),
            }
        )


def remind_due_assignments(uow: Any, identity: Identity, mailing: ReminderMailing, batch_size: int) -> int:
    """One batch of assignments whose reminder time has come; how many were in it."""
    with uow:
        now = uow.clock.now()
        due = uow.assignments.claim_due_reminders(now, batch_size)
        clients: dict[str, ClientRecord | None] = {}
        zones: dict[str, dt.tzinfo] = {}
        for assignment in due:
            if assignment.practice_id not in zones:
                zones[assignment.practice_id] = identity.time_zone(assignment.practice_id)
            if too_late_to_remind(assignment.due_on, now, zones[assignment.practice_id]):
                continue  # overdue already (the scheduler was stopped for days): too late to remind
            if assignment.client_id not in clients:
                clients[assignment.client_id] = identity.client(assignment.practice_id, assignment.client_id)
            _remind(uow, mailing, assignment, clients[assignment.client_id])
        uow.commit()
    return len(due)


def _remind(uow: Any, mailing: ReminderMailing, assignment: Assignment, client: ClientRecord | None) -> None:
    if client is None or client.default_email is None or assignment.due_on is None:
        log.info("no reminder: client unknown or without an address", extra={"assignment_id": assignment.id})
        return
    data = {
        "assignment_id": assignment.id,
        "client_id": assignment.client_id,
        "due_on": assignment.due_on.isoformat(),
        "delivery": mailing.delivery(client, client.default_email, assignment.due_on),
    }
    uow.publish(REMINDER_REQUESTED, data, assignment.practice_id)
