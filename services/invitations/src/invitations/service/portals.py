"""Where each client's portal stands, and what other services tell us that changes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portalkit.errors import not_found

from invitations.domain import ClientPortal, PortalStatus, PortalView
from invitations.service.acceptance import record_acceptance
from invitations.service.identity import Identity


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


def practice_portal_statuses(uow: Any, practice_id: str) -> list[PortalView]:
    with uow:
        portals = uow.portals.of_practice(practice_id)
        now = uow.clock.now()
    return [portal.view_at(now) for portal in portals]


def record_account_created(uow: Any, practice_id: str, invitation_id: str | None, account_id: str) -> None:
    """Inside the caller's transaction. Identity created an account from one of our invitations; if the
    accept request died before it committed, the portal catches up here."""
    if invitation_id is None:
        return
    invitation = uow.invitations.by_id(practice_id, invitation_id, lock=True)
    if invitation is None or invitation.accepted_at is not None:
        return
    portal = uow.portals.get(practice_id, invitation.client_id)
    if portal is not None and portal.status is PortalStatus.SIGNED_UP:
        return
    record_acceptance(uow, invitation, account_id, uow.clock.now())


def record_delivery(
    uow: Any, practice_id: str, cause_event_id: str, delivered: bool, at: dt.datetime, reason: str = ""
) -> None:
    """Inside the caller's transaction: the notifier reports on the email of one of our invitations."""
    invitation = uow.invitations.by_sent_event(practice_id, cause_event_id)
    if invitation is None:
        return
    portal = uow.portals.get(practice_id, invitation.client_id, lock=True)
    if portal is None:
        return
    portal.record_delivery(delivered, invitation.email, at, reason)
    uow.portals.save(portal)
