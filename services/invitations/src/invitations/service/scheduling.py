"""The scheduler's jobs: announce invitations that lapsed and remind clients before theirs lapse.

Each job claims a batch of due rows (see InvitationRepository.claim_due_*) and handles it in the
same transaction, so two schedulers running at once never handle a row twice, and a crash before
the commit leaves the rows due for the next run.
"""

from __future__ import annotations

from typing import Any

from portalkit.clock import utc_iso

from invitations.domain import Invitation
from invitations.service.sending import Mailing

INVITATION_EXPIRED = "invitations.invitation.expired"
INVITATION_REMINDED = "invitations.invitation.reminded"


def expire_due_invitations(uow: Any, batch_size: int) -> int:
    """One batch of invitations whose expiry time has come; how many were in it."""
    with uow:
        lapsed = uow.invitations.claim_due_expiries(uow.clock.now(), batch_size)
        for invitation in lapsed:
            _record_expiry(uow, invitation)
        uow.commit()
    return len(lapsed)


def remind_due_invitations(uow: Any, mailing: Mailing, batch_size: int) -> int:
    """One batch of invitations whose reminder is due; how many were in it."""
    with uow:
        now = uow.clock.now()
        due = uow.invitations.claim_due_reminders(now, batch_size)
        for invitation in due:
            token = mailing.token_of(invitation)
            if token is not None:  # without its sealed token, an old invitation cannot be reminded of
                _remind(uow, mailing, invitation, token)
        uow.commit()
    return len(due)


def sweep(unit_of_work: Any, mailing: Mailing, batch_size: int = 500) -> tuple[int, int]:
    """Every due expiry, then every due reminder; (expired, reminded). Expiries go first so that a
    reminder never goes out for an invitation that has already lapsed."""
    expired = _drain(lambda: expire_due_invitations(unit_of_work(), batch_size), batch_size)
    reminded = _drain(lambda: remind_due_invitations(unit_of_work(), mailing, batch_size), batch_size)
    return expired, reminded


def _drain(batch: Any, batch_size: int) -> int:
    total = 0
    while True:
        handled = batch()
        total += handled
        if handled < batch_size:
            return total


def _record_expiry(uow: Any, invitation: Invitation) -> None:
    portal = uow.portals.get(invitation.practice_id, invitation.client_id, lock=True)
    if portal is not None:
        portal.record_expiry(invitation)
        uow.portals.save(portal)
    data = {
        "invitation_id": invitation.id,
        "client_id": invitation.client_id,
        "expires_at": utc_iso(invitation.expires_at),
    }
    uow.publish(INVITATION_EXPIRED, data, invitation.practice_id)


def _remind(uow: Any, mailing: Mailing, invitation: Invitation, token: str) -> None:
    data = {
        "invitation_id": invitation.id,
        "client_id": invitation.client_id,
        "expires_at": utc_iso(invitation.expires_at),
        "delivery": mailing.delivery(invitation, token),
    }
    invitation.reminded_event_id = str(uow.publish(INVITATION_REMINDED, data, invitation.practice_id).id)
    uow.invitations.save(invitation)
    portal = uow.portals.get(invitation.practice_id, invitation.client_id, lock=True)
    if portal is not None:
        portal.record_reminder(invitation, uow.clock.now())
        uow.portals.save(portal)
