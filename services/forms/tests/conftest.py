"""A stand-in for identity's internal API, shared by the unit and the integration tests."""

import uuid

import pytest
from forms.service.identity import ClientRecord


class FakeIdentity:
    def __init__(self):
        self.clients = {}
        self.features_off = set()

    def add_client(self, practice_id="practice-1", name="Robin Doe"):
        client_id = str(uuid.uuid4())
        self.clients[(practice_id, client_id)] = ClientRecord(client_id, name, "Calm Waters Therapy")
        return client_id

    def client(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))

    def features(self, practice_id):
        return {name: name not in self.features_off for name in ("forms", "consents", "assessments", "messages")}


@pytest.fixture
def identity():
    return FakeIdentity()
