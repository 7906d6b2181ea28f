"""The thread use cases on an in-memory unit of work: tenancy (another practice, another client: not
found), nothing kept or published when input is refused, an automatic reply only outside business
hours and once until staff answer, events with ids only."""

import copy
import dataclasses
import datetime as dt
import uuid

import pytest
from messaging.domain.business_hours import BusinessHours, Window
from messaging.domain.threads import Side
from messaging.service import threads
from messaging.service.inbox_filters import InboxFilter
from messaging.service.threads import Party
from portalkit.clock import UTC, FixedClock
from portalkit.errors import Problem, ValidationProblem
from portalkit.event_schemas import check_produced


@dataclasses.dataclass
class Summary:
    thread: object
    unread: int


class FakeThreadStore:
    def __init__(self, clock):
        self.clock = clock
        self.threads, self.messages, self.audit, self.hours, self.events = {}, {}, [], {}, []

    def uow(self):
        return FakeThreadUow(self)


class FakeThreadUow:
    """Reads see what this unit staged; only a commit makes it the store's."""

    def __init__(self, store):
        self._store = store
        self.clock = store.clock

    def __enter__(self):
        self._staged = copy.deepcopy((self._store.threads, self._store.messages, self._store.audit))
        self._events = []
        self.threads, self.messages, self.audit = self, self, self
        self.business_hours = self
        self.attachments = NoAttachments()
        return self

    def __exit__(self, *exc_info):
        pass

    # threads
    def add(self, item):
        table = self._staged[0] if hasattr(item, "subject") else self._staged[1]
        table[item.id] = copy.deepcopy(item)

    save = add

    def get(self, practice_id, thread_id, message_id=None, lock=False):
        if message_id is None:
            found = self._staged[0].get(thread_id)
        else:
            found = self._staged[1].get(message_id)
            found = found if found and found.thread_id == thread_id else None
        return copy.deepcopy(found) if found and found.practice_id == practice_id else None

    def inbox(self, practice_id, wanted, limit):
        found = [t for t in self._staged[0].values() if t.practice_id == practice_id]
        return [Summary(t, 0) for t in found if (wanted.client_id in (None, t.client_id))]

    # messages
    def of_thread(self, practice_id, thread_id):
        found = [m for m in self._staged[1].values() if m.practice_id == practice_id and m.thread_id == thread_id]
        return sorted(copy.deepcopy(found), key=lambda m: m.sent_at)

    def auto_replied_since_staff(self, practice_id, thread_id):
        others = [m for m in self.of_thread(practice_id, thread_id) if m.sender_side is not Side.CLIENT]
        return bool(others) and others[-1].sender_side is Side.PRACTICE

    # audit, hours
    def retracted(self, message, actor_id, original_body):
        self._staged[2].append((message.id, actor_id, original_body))

    def of(self, practice_id):
        return self._store.hours.get(practice_id)

    def publish(self, event_type, data, practice_id, version=1):
        check_produced(event_type, version, data)
        self._events.append((event_type, data))

    def commit(self):
        self._store.threads, self._store.messages, self._store.audit = self._staged
        self._store.events.extend(self._events)


class NoAttachments:
    def of_thread(self, practice_id, thread_id):
        return []


class FakeDirectory:
    def __init__(self):
        self.clients = set()
        self.staff = {}

    def client_exists(self, practice_id, client_id):
        return (practice_id, client_id) in self.clients

    def staff_ids(self, practice_id, roles):
        return set(self.staff.get(practice_id, ()))


@pytest.fixture
def clock():
    return FixedClock(dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC))  # Monday, 04:00 in New York


@pytest.fixture
def store(clock):
    return FakeThreadStore(clock)


@pytest.fixture
def directory():
    return FakeDirectory()


def client(practice_id="practice-a"):
    return Party(practice_id, str(uuid.uuid4()), Side.CLIENT, str(uuid.uuid4()))


def staff(directory, practice_id="practice-a"):
    party = Party(practice_id, str(uuid.uuid4()), Side.STAFF)
    directory.staff.setdefault(practice_id, set()).add(party.account_id)
    return party


def start(store, directory, who, text="Hello"):
    return threads.start_thread(store.uow(), directory, who, client_id=who.client_id, subject="Hi", text=text)


def test_another_client_and_another_practice_find_no_thread(store, directory):
    ana = client()
    opened = start(store, directory, ana)
    for stranger in (client(), staff(directory, "practice-b"), client("practice-b")):
        with pytest.raises(Problem) as refused:
            threads.open_thread(store.uow(), stranger, opened.thread.id)
        assert refused.value.status == 404
    assert threads.open_thread(store.uow(), staff(directory), opened.thread.id).thread.id == opened.thread.id


def test_refused_input_keeps_and_publishes_nothing(store, directory):
    with pytest.raises(ValidationProblem):
        start(store, directory, client(), text=" \u200b ")
    with pytest.raises(ValidationProblem):
        threads.start_thread(
            store.uow(), directory, client(), client_id="c", subject="Hi", text="x", clinician_id="nobody"
        )
    assert (store.threads, store.messages, store.events) == ({}, {}, [])


def test_staff_cannot_start_a_thread_with_someone_elses_client(store, directory):
    with pytest.raises(Problem) as refused:
        threads.start_thread(store.uow(), directory, staff(directory), client_id="not-ours", subject="Hi", text="Hello")
    assert refused.value.status == 404


def test_the_events_name_ids_only(store, directory):
    start(store, directory, client(), text="the private words")

    assert [event_type for event_type, _ in store.events] == ["messaging.thread.started", "messaging.message.sent"]
    assert "private" not in str(store.events)


def test_outside_hours_the_reply_comes_once_until_staff_answer(store, directory, clock):
    weekdays = tuple(Window(day, dt.time(9), dt.time(17)) for day in range(5))
    store.hours["practice-a"] = BusinessHours("practice-a", "America/New_York", weekdays, "Call 911 in an emergency.")
    ana, dana = client(), staff(directory)
    opened = start(store, directory, ana)
    clock.advance(minutes=1)
    threads.write(store.uow(), ana, opened.thread.id, "Again")
    clock.advance(minutes=1)
    threads.write(store.uow(), dana, opened.thread.id, "Here")
    clock.advance(hours=6)  # 10:02 in New York: open
    threads.write(store.uow(), ana, opened.thread.id, "Thanks")

    sides = [m.sender_side.value for m in threads.open_thread(store.uow(), ana, opened.thread.id).messages]
    assert sides == ["client", "practice", "client", "staff", "client"]


def test_a_retraction_keeps_the_text_only_in_the_audit(store, directory):
    ana = client()
    opened = start(store, directory, ana, text="oops")

    threads.retract(store.uow(), ana, opened.thread.id, opened.messages[0].id)

    (message,) = threads.open_thread(store.uow(), ana, opened.thread.id).messages
    assert (message.body, store.audit) == (None, [(message.id, ana.account_id, "oops")])


def test_the_inbox_is_the_callers_practice_only(store, directory):
    start(store, directory, client())
    start(store, directory, client("practice-b"))

    found = threads.inbox(store.uow(), staff(directory), InboxFilter())

    assert [s.thread.practice_id for s in found] == ["practice-a"]
