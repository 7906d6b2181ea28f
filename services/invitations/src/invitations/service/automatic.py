"""Automatic invitations: when the practice assigns a client something to do and the client has no
portal yet, the invitation goes out without a click, once in the client's life.

The rule: only a client who was never invited and has no account is invited automatically. An open
invitation already carries the link; an expired one is the front desk's call (the client let it
lapse; the list shows them as expired); a revoked one was withdrawn on purpose. So a second task,
or a hundredth, never sends another email.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from invitations.service.identity import Identity
from invitations.service.sending import Mailing, SendInvitation, SentInvitation, send_within

ARTICLES = {"assessment": "an", "invoice": "an", "appointment": "an"}


@dataclasses.dataclass(frozen=True)
class AssignedTask:
    practice_id: str
    client_id: str
    task_kind: str
    task_id: str

    @property
    def in_words(self) -> str:
        article = ARTICLES.get(self.task_kind, "a")
        return f"{article} {self.task_kind.replace('_', ' ')} was assigned (task {self.task_id})"


def invite_for_task(uow: Any, identity: Identity, mailing: Mailing, task: AssignedTask) -> SentInvitation | None:
    """Inside the caller's transaction (the inbox's); the invitation sent, or None when none is due."""
    portal = uow.portals.locked(task.practice_id, task.client_id)
    if portal.has_account or portal.invited_at is not None:
        return None
    if uow.invitations.of_client(task.practice_id, task.client_id):
        return None
    client = identity.client(task.practice_id, task.client_id)
    if client is None or client.has_account or client.default_email is None:
        return None
    command = SendInvitation(
        task.practice_id,
        task.client_id,
        sent_by=None,
        sent_by_email="",
        cause=f"{task.task_kind}:{task.task_id}"[:120],
        reason=task.in_words,
    )
    return send_within(uow, mailing, command, client, client.default_email, portal)
