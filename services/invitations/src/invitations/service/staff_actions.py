"""What staff do with a client's current invitation beyond sending it: revoke it, copy its link,
and invite many clients at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from portalkit.errors import Problem

from invitations.domain import ClientPortal, Invitation, InvitationState
from invitations.service.identity import Identity
from invitations.service.sending import Mailing, SendInvitation, send_invitation

INVITATION_REVOKED = "invitations.invitation.revoked"


@dataclasses.dataclass(frozen=True)
class StaffMember:
    practice_id: str
    account_id: str
    email: str


@dataclasses.dataclass(frozen=True)
class RevokedInvitation:
    id: str
    client_id: str
    email: str
    revoked_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class InvitationLink:
    url: str
    expires_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class BulkResult:
    client_id: str
    result: str  # sent, already_signed_up, not_found, refused (e.g. no email) or failed (retry)
    invitation_id: str | None = None
    code: str | None = None


def revoke_invitation(uow: Any, staff: StaffMember, client_id: str) -> RevokedInvitation:
    with uow:
        now = uow.clock.now()
        portal, invitation = _current(uow, staff.practice_id, client_id, now)
        invitation.revoke(staff.account_id, now)
        uow.invitations.save(invitation)
        portal.record_revocation(invitation, staff.email)
        uow.portals.save(portal)
        data = {"invitation_id": invitation.id, "client_id": client_id, "revoked_by": staff.account_id}
        uow.publish(INVITATION_REVOKED, data, staff.practice_id)
        uow.commit()
    return RevokedInvitation(invitation.id, client_id, invitation.email, now)


def copy_invitation_link(uow: Any, mailing: Mailing, staff: StaffMember, client_id: str) -> InvitationLink:
    """The link of the open invitation; each copy is audited and shown in the timeline."""
    with uow:
        now = uow.clock.now()
        portal, invitation = _current(uow, staff.practice_id, client_id, now)
        token = mailing.token_of(invitation)
        if token is None:
            raise Problem(
                409,
                "link-unavailable",
                "This invitation's link cannot be shown.",
                "It was sent before links could be copied; send a new invitation instead.",
            )
        uow.link_copies.add(invitation, staff.account_id, staff.email, now)
        portal.record_link_copy(invitation, staff.account_id, staff.email, now)
        uow.portals.save(portal)
        uow.commit()
    return InvitationLink(mailing.accept_url(token), invitation.expires_at)


def bulk_invite(
    unit_of_work: Callable[[], Any],
    identity: Identity,
    mailing: Mailing,
    staff: StaffMember,
    client_ids: Sequence[str],
) -> list[BulkResult]:
    """Each client gets a normal send in its own transaction; one refusal does not stop the others."""
    return [_invite_one(unit_of_work(), identity, mailing, staff, client_id) for client_id in client_ids]


def _invite_one(uow: Any, identity: Identity, mailing: Mailing, staff: StaffMember, client_id: str) -> BulkResult:
    command = SendInvitation(staff.practice_id, client_id, staff.account_id, staff.email)
    try:
        sent = send_invitation(uow, identity, mailing, command)
    except Problem as refusal:
        outcome = {404: "not_found", 409: "already_signed_up"}.get(refusal.status, "refused")
        # An outage of identity fails this client only; staff can retry the ones that failed.
        outcome = "failed" if refusal.status >= 500 else outcome
        return BulkResult(client_id, outcome, code=refusal.code)
    return BulkResult(client_id, "sent", invitation_id=sent.id)


def _current(uow: Any, practice_id: str, client_id: str, now: dt.datetime) -> tuple[ClientPortal, Invitation]:
    portal = uow.portals.get(practice_id, client_id, lock=True)
    invitations = uow.invitations.of_client(practice_id, client_id, lock=True) if portal else []
    current = next((i for i in reversed(invitations) if i.state_at(now) is InvitationState.OPEN), None)
    if portal is None or current is None:
        raise Problem(
            404,
            "no-open-invitation",
            "The client has no open invitation.",
            "Send an invitation first; expired, used and revoked ones cannot be revoked or copied.",
        )
    return portal, current
