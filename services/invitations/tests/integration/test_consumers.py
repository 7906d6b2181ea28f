"""The worker's consumers on a real RabbitMQ vhost: redelivered events have a single effect."""

import functools
import threading
import uuid

import pytest
from invitations import events, worker
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.clock import FixedClock
from portalkit.db import make_session_factory
from portalkit.events import new_envelope
from portalkit.inbox import INBOX
from portalkit.outbox import OutgoingMessage
from portalkit.testing import outbox_events
from sqlalchemy import select


@pytest.fixture
def consuming(amqp_url, engine, identity, app):
    """Run this service's consumers on the test vhost; yields the ids of the events each queue handled."""
    unit_of_work = functools.partial(InvitationsUnitOfWork, make_session_factory(engine), FixedClock())
    stop, handled = threading.Event(), {}
    threads = []
    wiring = app.extensions["invitations"]
    for queue, inbox in events.inboxes(unit_of_work, stop, identity=identity, mailing=wiring.mailing).items():
        handled[queue] = []
        counted = functools.partial(_handle_and_count, inbox.handle, handled[queue])
        consumer = EventConsumer(amqp_url, queue, inbox.event_types, counted)
        threads.append(threading.Thread(target=consumer.run, args=(stop,)))
        threads[-1].start()
        assert consumer.ready.wait(10)
    yield handled
    stop.set()
    for thread in threads:
        thread.join(timeout=10)


def _handle_and_count(handle, seen, envelope):
    handle(envelope)
    seen.append(envelope.id)


def deliver_twice(amqp_url, envelope):
    publisher = ConfirmingPublisher(amqp_url)
    try:
        publisher.publish_batch([OutgoingMessage.of(envelope)] * 2)
    finally:
        publisher.close()


@pytest.fixture
def sent_invitation(web, identity, signed_in, engine):
    client_id = identity.add_client()
    sent = web.post(f"/api/v1/staff/clients/{client_id}/invitations", json={}, headers=signed_in())
    event = next(e for e in outbox_events(engine, "invitations.invitation.sent") if e.data["client_id"] == client_id)
    return sent.json, event


def timeline(web, signed_in, client_id):
    return web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json


def test_an_account_created_event_delivered_twice_signs_the_client_up_once(
    consuming, amqp_url, sent_invitation, web, signed_in, engine, poll, clock
):
    invitation, _ = sent_invitation
    account_id = str(uuid.uuid4())
    data = {"account_id": account_id, "role": "client", "client_id": invitation["client_id"]}
    created = new_envelope("identity.account.created", {**data, "invitation_id": invitation["id"]}, "practice-1", clock)

    deliver_twice(amqp_url, created)

    poll(lambda: consuming[events.ACCOUNTS_QUEUE].count(created.id) == 2)
    status = timeline(web, signed_in, invitation["client_id"])
    assert (status["status"], status["account_id"]) == ("signed_up", account_id)
    assert [entry["status"] for entry in status["timeline"]] == ["invited", "signed_up"]
    accepted = [
        e for e in outbox_events(engine, "invitations.invitation.accepted") if e.data["account_id"] == account_id
    ]
    assert len(accepted) == 1


def test_email_reports_for_an_invitation_appear_once_in_its_timeline(
    consuming, amqp_url, sent_invitation, web, signed_in, poll, clock
):
    invitation, sent_event = sent_invitation
    report = {"email_id": str(uuid.uuid4()), "template": "invitation", "cause_event_id": sent_event.id, "attempts": 1}
    failed = new_envelope("messaging.email.failed", {**report, "reason": "mailbox full"}, "practice-1", clock)
    clock.advance(minutes=5)
    sent = new_envelope("messaging.email.sent", {**report, "attempts": 2}, "practice-1", clock)

    deliver_twice(amqp_url, failed)
    deliver_twice(amqp_url, sent)

    poll(lambda: len(consuming[events.DELIVERIES_QUEUE]) == 4)
    entries = timeline(web, signed_in, invitation["client_id"])["timeline"]
    assert [entry["status"] for entry in entries] == ["invited", "invitation email failed", "invitation email sent"]


def test_a_bounce_report_for_an_invitation_appears_once_in_its_timeline(
    consuming, amqp_url, sent_invitation, web, signed_in, poll, clock
):
    invitation, sent_event = sent_invitation
    report = {"email_id": str(uuid.uuid4()), "template": "invitation", "cause_event_id": sent_event.id, "attempts": 1}
    bounce = {"bounce_type": "hard", "reason": "the mailbox refused the email for good", "code": "5.1.1"}
    bounced = new_envelope("messaging.email.bounced", {**report, **bounce}, "practice-1", clock)

    deliver_twice(amqp_url, bounced)

    poll(lambda: len(consuming[events.DELIVERIES_QUEUE]) == 2)
    entries = timeline(web, signed_in, invitation["client_id"])["timeline"]
    assert [entry["status"] for entry in entries] == ["invited", "invitation email bounced"]


def test_the_worker_runs_the_relay_and_one_consumer_per_queue(settings):
    loops = worker.build_worker(settings).loops

    assert [name for name, _ in loops] == [
        "outbox-relay",
        events.ACCOUNTS_QUEUE,
        events.DELIVERIES_QUEUE,
        events.CLIENTS_QUEUE,
        events.TASKS_QUEUE,
        "scheduler",
    ]


def test_new_clients_delivered_twice_count_once_as_not_invited(consuming, amqp_url, web, signed_in, poll, clock):
    client_id = str(uuid.uuid4())
    created = new_envelope("identity.client.created", {"client_id": client_id}, "practice-consumers", clock)

    deliver_twice(amqp_url, created)

    poll(lambda: consuming[events.CLIENTS_QUEUE].count(created.id) == 2)
    listed = web.get("/api/v1/staff/portal-statuses?status=not_invited", headers=signed_in("practice-consumers")).json
    assert [item["client_id"] for item in listed["items"]] == [client_id]
    assert listed["counts"]["not_invited"] == 1


def test_account_changes_delivered_twice_show_once_with_their_actor(
    consuming, amqp_url, sent_invitation, web, signed_in, poll, clock
):
    invitation, _ = sent_invitation
    account = {"account_id": str(uuid.uuid4()), "client_id": invitation["client_id"]}
    verified = new_envelope("identity.account.verified", {**account, "actor_id": None}, "practice-1", clock)
    clock.advance(minutes=1)
    disabled = new_envelope("identity.account.disabled", {**account, "actor_id": "owner-1"}, "practice-1", clock)

    deliver_twice(amqp_url, verified)
    deliver_twice(amqp_url, disabled)

    poll(lambda: consuming[events.ACCOUNTS_QUEUE].count(disabled.id) == 2)
    status = timeline(web, signed_in, invitation["client_id"])
    assert status["status"] == "disabled"
    assert [(e["status"], e["actor"]) for e in status["timeline"]][1:] == [
        ("active", account["account_id"]),
        ("disabled", "owner-1"),
    ]


def test_a_task_assigned_twice_sends_one_automatic_invitation(
    consuming, amqp_url, identity, engine, web, signed_in, poll, clock
):
    client_id = identity.add_client()
    task = {"client_id": client_id, "task_kind": "form", "task_id": "form-1"}
    first = new_envelope("forms.task.assigned", task, "practice-1", clock)
    second = new_envelope("billing.task.assigned", {**task, "task_kind": "invoice"}, "practice-1", clock)

    deliver_twice(amqp_url, first)
    deliver_twice(amqp_url, second)

    poll(lambda: consuming[events.TASKS_QUEUE].count(second.id) == 2)
    sent = [e for e in outbox_events(engine, "invitations.invitation.sent") if e.data["client_id"] == client_id]
    assert len(sent) == 1
    (entry,) = timeline(web, signed_in, client_id)["timeline"]
    assert entry["actor"] == "system" and "a form was assigned (task form-1)" in entry["detail"]


def test_reports_on_other_emails_are_dropped_without_a_transaction(engine, clock):
    unit_of_work = functools.partial(InvitationsUnitOfWork, make_session_factory(engine), clock)
    deliveries = events.inboxes(unit_of_work)[events.DELIVERIES_QUEUE]
    report = {"email_id": str(uuid.uuid4()), "cause_event_id": str(uuid.uuid4()), "attempts": 1}
    message_notice = new_envelope("messaging.email.sent", {**report, "template": "new_message"}, "practice-1", clock)
    invitation = new_envelope("messaging.email.sent", {**report, "template": "invitation"}, "practice-1", clock)

    deliveries.handle(message_notice)
    deliveries.handle(invitation)

    with engine.connect() as connection:
        ours = INBOX.c.event_id.in_([message_notice.id, invitation.id])
        kept = connection.execute(select(INBOX.c.event_id).where(INBOX.c.consumer == events.DELIVERIES_QUEUE, ours))
        assert [row.event_id for row in kept] == [invitation.id]
