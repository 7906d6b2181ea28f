"""invitation.sent through real RabbitMQ into a real database, and out as one email."""

import threading
import time

import pika
import pytest
from messaging.adapters.mail import FakeMailer, FileMailbox
from messaging.adapters.orm import outbound_emails
from messaging.events import NOTIFICATIONS_QUEUE, notification_handlers
from messaging.service.sending import SendingPolicy, send_due_emails
from messaging.worker import build_worker, notifications_inbox
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.events import Envelope
from portalkit.outbox import OutgoingMessage
from portalkit.sealed import Sealer
from portalkit.testing import outbox_events
from sqlalchemy import func, select

POLICY = SendingPolicy(sender="Client portal <no-reply@portal.example>")


def wait_for(find, timeout=15.0):
    """Poll `find` until it returns something, with a deadline."""
    deadline = time.monotonic() + timeout
    while (found := find()) is None:
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.05)
    return found


def publish(amqp_url, *envelopes):
    publisher = ConfirmingPublisher(amqp_url)
    try:
        publisher.publish_batch([OutgoingMessage.of(envelope) for envelope in envelopes])
    finally:
        publisher.close()


def email_count(engine):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(outbound_emails)).scalar_one()


def test_the_same_invitation_delivered_twice_makes_one_file_and_one_sent_event(
    settings, engine, uow_factory, invitation_sent, background, tmp_path
):
    inbox = notifications_inbox(settings, uow_factory, background.stop)
    handled = []

    def handle(envelope):
        inbox.handle(envelope)
        handled.append(envelope.id)

    consumer = EventConsumer(settings.amqp_url, NOTIFICATIONS_QUEUE, inbox.event_types, handle)
    background.start(consumer.run)
    assert consumer.ready.wait(10)
    event = invitation_sent()

    publish(settings.amqp_url, event)
    publish(settings.amqp_url, event)
    wait_for(lambda: True if len(handled) == 2 else None)
    mailbox = FileMailbox(tmp_path / "mail")
    send_due_emails(uow_factory, mailbox, POLICY)
    send_due_emails(uow_factory, mailbox, POLICY)

    assert email_count(engine) == 1
    (file,) = (tmp_path / "mail").iterdir()
    (sent,) = outbox_events(engine, "messaging.email.sent")
    assert sent.data["cause_event_id"] == event.id
    assert file.name == f"{sent.data['email_id']}.eml"
    assert "Harbour & Pine Counselling" in file.read_text()


def test_the_worker_turns_an_invitation_into_a_mail_file_and_a_published_sent_event(
    settings, engine, clock, invitation_sent, background, tmp_path
):
    watcher = pika.BlockingConnection(pika.URLParameters(settings.amqp_url))
    channel = watcher.channel()
    channel.exchange_declare("messaging", exchange_type="topic", durable=True)
    watch_queue = channel.queue_declare(queue="", exclusive=True).method.queue
    channel.queue_bind(watch_queue, "messaging", routing_key="messaging.email.*")
    background.start(*(loop for _name, loop in build_worker(settings, engine, clock).loops))
    event = invitation_sent(token="tok_worker")

    publish(settings.amqp_url, event)
    body = wait_for(lambda: channel.basic_get(watch_queue, auto_ack=True)[2])
    watcher.close()

    published = Envelope.from_json(body)
    assert published.type == "messaging.email.sent"
    assert published.data["cause_event_id"] == event.id
    (file,) = (tmp_path / "mail").iterdir()
    assert file.name == f"{published.data['email_id']}.eml"
    assert "tok_worker" in file.read_text()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_senders_at_once_send_different_emails_and_each_once(settings, uow_factory, invitation_sent):
    handlers = notification_handlers(Sealer(settings.sealed_payload_key))
    for event in (invitation_sent(), invitation_sent()):
        with uow_factory() as uow:
            handlers[event.type](uow, event)
            uow.commit()
    both_sending = threading.Barrier(2, timeout=10)

    class MailerWaitingForTheOtherSender(FakeMailer):
        def send(self, message):
            both_sending.wait()  # passes only while the other sender holds a different email
            super().send(message)

    mailer = MailerWaitingForTheOtherSender()
    one_each = SendingPolicy(sender=POLICY.sender, batch_size=1)
    senders = [threading.Thread(target=send_due_emails, args=(uow_factory, mailer, one_each)) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=20)

    assert not both_sending.broken
    assert len({message["Message-ID"] for message in mailer.sent}) == len(mailer.sent) == 2
