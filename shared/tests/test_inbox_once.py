"""An event takes effect once however often it is delivered, also when two deliveries of it are
handled at the same moment; a failed handling leaves no record, so the next delivery does it."""

import threading
import time
import uuid

import pytest
from portalkit.clock import FixedClock
from portalkit.db import UnitOfWork, make_session_factory
from portalkit.events import new_envelope
from portalkit.inbox import INBOX, Inbox
from portalkit.testing import EFFECTS as effects
from sqlalchemy import func, insert, select


def counted(engine, table):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def inbox_for(engine, handler):
    uow_factory = lambda: UnitOfWork(make_session_factory(engine), FixedClock())  # noqa: E731
    return Inbox("test.once", uow_factory, {"identity.client.created": handler})


def an_event():
    return new_envelope("identity.client.created", {"client_id": str(uuid.uuid4())}, "practice-1", FixedClock())


def test_a_redelivered_event_takes_effect_once(engine):
    calls = []

    def handler(uow, envelope):
        calls.append(envelope.id)
        uow.session.execute(insert(effects).values(event_id=envelope.id))

    inbox, event = inbox_for(engine, handler), an_event()
    inbox.handle(event)
    inbox.handle(event)

    assert calls == [event.id]
    assert counted(engine, effects) == counted(engine, INBOX) == 1


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_deliveries_at_once_take_effect_once_and_neither_fails(engine):
    """The second delivery waits on the first one's inbox row, then finds it handled."""
    calls, errors = [], []

    def slow_handler(uow, envelope):
        calls.append(envelope.id)
        time.sleep(0.5)  # the other delivery arrives meanwhile
        uow.session.execute(insert(effects).values(event_id=envelope.id))

    inbox, event = inbox_for(engine, slow_handler), an_event()

    def deliver():
        try:
            inbox.handle(event)
        except Exception as error:  # reported below
            errors.append(error)

    first, second = threading.Thread(target=deliver), threading.Thread(target=deliver)
    first.start()
    time.sleep(0.1)
    second.start()
    first.join(10)
    second.join(10)

    assert errors == []
    assert calls == [event.id]
    assert counted(engine, effects) == 1


def test_a_failed_handling_is_not_recorded_and_the_next_delivery_does_it(engine):
    attempts = []

    def fails_once(uow, envelope):
        attempts.append(envelope.id)
        uow.session.execute(insert(effects).values(event_id=envelope.id))
        if len(attempts) == 1:
            raise RuntimeError("the handler broke")

    inbox, event = inbox_for(engine, fails_once), an_event()
    with pytest.raises(RuntimeError):
        inbox.handle(event)
    inbox.handle(event)

    assert len(attempts) == 2
    assert counted(engine, effects) == counted(engine, INBOX) == 1
