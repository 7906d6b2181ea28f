"""Fakes for the use cases: an in-memory unit of work whose changes count only once committed."""

import copy
import datetime as dt

import pytest
from messaging.domain.invitation_email import InvitationDelivery
from messaging.domain.outbound_email import PENDING, SENT
from portalkit.clock import UTC, FixedClock
from portalkit.event_schemas import check_produced
from portalkit.events import new_envelope


class FakeEmails:
    def __init__(self, committed):
        self._committed = committed
        self.staged = {}

    def _all(self):
        return {**self._committed, **self.staged}

    def add(self, email):
        self.staged[email.id] = copy.deepcopy(email)

    save = add

    def for_cause(self, cause_event_id):
        return next((copy.deepcopy(e) for e in self._all().values() if e.cause_event_id == cause_event_id), None)

    def next_due(self, now):
        due = [e for e in self._all().values() if e.status == PENDING and e.next_attempt_at <= now]
        due.sort(key=lambda e: (e.next_attempt_at, e.created_at))
        return copy.deepcopy(due[0]) if due else None

    def recently_sent(self, practice_id, limit):
        sent = [e for e in self._all().values() if e.practice_id == practice_id and e.status == SENT]
        return sorted(sent, key=lambda e: e.sent_at, reverse=True)[:limit]


class FakeTexts(FakeEmails):
    """Texts keep the same fields the fake needs: status, next_attempt_at, created_at, cause_event_id."""


class FakeNotices:
    """Preferences, blocked addresses and withheld notices; written at once (these tests never roll back)."""

    def __init__(self, store):
        self._store = store

    def get(self, practice_id, account_id):
        return self._store.preferences.get((practice_id, account_id))

    def save(self, practice_id, account_id, preference):
        self._store.preferences[(practice_id, account_id)] = preference

    def blocked(self, practice_id, address):
        return (practice_id, address.lower()) in self._store.bounced

    def block(self, practice_id, address, email_id, kind, now):
        self._store.bounced.add((practice_id, address.lower()))

    def record(self, practice_id, client_id, cause, notice, reason, now):
        if all(entry[2] != cause for entry in self._store.withheld):
            self._store.withheld.append((practice_id, client_id, cause, notice, reason))


class FakeStore:
    """What a database would hold: emails and outbox events, as committed."""

    def __init__(self, clock):
        self.clock = clock
        self.emails = {}
        self.texts = {}
        self.events = []
        self.failing_commits = 0
        self.preferences = {}
        self.bounced = set()
        self.withheld = []

    def uow(self):
        return FakeUnitOfWork(self)

    def events_of(self, event_type):
        return [e for e in self.events if e.type == event_type]

    def only_email(self):
        (email,) = self.emails.values()
        return email


class FakeUnitOfWork:
    def __init__(self, store):
        self._store = store
        self.clock = store.clock

    def __enter__(self):
        self.emails = FakeEmails(self._store.emails)
        self.texts = FakeTexts(self._store.texts)
        self.preferences = self.bounced = self.withheld = FakeNotices(self._store)
        self._events = []
        return self

    def __exit__(self, *exc_info):
        self.emails.staged.clear()
        self.texts.staged.clear()
        self._events.clear()

    def publish(self, event_type, data, practice_id, version=1):
        check_produced(event_type, version, data)
        envelope = new_envelope(event_type, data, practice_id, self.clock, version)
        self._events.append(envelope)
        return envelope

    def commit(self):
        if self._store.failing_commits:
            self._store.failing_commits -= 1
            raise RuntimeError("the process died before the commit")
        self._store.emails.update(self.emails.staged)
        self._store.texts.update(self.texts.staged)
        self._store.events.extend(self._events)
        self.emails.staged.clear()
        self.texts.staged.clear()
        self._events.clear()


@pytest.fixture
def clock():
    return FixedClock(dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


@pytest.fixture
def store(clock):
    return FakeStore(clock)


@pytest.fixture
def delivery():
    return InvitationDelivery(
        to="ana.lima@example.com",
        recipient_name="Ana Lima",
        practice_name="Harbour & Pine Counselling",
        accept_url="https://portal.example/invitations/tok_9fK2mQ7xLp3Vb8Ns1cRz4Hd6Wy0Ea5Tu",
        expires_at=dt.datetime(2026, 1, 12, 17, 30, tzinfo=UTC),
    )


class FakeStaffDirectory:
    """Identity's staff list as the notifier asks for it: practices by id, members with their roles."""

    def __init__(self):
        self.practices = {}
        self.asked = []

    def add(self, practice_id, practice_name, *members):
        from messaging.service.forms_notifications import PracticeStaff, StaffMember

        self.practices[practice_id] = PracticeStaff(practice_name, tuple(StaffMember(*m) for m in members))

    def active_staff(self, practice_id, roles):
        from messaging.service.forms_notifications import PracticeStaff

        self.asked.append((practice_id, tuple(roles)))
        staff = self.practices.get(practice_id)
        if staff is None:
            return None
        return PracticeStaff(staff.practice_name, tuple(m for m in staff.members if m.role in roles))


@pytest.fixture
def staff_directory():
    return FakeStaffDirectory()


class FakeContacts:
    """Identity's answer about a client: None (no such client, or none set) unless a test adds one."""

    def __init__(self):
        self.clients = {}

    def contact(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))


@pytest.fixture
def contacts():
    return FakeContacts()
