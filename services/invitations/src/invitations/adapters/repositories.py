"""Invitations, client portals and link copies kept in the service's database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from invitations.adapters.orm import client_portals, invitations, link_copies, portal_timeline
from invitations.domain import NEVER_SIGNED_IN, ClientPortal, Invitation, PortalStatus, TimelineEntry

_INVITATION_FIELDS = [field.name for field in dataclasses.fields(Invitation)]
_INVITATION_CHANGES = [name for name in _INVITATION_FIELDS if name not in {"id", "practice_id", "client_id"}]
_PORTAL_FIELDS = [
    "status",
    "email",
    "invited_at",
    "expires_at",
    "signed_up_at",
    "account_id",
    "verified_at",
    "last_signed_in_at",
    "disabled_at",
]
_ENTRY_FIELDS = [field.name for field in dataclasses.fields(TimelineEntry)]


class InvitationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, invitation: Invitation) -> None:
        self._session.execute(insert(invitations).values(**dataclasses.asdict(invitation)))

    def save(self, invitation: Invitation) -> None:
        values = {name: getattr(invitation, name) for name in _INVITATION_CHANGES}
        self._session.execute(update(invitations).where(invitations.c.id == invitation.id).values(**values))

    def by_token_hash(self, token_hash: str, lock: bool = False) -> Invitation | None:
        return self._one(select(invitations).where(invitations.c.token_hash == token_hash), lock)

    def by_id(self, practice_id: str, invitation_id: str, lock: bool = False) -> Invitation | None:
        query = select(invitations).where(invitations.c.practice_id == practice_id, invitations.c.id == invitation_id)
        return self._one(query, lock)

    def by_email_cause(self, practice_id: str, event_id: str) -> Invitation | None:
        """The invitation whose sent or reminded event caused an email."""
        query = select(invitations).where(
            invitations.c.practice_id == practice_id,
            or_(invitations.c.sent_event_id == event_id, invitations.c.reminded_event_id == event_id),
        )
        return self._one(query, lock=False)

    def of_client(self, practice_id: str, client_id: str, lock: bool = False) -> list[Invitation]:
        query = select(invitations).where(
            invitations.c.practice_id == practice_id, invitations.c.client_id == client_id
        )
        query = query.order_by(invitations.c.sent_at)
        rows = self._session.execute(query.with_for_update() if lock else query).all()
        return [_invitation(row._mapping) for row in rows]

    def claim_due_reminders(self, now: dt.datetime, limit: int) -> list[Invitation]:
        """Take up to `limit` due reminders off the schedule and return them; a concurrent sweep
        skips the rows locked here and finds them no longer due once this transaction commits."""
        due = and_(invitations.c.remind_at <= now, invitations.c.expires_at > now)
        return self._claim(invitations.c.remind_at, due, {"remind_at": None, "reminded_at": now}, limit)

    def claim_due_expiries(self, now: dt.datetime, limit: int) -> list[Invitation]:
        changes = {"expiry_due_at": None, "remind_at": None, "sealed_token": None}
        return self._claim(invitations.c.expiry_due_at, invitations.c.expiry_due_at <= now, changes, limit)

    def _claim(self, marker: Any, due: ColumnElement[bool], changes: dict[str, Any], limit: int) -> list[Invitation]:
        chosen = select(invitations.c.id).where(due).order_by(marker).limit(limit).with_for_update(skip_locked=True)
        # `due` is repeated outside the subquery so PostgreSQL re-checks it on a row another sweep just changed.
        statement = (
            update(invitations)
            .where(due, invitations.c.id.in_(chosen.scalar_subquery()))
            .values(**changes)
            .returning(*invitations.c)
        )
        return [_invitation(row._mapping) for row in self._session.execute(statement).all()]

    def _one(self, query: Select[Any], lock: bool) -> Invitation | None:
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else _invitation(row._mapping)


class PortalRepository:
    """Remembers which portals it loaded and how much of their timeline, so `save` writes only news."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._stored_entries: dict[tuple[str, str], int] = {}

    def get(self, practice_id: str, client_id: str, lock: bool = False) -> ClientPortal | None:
        """The client's portal with its timeline. Locked: the row first, then its timeline, which no one
        else can change meanwhile. Unlocked: both in one statement, so that they are of one moment (two
        statements could see a change commit between them: an enabling in the timeline while the
        status still read `disabled`)."""
        portal = self._locked(practice_id, client_id) if lock else self._as_of_now(practice_id, client_id)
        if portal is not None:
            self._stored_entries[(practice_id, client_id)] = len(portal.timeline)
        return portal

    def _locked(self, practice_id: str, client_id: str) -> ClientPortal | None:
        query = select(client_portals).where(
            client_portals.c.practice_id == practice_id, client_portals.c.client_id == client_id
        )
        row = self._session.execute(query.with_for_update()).first()
        if row is None:
            return None
        portal = _portal(row._mapping)
        portal.timeline = self._timeline(practice_id, client_id)
        return portal

    def _as_of_now(self, practice_id: str, client_id: str) -> ClientPortal | None:
        entries = portal_timeline.alias("entry")
        same_client = and_(
            entries.c.practice_id == client_portals.c.practice_id, entries.c.client_id == client_portals.c.client_id
        )
        query = (
            select(client_portals, *(entries.c[name].label(f"entry_{name}") for name in _ENTRY_FIELDS))
            .select_from(client_portals.outerjoin(entries, same_client))
            .where(client_portals.c.practice_id == practice_id, client_portals.c.client_id == client_id)
            .order_by(entries.c.at, entries.c.id)
        )
        rows = [row._mapping for row in self._session.execute(query).all()]
        if not rows:
            return None
        portal = _portal(rows[0])
        portal.timeline = [
            TimelineEntry(**{name: row[f"entry_{name}"] for name in _ENTRY_FIELDS})
            for row in rows
            if row["entry_status"] is not None
        ]
        return portal

    def locked(self, practice_id: str, client_id: str) -> ClientPortal:
        """The client's portal, locked until the transaction ends; made (not invited) if it did not
        exist yet, so that first writers racing for a new client queue on one row instead of both
        inserting it (the loser would fail on the primary key)."""
        dialect = self._session.get_bind().dialect.name
        insert_new = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(client_portals)
        self._session.execute(
            insert_new.values(
                practice_id=practice_id, client_id=client_id, status=str(PortalStatus.NOT_INVITED)
            ).on_conflict_do_nothing(index_elements=["practice_id", "client_id"])
        )
        portal = self.get(practice_id, client_id, lock=True)
        assert portal is not None
        return portal

    def of_practice(self, practice_id: str, now: dt.datetime, status: str | None = None) -> list[ClientPortal]:
        """The practice's portals, without timelines; only those in `status` (or the never-signed-in filter)."""
        query = select(client_portals).where(client_portals.c.practice_id == practice_id)
        if status == NEVER_SIGNED_IN:
            query = query.where(_never_signed_in())
        elif status is not None:
            query = query.where(_status_at(now) == status)
        rows = self._session.execute(query.order_by(client_portals.c.invited_at, client_portals.c.client_id)).all()
        return [_portal(row._mapping) for row in rows]

    def counts(self, practice_id: str, now: dt.datetime) -> dict[str, int]:
        """How many of the practice's clients are in each status, and how many never signed in."""
        statuses = select(_status_at(now).label("status")).where(client_portals.c.practice_id == practice_id)
        statuses_subquery = statuses.subquery()
        grouped = select(statuses_subquery.c.status, func.count()).group_by(statuses_subquery.c.status)
        counts = {str(status): 0 for status in PortalStatus}
        counts.update({row[0]: int(row[1]) for row in self._session.execute(grouped).all()})
        never = select(func.count()).where(client_portals.c.practice_id == practice_id, _never_signed_in())
        counts[NEVER_SIGNED_IN] = int(self._session.execute(never).scalar_one())
        return counts

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


class LinkCopyRepository:
    """Append-only: a copy of an invitation link is recorded and never changed."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, invitation: Invitation, copied_by: str, copied_by_email: str, copied_at: dt.datetime) -> None:
        self._session.execute(
            insert(link_copies).values(
                practice_id=invitation.practice_id,
                invitation_id=invitation.id,
                client_id=invitation.client_id,
                copied_by=copied_by,
                copied_by_email=copied_by_email,
                copied_at=copied_at,
            )
        )

    def of_client(self, practice_id: str, client_id: str) -> list[dict[str, Any]]:
        query = select(link_copies).where(
            link_copies.c.practice_id == practice_id, link_copies.c.client_id == client_id
        )
        return [dict(row._mapping) for row in self._session.execute(query.order_by(link_copies.c.id)).all()]


def _status_at(now: dt.datetime) -> ColumnElement[str]:
    """The stored status, except that an invitation past its expiry reads `expired`, as ClientPortal.status_at."""
    lapsed = and_(client_portals.c.status == str(PortalStatus.INVITED), client_portals.c.expires_at <= now)
    return case((lapsed, str(PortalStatus.EXPIRED)), else_=client_portals.c.status)


def _never_signed_in() -> ColumnElement[bool]:
    with_account = (str(PortalStatus.SIGNED_UP), str(PortalStatus.ACTIVE))
    return and_(client_portals.c.status.in_(with_account), client_portals.c.last_signed_in_at.is_(None))


def _invitation(row: Any) -> Invitation:
    return Invitation(**{name: row[name] for name in _INVITATION_FIELDS})


def _portal(row: Any) -> ClientPortal:
    values = {name: row[name] for name in _PORTAL_FIELDS}
    values["status"] = PortalStatus(values["status"])
    return ClientPortal(practice_id=row["practice_id"], client_id=row["client_id"], **values)
