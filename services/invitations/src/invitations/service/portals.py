"""Where each client's portal stands, and what other services tell us that changes it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import not_found

from invitations.domain import ClientPortal, Invitation, PortalStatus, PortalView
from invitations.service.acceptance import record_acceptance
from invitations.service.identity import Identity


@dataclasses.dataclass(frozen=True)
class PracticePortals:
    items: list[PortalView]
    counts: dict[str, int]


@dataclasses.dataclass(frozen=True)
class AccountChange:
    """identity.account.verified / signed_in / disabled / enabled, as the portal reads them."""

    kind: str  # verified, signed_in, disabled or enabled
    practice_id: str
    client_id: str
    account_id: str
    actor_id: str | None
    at: dt.datetime


def portal_status(uow: Any, identity: Identity, practice_id: str, client_id: str) -> PortalView:
    with uow:
        portal = uow.portals.get(practice_id, client_id)
        now = uow.clock.now()
    if portal is None:
        # No invitation yet: only identity knows whether the practice has this client at all.
        if identity.client(practice_id, client_id) is None:
            raise not_found("Client")
        portal = ClientPortal(practice_id, client_id)
    return portal.view_at(now)


def practice_portal_statuses(uow: Any, practice_id: str, status: str | None = None) -> PracticePortals:
    """The practice's portals (only those in `status` when given) and the count of each status."""
    with uow:
        now = uow.clock.now()
        portals = uow.portals.of_practice(practice_id, now, status)
        counts = uow.portals.counts(practice_id, now)
    return PracticePortals([portal.view_at(now) for portal in portals], counts)


def record_client_created(uow: Any, practice_id: str, client_id: str) -> None:
    """Inside the caller's transaction: identity has a new client, so the practice's list counts them
    as not invited."""
    uow.portals.locked(practice_id, client_id)


def record_account_created(uow: Any, practice_id: str, invitation_id: str | None, account_id: str) -> None:
    """Inside the caller's transaction. Identity created an account from one of our invitations; if the
    accept request died before it committed, the portal catches up here."""
    if invitation_id is None:
        return
    invitation = uow.invitations.by_id(practice_id, invitation_id, lock=True)
    if invitation is None or invitation.accepted_at is not None:
        return
    portal = uow.portals.get(practice_id, invitation.client_id)
    if portal is not None and portal.has_account:
        return
    record_acceptance(uow, invitation, account_id, uow.clock.now())


def record_account_change(uow: Any, change: AccountChange) -> None:
    """Inside the caller's transaction: the client's account was verified, used, disabled or enabled."""
    portal = uow.portals.get(change.practice_id, change.client_id, lock=True)
    portal = portal or ClientPortal(change.practice_id, change.client_id, status=PortalStatus.SIGNED_UP)
    if change.kind == "verified":
        portal.record_verified(change.account_id, change.at)
    elif change.kind == "signed_in":
        portal.record_sign_in(change.account_id, change.at)
    elif change.kind == "disabled":
        portal.record_disabled(change.account_id, change.actor_id, change.at)
    elif change.kind == "enabled":
        portal.record_enabled(change.account_id, change.actor_id, change.at)
    uow.portals.save(portal)


def record_delivery(
    uow: Any, practice_id: str, cause_event_id: str, delivered: bool, at: dt.datetime, reason: str = ""
) -> None:
    """Inside the caller's transaction: the notifier reports on an invitation or reminder email."""
    found = _emailed_portal(uow, practice_id, cause_event_id)
    if found is None:
        return
    portal, invitation = found
    reminder = invitation.reminded_event_id == cause_event_id
    portal.record_delivery(reminder, delivered, invitation.email, at, reason)
    uow.portals.save(portal)


def record_bounce(uow: Any, practice_id: str, cause_event_id: str, bounce_type: str, at: dt.datetime) -> None:
    """Inside the caller's transaction: the mailbox of an invitation or reminder email bounced it."""
    found = _emailed_portal(uow, practice_id, cause_event_id)
    if found is None:
        return
    portal, invitation = found
    portal.record_bounce(invitation.reminded_event_id == cause_event_id, invitation.email, bounce_type, at)
    uow.portals.save(portal)


def _emailed_portal(uow: Any, practice_id: str, cause_event_id: str) -> tuple[ClientPortal, Invitation] | None:
    invitation = uow.invitations.by_email_cause(practice_id, cause_event_id)
    if invitation is None:
        return None
    portal = uow.portals.get(practice_id, invitation.client_id, lock=True)
    return None if portal is None else (portal, invitation)
