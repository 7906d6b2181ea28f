"""A stand-in for identity's internal API, shared by the unit and the integration tests."""

import uuid

import pytest
from invitations.service.identity import ClientRecord, CreatedAccount, NewAccount


class FakeIdentity:
    def __init__(self):
        self.clients = {}
        self.accounts = []
        self.refusal = None

    def add_client(
        self,
        practice_id="practice-1",
        emails=("robin@example.org",),
        first_name="Robin",
        practice_name="Calm Waters Therapy",
        expiry_hours=None,
        has_account=False,
    ):
        client_id = str(uuid.uuid4())
        addresses = tuple((address, index == 0) for index, address in enumerate(emails))
        self.clients[(practice_id, client_id)] = ClientRecord(
            client_id, first_name, "Doe", addresses, practice_name, expiry_hours, has_account
        )
        return client_id

    def client(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))

    def create_account(self, account: NewAccount):
        if self.refusal is not None:
            raise self.refusal
        self.accounts.append(account)
        return CreatedAccount(str(uuid.uuid4()), account.email, True)


@pytest.fixture
def identity():
    return FakeIdentity()
