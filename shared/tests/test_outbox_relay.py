"""The outbox relay and the inbox consumer against the real RabbitMQ and real databases."""

import contextlib
import datetime as dt
import threading
import time
import uuid

import pika
import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.clock import FixedClock
from portalkit.db import UnitOfWork, make_session_factory
from portalkit.inbox import Inbox
from portalkit.outbox import OutboxRelay, OutgoingMessage, install_outbox_wakeup
from portalkit.testing import EFFECTS as effects
from portalkit.testing import FakeBroker, outbox_events
from sqlalchemy import func, insert, select

CLIENT = {"client_id": str(uuid.uuid4())}


def write_events(engine, count):
    clock = FixedClock()
    with UnitOfWork(make_session_factory(engine), clock) as uow:
        for _ in range(count):
            uow.publish("identity.client.created", {"client_id": str(uuid.uuid4())}, "practice-1")
        uow.commit()


def record_effect(uow, envelope):
    uow.session.execute(insert(effects).values(event_id=envelope.id))


def effect_count(engine):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(effects)).scalar_one()


def consume(amqp_url, engine, queue, expected, redeliver=()):
    stop = threading.Event()
    handlers = {"identity.client.created": record_effect}
    inbox = Inbox(queue, lambda: UnitOfWork(make_session_factory(engine), FixedClock()), handlers, stop)
    seen = []

    def handle(envelope):
        inbox.handle(envelope)
        seen.append(envelope.id)
        if len(seen) >= expected:
            stop.set()

    consumer = EventConsumer(amqp_url, queue, ["identity.client.created"], handle)
    thread = threading.Thread(target=consumer.run, args=(stop,))
    thread.start()
    consumer.ready.wait(10)
    return thread, seen


def test_every_written_event_is_published_once_and_marked_sent(engine, amqp_url):
    queue = f"test.relay.{uuid.uuid4().hex[:6]}"
    thread, seen = consume(amqp_url, engine, queue, expected=25)
    write_events(engine, 25)
    relay = OutboxRelay(engine, lambda: ConfirmingPublisher(amqp_url), FixedClock(), batch_size=10)

    published = sum(iter(relay.relay_once, 0))

    thread.join(timeout=20)
    assert published == 25
    assert relay.backlog() == 0
    assert sorted(seen) == sorted(e.id for e in outbox_events(engine))
    assert effect_count(engine) == 25


def test_a_redelivered_event_has_no_second_effect(engine, amqp_url):
    queue = f"test.dedupe.{uuid.uuid4().hex[:6]}"
    write_events(engine, 3)
    envelopes = outbox_events(engine)
    thread, seen = consume(amqp_url, engine, queue, expected=6)
    publisher = ConfirmingPublisher(amqp_url)

    messages = [OutgoingMessage.of(envelope) for envelope in envelopes]
    publisher.publish_batch(messages)
    publisher.publish_batch(messages)

    thread.join(timeout=20)
    publisher.close()
    assert len(seen) == 6
    assert effect_count(engine) == 3


def test_a_poison_message_goes_to_the_dead_letter_queue_and_the_queue_moves_on(engine, amqp_url):
    queue = f"test.poison.{uuid.uuid4().hex[:6]}"
    thread, _ = consume(amqp_url, engine, queue, expected=1)
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.basic_publish("identity", "identity.client.created", b"not an envelope")
    write_events(engine, 1)
    OutboxRelay(engine, lambda: ConfirmingPublisher(amqp_url), FixedClock()).relay_once()

    thread.join(timeout=20)
    dead = channel.basic_get(f"{queue}.dlq", auto_ack=True)
    connection.close()
    assert dead[2] == b"not an envelope"
    assert effect_count(engine) == 1


def test_published_events_older_than_the_retention_are_deleted_and_unpublished_ones_kept(engine):
    clock = FixedClock()
    write_events(engine, 3)
    relay = OutboxRelay(engine, FakeBroker().publisher, clock, batch_size=2)
    relay.relay_once()

    clock.advance(days=8)
    purged = relay.purge_published(older_than=dt.timedelta(days=7))

    assert purged == 2
    assert relay.backlog() == 1
    assert len(outbox_events(engine)) == 1


def install_wakeup(engine):
    with engine.begin() as connection:
        install_outbox_wakeup(Operations(MigrationContext.configure(connection)))


@contextlib.contextmanager
def relay_in_background(engine, idle_wait):
    stop = threading.Event()
    relay = OutboxRelay(engine, FakeBroker().publisher, FixedClock())
    thread = threading.Thread(target=relay.run, args=(stop,), kwargs={"idle_wait": idle_wait, "woken_wait": 60.0})
    thread.start()
    try:
        yield relay
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def wait_until_published(relay, within_s):
    deadline = time.monotonic() + within_s
    while relay.backlog() and time.monotonic() < deadline:
        time.sleep(0.02)
    return relay.backlog() == 0


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)  # SQLite has no NOTIFY: it polls (next test)
def test_on_postgresql_a_commit_wakes_the_idle_relay_at_once(engine):
    install_wakeup(engine)
    with relay_in_background(engine, idle_wait=60.0) as relay:
        time.sleep(0.5)  # the relay has looked once and now waits (a minute, were it not woken)
        for _ in range(3):
            write_events(engine, 2)
            assert wait_until_published(relay, within_s=5.0)


def test_without_the_wakeup_trigger_the_relay_polls(engine):
    with relay_in_background(engine, idle_wait=0.1) as relay:
        time.sleep(0.3)
        write_events(engine, 2)
        assert wait_until_published(relay, within_s=5.0)
