"""A stand-in for identity's internal API, shared by the unit and the integration tests."""

import uuid
import zoneinfo

import pytest
from forms.service.identity import ClientRecord, ProfileLink


class FakeIdentity:
    def __init__(self):
        self.clients = {}
        self.profile_links = {}
        self.features_off = set()
        self.time_zones = {}  # practice id -> IANA name; UTC when not set

    def add_client(self, practice_id="practice-1", name="Robin Doe", email="robin@example.org"):
        client_id = str(uuid.uuid4())
        record = ClientRecord(client_id, name, "Calm Waters Therapy", name.split()[0], email)
        self.clients[(practice_id, client_id)] = record
        return client_id

    def link(self, practice_id, client_id, account_id, kind, active=True):
        self.profile_links.setdefault((practice_id, client_id), []).append(ProfileLink(account_id, kind, active))

    def end_link(self, practice_id, client_id, account_id):
        reach = self.profile_links[(practice_id, client_id)]
        reach[:] = [
            ProfileLink(link.account_id, link.kind, link.active and link.account_id != account_id) for link in reach
        ]

    def client(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))

    def features(self, practice_id):
        return {name: name not in self.features_off for name in ("forms", "consents", "assessments", "messages")}

    def time_zone(self, practice_id):
        return zoneinfo.ZoneInfo(self.time_zones.get(practice_id, "UTC"))

    def links(self, practice_id, client_id):
        return list(self.profile_links.get((practice_id, client_id), []))


@pytest.fixture
def identity():
    return FakeIdentity()
