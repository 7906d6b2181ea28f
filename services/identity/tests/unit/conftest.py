"""In-memory stand-ins for the unit of work and the token signer, for use-case tests."""

import pytest
from identity.adapters.password_hasher import PasswordHasher
from identity.adapters.repositories import FAILED_RESULTS as FAILED
from portalkit.clock import FixedClock


class FakeAccounts:
    def __init__(self):
        self.rows = {}

    def add(self, account):
        self.rows[account.id] = account

    def get(self, account_id):
        return self.rows.get(account_id)

    def with_email(self, email):
        return [a for a in self.rows.values() if a.email == email.strip().lower()]


class FakeSessions:
    def __init__(self):
        self.rows, self.tokens = {}, {}

    def add(self, session, token):
        self.rows[session.id] = session
        self.add_token(token)

    def add_token(self, token):
        self.tokens[token.token_hash] = token

    def get(self, session_id):
        return self.rows.get(session_id)

    def token_for_update(self, token_hash):
        return self.tokens.get(token_hash)


class FakeSignInLog:
    def __init__(self):
        self.events = []

    def record(self, event):
        self.events.append(event)

    def failures_of_account_since(self, account_id, since):
        return sum(1 for e in self.events if e.account_id == account_id and e.at > since and e.result in FAILED)

    def failures_from_ip_since(self, ip, since):
        return sum(1 for e in self.events if e.ip == ip and e.at > since and e.result in FAILED)


class FakeRows:
    """A table of rows by id (practices, two-factor settings)."""

    def __init__(self):
        self.rows = {}

    def get(self, key):
        return self.rows.get(key)

    for_update = get


class FakeProfileLinks:
    def __init__(self):
        self.rows = []

    def add(self, link):
        self.rows.append(link)

    def of_account(self, practice_id, account_id):
        return [link for link in self.rows if (link.practice_id, link.account_id) == (practice_id, account_id)]


class FakeUnitOfWork:
    def __init__(self, clock):
        self.clock = clock
        self.accounts, self.sessions, self.sign_ins = FakeAccounts(), FakeSessions(), FakeSignInLog()
        self.practices, self.two_factors = FakeRows(), FakeRows()
        self.profile_links = FakeProfileLinks()
        self.commits = 0
        self.published = []

    def publish(self, event_type, data, practice_id):
        self.published.append((event_type, data))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def commit(self):
        self.commits += 1


class FakeAccessTokens:
    ttl_seconds = 600

    def issue(self, account, session_id, profile_id):
        return f"access-for-{account.id}-{session_id}-{profile_id}"


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def uow(clock):
    return FakeUnitOfWork(clock)


@pytest.fixture(scope="session")
def hasher():
    return PasswordHasher()


@pytest.fixture
def tokens():
    return FakeAccessTokens()
