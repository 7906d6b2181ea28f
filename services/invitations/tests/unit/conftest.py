"""Fakes for the use cases: an in-memory unit of work whose changes count only when committed."""

import copy

import pytest
from invitations.domain import NEVER_SIGNED_IN, ClientPortal, PortalStatus, portal_agreements
from invitations.service.sending import Mailing
from portalkit.clock import FixedClock
from portalkit.event_schemas import check_produced
from portalkit.events import new_envelope
from portalkit.sealed import Sealer, new_key


class FakeInvitations:
    def __init__(self, rows):
        self._rows = rows

    def add(self, invitation):
        self._rows[invitation.id] = copy.deepcopy(invitation)

    save = add

    def by_token_hash(self, token_hash, lock=False):
        return self._first(lambda row: row.token_hash == token_hash)

    def by_id(self, practice_id, invitation_id, lock=False):
        return self._first(lambda row: (row.practice_id, row.id) == (practice_id, invitation_id))

    def by_email_cause(self, practice_id, event_id):
        return self._first(
            lambda row: row.practice_id == practice_id and event_id in (row.sent_event_id, row.reminded_event_id)
        )

    def claim_due_reminders(self, now, limit):
        due = [row for row in self._rows.values() if row.remind_at and row.remind_at <= now < row.expires_at]
        for row in due[:limit]:
            row.mark_reminded(now)
        return copy.deepcopy(due[:limit])

    def claim_due_expiries(self, now, limit):
        due = [row for row in self._rows.values() if row.expiry_due_at and row.expiry_due_at <= now]
        for row in due[:limit]:
            row.mark_expired()
        return copy.deepcopy(due[:limit])

    def of_client(self, practice_id, client_id, lock=False):
        rows = [row for row in self._rows.values() if (row.practice_id, row.client_id) == (practice_id, client_id)]
        return [copy.deepcopy(row) for row in sorted(rows, key=lambda row: row.sent_at)]

    def _first(self, matches):
        found = next((row for row in self._rows.values() if matches(row)), None)
        return copy.deepcopy(found)


class FakePortals:
    def __init__(self, rows):
        self._rows = rows

    def get(self, practice_id, client_id, lock=False):
        return copy.deepcopy(self._rows.get((practice_id, client_id)))

    def locked(self, practice_id, client_id):
        self._rows.setdefault((practice_id, client_id), ClientPortal(practice_id, client_id))
        return self.get(practice_id, client_id)

    def of_practice(self, practice_id, now, status=None):
        portals = [copy.deepcopy(portal) for (practice, _), portal in self._rows.items() if practice == practice_id]
        return [portal for portal in portals if status is None or status in _filters_of(portal, now)]

    def counts(self, practice_id, now):
        counts = {status: 0 for status in [*map(str, PortalStatus), NEVER_SIGNED_IN]}
        for portal in self.of_practice(practice_id, now):
            for name in _filters_of(portal, now):
                counts[name] += 1
        return counts

    def save(self, portal):
        self._rows[(portal.practice_id, portal.client_id)] = copy.deepcopy(portal)


def _filters_of(portal, now):
    filters = {str(portal.status_at(now))}
    if portal.status in (PortalStatus.SIGNED_UP, PortalStatus.ACTIVE) and portal.last_signed_in_at is None:
        filters.add(NEVER_SIGNED_IN)
    return filters


class FakeLinkCopies:
    def __init__(self, rows):
        self._rows = rows

    def add(self, invitation, copied_by, copied_by_email, copied_at):
        self._rows.append((invitation.id, copied_by, copied_by_email, copied_at))


class FakeUnitOfWork:
    def __init__(self, clock):
        self.clock = clock
        self.stored = {"invitations": {}, "portals": {}, "events": [], "link_copies": []}

    def __enter__(self):
        self._working = copy.deepcopy(self.stored)
        self.invitations = FakeInvitations(self._working["invitations"])
        self.portals = FakePortals(self._working["portals"])
        self.link_copies = FakeLinkCopies(self._working["link_copies"])
        return self

    def __exit__(self, *exc_info):
        self._working = None

    def publish(self, event_type, data, practice_id, version=1):
        check_produced(event_type, version, data)
        envelope = new_envelope(event_type, data, practice_id, self.clock, version)
        self._working["events"].append(envelope)
        return envelope

    def commit(self):
        self.stored = copy.deepcopy(self._working)

    def events(self, event_type):
        return [envelope for envelope in self.stored["events"] if envelope.type == event_type]

    def invitations_of(self, client_id):
        rows = self.stored["invitations"].values()
        return sorted((row for row in rows if row.client_id == client_id), key=lambda row: row.sent_at)


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def uow(clock):
    return FakeUnitOfWork(clock)


@pytest.fixture
def unit_of_work(uow):
    """A factory handing out the one fake unit of work, for use cases that open several transactions."""
    return lambda: uow


@pytest.fixture
def sealer():
    return Sealer(new_key())


@pytest.fixture
def mailing(sealer):
    return Mailing(sealer, "https://portal.example", default_expiry_hours=120)


@pytest.fixture
def agreements():
    return portal_agreements("2026-11-01", "2026-11-01", "2026-11-01")
