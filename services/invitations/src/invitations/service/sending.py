"""Sending an invitation (or a new one, which replaces the older ones of the client)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found
from portalkit.sealed import Sealer, SealError

from invitations.domain import ClientPortal, Invitation, new_token, reminder_time
from invitations.service.identity import ClientRecord, Identity

INVITATION_SENT = "invitations.invitation.sent"


@dataclasses.dataclass(frozen=True)
class Mailing:
    """What invitation emails need from this service's settings, and the sealing of their links."""

    sealer: Sealer
    public_base_url: str
    default_expiry_hours: int
    reminder_hours_before_expiry: int = 24

    def accept_url(self, token: str) -> str:
        return f"{self.public_base_url.rstrip('/')}/invitations/{token}"

    def seal_token(self, token: str) -> str:
        return self.sealer.seal({"token": token})

    def token_of(self, invitation: Invitation) -> str | None:
        """The raw token, while the invitation keeps it; None also when the sealing key has changed since."""
        if invitation.sealed_token is None:
            return None
        try:
            return str(self.sealer.unseal(invitation.sealed_token)["token"])
        except SealError:
            return None

    def delivery(self, invitation: Invitation, token: str) -> str:
        """The sealed part of a sent or reminded event that only the notifier opens."""
        return self.sealer.seal(
            {
                "to": invitation.email,
                "recipient_name": invitation.first_name,
                "practice_name": invitation.practice_name,
                "accept_url": self.accept_url(token),
                "expires_at": utc_iso(invitation.expires_at),
            }
        )


@dataclasses.dataclass(frozen=True)
class SendInvitation:
    practice_id: str
    client_id: str
    sent_by: str | None  # None: the system sends it (an automatic invitation)
    sent_by_email: str
    email: str | None = None
    cause: str | None = None  # what caused an automatic invitation, e.g. "form:<task id>"
    reason: str = ""  # the same, in words for the timeline


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
        portal = uow.portals.locked(command.practice_id, command.client_id)
        sent = send_within(uow, mailing, command, client, address, portal)
        uow.commit()
    return sent


def send_within(
    uow: Any,
    mailing: Mailing,
    command: SendInvitation,
    client: ClientRecord,
    address: str,
    portal: ClientPortal | None,
) -> SentInvitation:
    """Inside the caller's transaction, with the client's portal row (if any) locked by the caller."""
    portal = portal or ClientPortal(command.practice_id, command.client_id)
    if portal.has_account:
        raise already_signed_up()
    now = uow.clock.now()
    older = uow.invitations.of_client(command.practice_id, command.client_id, lock=True)
    for invitation in older:
        invitation.supersede(now)
        uow.invitations.save(invitation)
    invitation = _new_invitation(mailing, command, client, address, now)
    token = mailing.token_of(invitation) or ""
    invitation.sent_event_id = _publish_sent(uow, mailing, invitation, token, resend=bool(older))
    uow.invitations.add(invitation)
    portal.record_invitation(invitation, command.sent_by_email, command.reason)
    uow.portals.save(portal)
    return SentInvitation(invitation.id, invitation.client_id, address, now, invitation.expires_at, bool(older))


def _new_invitation(
    mailing: Mailing, command: SendInvitation, client: ClientRecord, address: str, now: dt.datetime
) -> Invitation:
    token, token_hash = new_token()
    expires_at = now + dt.timedelta(hours=_expiry_hours(client, mailing))
    return Invitation(
        id=str(uuid.uuid4()),
        practice_id=command.practice_id,
        client_id=command.client_id,
        email=address,
        first_name=client.first_name,
        practice_name=client.practice_name,
        token_hash=token_hash,
        sent_at=now,
        sent_by=command.sent_by,
        expires_at=expires_at,
        sealed_token=mailing.seal_token(token),
        remind_at=reminder_time(now, expires_at, _reminder_hours(client, mailing)),
        expiry_due_at=expires_at,
        cause=command.cause,
    )


def _publish_sent(uow: Any, mailing: Mailing, invitation: Invitation, token: str, resend: bool) -> str:
    data = {
        "invitation_id": invitation.id,
        "client_id": invitation.client_id,
        "expires_at": utc_iso(invitation.expires_at),
        "resend": resend,
        "delivery": mailing.delivery(invitation, token),
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


def _reminder_hours(client: ClientRecord, mailing: Mailing) -> int:
    # The practice's own choice (0: no reminder) wins over the service default.
    hours = client.reminder_hours_before_expiry
    return hours if isinstance(hours, int) and hours >= 0 else mailing.reminder_hours_before_expiry


def already_signed_up() -> Problem:
    return Problem(
        409,
        "already-signed-up",
        "The client already has a portal account.",
        "The client can sign in; to help them in, send a sign-in link or a password reset instead.",
    )
