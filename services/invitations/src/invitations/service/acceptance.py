"""Opening an invitation link and accepting it, which creates the client's portal account."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem

from invitations.domain import Agreement, ClientPortal, Invitation, InvitationState, hash_token
from invitations.service.identity import Identity, NewAccount

INVITATION_ACCEPTED = "invitations.invitation.accepted"

_REFUSALS = {
    InvitationState.EXPIRED: (
        "invitation-expired",
        "This invitation has expired.",
        "Ask your practice to send you a new invitation.",
    ),
    InvitationState.USED: (
        "invitation-used",
        "This invitation has already been used.",
        "Your account exists: sign in with your email and password, or reset your password if you forgot it.",
    ),
    InvitationState.REVOKED: (
        "invitation-revoked",
        "This invitation was withdrawn by your practice.",
        "Contact your practice if you expected to use the portal; they can send you a new invitation.",
    ),
    InvitationState.SUPERSEDED: (
        "invitation-superseded",
        "A newer invitation replaced this one.",
        "Open the link in the most recent invitation email, or ask your practice to send a new invitation.",
    ),
}


@dataclasses.dataclass(frozen=True)
class OpenInvitation:
    email: str
    first_name: str
    practice_name: str
    expires_at: dt.datetime
    agreements: tuple[Agreement, ...]
    # For the sign-in link after the account is created: the sign-in page shows whom to call.
    practice_id: str = ""
    valid: bool = True


@dataclasses.dataclass(frozen=True)
class AcceptInvitation:
    token: str
    password: str
    accepted: frozenset[str]  # the acceptance fields the client ticked, e.g. "accept_terms"
    password_confirmation: str | None = None


@dataclasses.dataclass(frozen=True)
class AcceptedInvitation:
    account_id: str
    email: str


def open_invitation(uow: Any, agreements: Sequence[Agreement], token: str) -> OpenInvitation:
    """What the invitation page shows; reading it never uses the token up."""
    with uow:
        invitation = _usable(uow, token, lock=False)
    return OpenInvitation(
        invitation.email,
        invitation.first_name,
        invitation.practice_name,
        invitation.expires_at,
        tuple(agreements),
        invitation.practice_id,
    )


def accept_invitation(
    uow: Any, identity: Identity, agreements: Sequence[Agreement], command: AcceptInvitation
) -> AcceptedInvitation:
    _check_form(agreements, command)
    with uow:
        # The row stays locked while identity creates the account, so a second accept waits, then sees "used".
        invitation = _usable(uow, command.token, lock=True)
        now = uow.clock.now()
        account = identity.create_account(_new_account(invitation, agreements, command.password, now))
        record_acceptance(uow, invitation, account.account_id, now)
        uow.commit()
    return AcceptedInvitation(account.account_id, account.email)


def record_acceptance(uow: Any, invitation: Invitation, account_id: str, now: dt.datetime) -> None:
    """Inside the caller's transaction: the invitation is used and the client is signed up."""
    invitation.accept(account_id, now)
    uow.invitations.save(invitation)
    portal = uow.portals.get(invitation.practice_id, invitation.client_id, lock=True)
    portal = portal or ClientPortal(invitation.practice_id, invitation.client_id)
    portal.record_sign_up(account_id, invitation.email, now)
    uow.portals.save(portal)
    data = {"invitation_id": invitation.id, "client_id": invitation.client_id, "account_id": account_id}
    uow.publish(INVITATION_ACCEPTED, data, invitation.practice_id)


def _check_form(agreements: Sequence[Agreement], command: AcceptInvitation) -> None:
    errors = {
        agreement.acceptance_field: [f"Read and accept the {agreement.title} to create your account."]
        for agreement in agreements
        if agreement.acceptance_field not in command.accepted
    }
    if command.password_confirmation is not None and command.password_confirmation != command.password:
        errors["password_confirmation"] = ["The two passwords are not the same."]
    if errors:
        raise ValidationProblem(errors)


def _usable(uow: Any, token: str, lock: bool) -> Invitation:
    invitation = uow.invitations.by_token_hash(hash_token(token), lock=lock)
    if invitation is None:
        raise Problem(
            404,
            "invitation-not-found",
            "This invitation link is not valid.",
            "Check that you opened the whole link from the email, or ask your practice to send a new invitation.",
        )
    state = invitation.state_at(uow.clock.now())
    if state is not InvitationState.OPEN:
        code, title, detail = _REFUSALS[state]
        raise Problem(410, code, title, detail)
    return invitation


def _new_account(
    invitation: Invitation, agreements: Sequence[Agreement], password: str, now: dt.datetime
) -> NewAccount:
    return NewAccount(
        practice_id=invitation.practice_id,
        client_id=invitation.client_id,
        invitation_id=invitation.id,
        email=invitation.email,
        password=password,
        agreements=tuple(
            {"kind": agreement.kind, "version": agreement.version, "accepted_at": utc_iso(now)}
            for agreement in agreements
        ),
    )
