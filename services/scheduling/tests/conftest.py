"""A stand-in for identity's internal API, shared by the unit and the integration tests."""

import uuid

import pytest
from scheduling.service.identity import ClientContact, StaffMember


class FakeIdentity:
    def __init__(self):
        self.clients = set()
        self.members = {}
        self.features_off = set()
        self.contacts = {}
        self.access_ended = set()

    def add_client(self, practice_id, email="robin@example.org", phone=None):
        client_id = str(uuid.uuid4())
        self.clients.add((practice_id, client_id))
        self.contacts[(practice_id, client_id)] = ClientContact("Robin", email, phone, "Calm Waters Therapy")
        return client_id

    def contact(self, practice_id, client_id):
        return self.contacts.get((practice_id, client_id))

    def add_clinician(self, practice_id, email="dana@example.org"):
        account_id = str(uuid.uuid4())
        self.members.setdefault(practice_id, []).append(StaffMember(account_id, email, "clinician"))
        return account_id

    def client_exists(self, practice_id, client_id):
        return (practice_id, client_id) in self.clients

    def staff(self, practice_id):
        return list(self.members.get(practice_id, []))

    def features(self, practice_id):
        return {name: False for name in self.features_off}

    def reaches(self, practice_id, client_id, account_id):
        return (practice_id, client_id) in self.clients and (client_id, account_id) not in self.access_ended


@pytest.fixture
def identity():
    return FakeIdentity()
