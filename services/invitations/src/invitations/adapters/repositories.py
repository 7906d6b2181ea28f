"""Invitations and client portals kept in the service's database."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session

from invitations.adapters.orm import client_portals, invitations, portal_timeline
from invitations.domain import ClientPortal, Invitation, PortalStatus, TimelineEntry

_INVITATION_FIELDS = [field.name for field in dataclasses.fields(Invitation)]
_PORTAL_FIELDS = ["status", "email", "invited_at", "expires_at", "signed_up_at", "account_id"]


class InvitationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, invitation: Invitation) -> None:
        self._session.execute(insert(invitations).values(**dataclasses.asdict(invitation)))

    def save(self, invitation: Invitation) -> None:
        values = {
            name: getattr(invitation, name) for name in ("sent_event_id", "accepted_at", "account_id", "superseded_at")
        }
        self._session.execute(update(invitations).where(invitations.c.id == invitation.id).values(**values))

    def by_token_hash(self, token_hash: str, lock: bool = False) -> Invitation | None:
        return self._one(select(invitations).where(invitations.c.token_hash == token_hash), lock)

    def by_id(self, practice_id: str, invitation_id: str, lock: bool = False) -> Invitation | None:
        query = select(invitations).where(invitations.c.practice_id == practice_id, invitations.c.id == invitation_id)
        return self._one(query, lock)

    def by_sent_event(self, practice_id: str, event_id: str) -> Invitation | None:
        query = select(invitations).where(
            invitations.c.practice_id == practice_id, invitations.c.sent_event_id == event_id
        )
        return self._one(query, lock=False)

    def of_client(self, practice_id: str, client_id: str, lock: bool = False) -> list[Invitation]:
        query = select(invitations).where(
            invitations.c.practice_id == practice_id, invitations.c.client_id == client_id
        )
        query = query.order_by(invitations.c.sent_at)
        rows = self._session.execute(query.with_for_update() if lock else query).all()
        return [_invitation(row._mapping) for row in rows]

    def _one(self, query: Select[Any], lock: bool) -> Invitation | None:
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else _invitation(row._mapping)


class PortalRepository:
    """Remembers which portals it loaded and how much of their timeline, so `save` writes only news."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._stored_entries: dict[tuple[str, str], int] = {}

    def get(self, practice_id: str, client_id: str, lock: bool = False) -> ClientPortal | None:
        query = select(client_portals).where(
            client_portals.c.practice_id == practice_id, client_portals.c.client_id == client_id
        )
        row = self._session.execute(query.with_for_update() if lock else query).first()
        if row is None:
            return None
        portal = _portal(row._mapping)
        portal.timeline = self._timeline(practice_id, client_id)
        self._stored_entries[(practice_id, client_id)] = len(portal.timeline)
        return portal

    def of_practice(self, practice_id: str) -> list[ClientPortal]:
        """Every portal of the practice, without timelines."""
        query = select(client_portals).where(client_portals.c.practice_id == practice_id)
        rows = self._session.execute(query.order_by(client_portals.c.invited_at, client_portals.c.client_id)).all()
        return [_portal(row._mapping) for row in rows]

    def save(self, portal: ClientPortal) -> None:
        key = (portal.practice_id, portal.client_id)
        values = {name: getattr(portal, name) for name in _PORTAL_FIELDS}
        values["status"] = str(portal.status)
        if key in self._stored_entries:
            where = (client_portals.c.practice_id == key[0], client_portals.c.client_id == key[1])
            self._session.execute(update(client_portals).where(*where).values(**values))
        else:
            self._session.execute(insert(client_portals).values(practice_id=key[0], client_id=key[1], **values))
        news = portal.timeline[self._stored_entries.get(key, 0) :]
        for entry in news:
            self._session.execute(
                insert(portal_timeline).values(practice_id=key[0], client_id=key[1], **dataclasses.asdict(entry))
            )
        self._stored_entries[key] = len(portal.timeline)

    def _timeline(self, practice_id: str, client_id: str) -> list[TimelineEntry]:
        query = (
            select(portal_timeline.c.status, portal_timeline.c.at, portal_timeline.c.actor, portal_timeline.c.detail)
            .where(portal_timeline.c.practice_id == practice_id, portal_timeline.c.client_id == client_id)
            .order_by(portal_timeline.c.at, portal_timeline.c.id)
        )
        return [TimelineEntry(**row._mapping) for row in self._session.execute(query).all()]


def _invitation(row: Any) -> Invitation:
    return Invitation(**{name: row[name] for name in _INVITATION_FIELDS})


def _portal(row: Any) -> ClientPortal:
    values = {name: row[name] for name in _PORTAL_FIELDS}
    values["status"] = PortalStatus(values["status"])
    return ClientPortal(practice_id=row["practice_id"], client_id=row["client_id"], **values)
