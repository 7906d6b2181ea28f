"""Fakes for the use cases: an in-memory unit of work whose changes count only when committed."""

import copy

import pytest
from invitations.domain import portal_agreements
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

    def by_sent_event(self, practice_id, event_id):
        return self._first(lambda row: (row.practice_id, row.sent_event_id) == (practice_id, event_id))

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

    def of_practice(self, practice_id):
        return [copy.deepcopy(portal) for (practice, _), portal in self._rows.items() if practice == practice_id]

    def save(self, portal):
        self._rows[(portal.practice_id, portal.client_id)] = copy.deepcopy(portal)


class FakeUnitOfWork:
    def __init__(self, clock):
        self.clock = clock
        self.stored = {"invitations": {}, "portals": {}, "events": []}

    def __enter__(self):
        self._working = copy.deepcopy(self.stored)
        self.invitations = FakeInvitations(self._working["invitations"])
        self.portals = FakePortals(self._working["portals"])
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
def sealer():
    return Sealer(new_key())


@pytest.fixture
def mailing(sealer):
    return Mailing(sealer, "https://portal.example", default_expiry_hours=120)


@pytest.fixture
def agreements():
    return portal_agreements("2026-11-01", "2026-11-01", "2026-11-01")
