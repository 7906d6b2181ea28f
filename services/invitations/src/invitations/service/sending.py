"""Sending an invitation (or a new one, which replaces the older ones of the client)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found
from portalkit.sealed import Sealer

from invitations.domain import ClientPortal, Invitation, PortalStatus, new_token
from invitations.service.identity import ClientRecord, Identity

INVITATION_SENT = "invitations.invitation.sent"


@dataclasses.dataclass(frozen=True)
class Mailing:
    """What an invitation email needs from this service's settings."""

    sealer: Sealer
    public_base_url: str
    default_expiry_hours: int

    def accept_url(self, token: str) -> str:
        return f"{self.public_base_url.rstrip('/')}/invitations/{token}"


@dataclasses.dataclass(frozen=True)
class SendInvitation:
    practice_id: str
    client_id: str
    sent_by: str
    sent_by_email: str
    email: str | None = None


@dataclasses.dataclass(frozen=True)
class SentInvitation:
    id: str
    client_id: str
    email: str
    sent_at: dt.datetime
    expires_at: dt.datetime
    resend: bool


def send_invitation(uow: Any, identity: Identity, mailing: Mailing, command: SendInvitation) -> SentInvitation:
    client = identity.client(command.practice_id, command.client_id)
    if client is None:
        raise not_found("Client")
    if client.has_account:
        raise already_signed_up()
    address = chosen_address(client, command.email)
    with uow:
        portal = uow.portals.get(command.practice_id, command.client_id, lock=True)
        portal = portal or ClientPortal(command.practice_id, command.client_id)
        if portal.status is PortalStatus.SIGNED_UP:
            raise already_signed_up()
        sent = _issue(uow, mailing, command, client, address, portal)
        uow.commit()
    return sent


def _issue(
    uow: Any, mailing: Mailing, command: SendInvitation, client: ClientRecord, address: str, portal: ClientPortal
) -> SentInvitation:
    now = uow.clock.now()
    older = uow.invitations.of_client(command.practice_id, command.client_id, lock=True)
    for invitation in older:
        invitation.supersede(now)
        uow.invitations.save(invitation)
    token, token_hash = new_token()
    invitation = Invitation(
        id=str(uuid.uuid4()),
        practice_id=command.practice_id,
        client_id=command.client_id,
        email=address,
        first_name=client.first_name,
        practice_name=client.practice_name,
        token_hash=token_hash,
        sent_at=now,
        sent_by=command.sent_by,
        expires_at=now + dt.timedelta(hours=_expiry_hours(client, mailing)),
    )
    invitation.sent_event_id = _publish_sent(uow, mailing, invitation, token, resend=bool(older))
    uow.invitations.add(invitation)
    portal.record_invitation(invitation, command.sent_by_email)
    uow.portals.save(portal)
    return SentInvitation(invitation.id, invitation.client_id, address, now, invitation.expires_at, bool(older))


def _publish_sent(uow: Any, mailing: Mailing, invitation: Invitation, token: str, resend: bool) -> str:
    delivery = mailing.sealer.seal(
        {
            "to": invitation.email,
            "recipient_name": invitation.first_name,
            "practice_name": invitation.practice_name,
            "accept_url": mailing.accept_url(token),
            "expires_at": utc_iso(invitation.expires_at),
        }
    )
    data = {
        "invitation_id": invitation.id,
        "client_id": invitation.client_id,
        "expires_at": utc_iso(invitation.expires_at),
        "resend": resend,
        "delivery": delivery,
    }
    return str(uow.publish(INVITATION_SENT, data, invitation.practice_id).id)


def chosen_address(client: ClientRecord, requested: str | None) -> str:
    if requested is None:
        address = client.default_email
        if address is None:
            raise ValidationProblem({"email": ["The client has no email address; add one first."]})
        return address
    address = client.owns_email(requested)
    if address is None:
        raise ValidationProblem({"email": ["Choose one of the client's email addresses."]})
    return address


def _expiry_hours(client: ClientRecord, mailing: Mailing) -> int:
    hours = client.invitation_expiry_hours
    return hours if isinstance(hours, int) and hours > 0 else mailing.default_expiry_hours


def already_signed_up() -> Problem:
    return Problem(
        409,
        "already-signed-up",
        "The client already has a portal account.",
        "The client can sign in; to help them in, send a sign-in link or a password reset instead.",
    )
