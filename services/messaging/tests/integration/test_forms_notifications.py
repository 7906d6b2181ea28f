"""The forms service's events through real RabbitMQ into a real database, the staff list read over
HTTP from an identity stand-in (werkzeug) through the real adapter, and out as mail files."""

import json
import threading
import time
import uuid

import pytest
from messaging.adapters.identity import IdentityStaffDirectory
from messaging.adapters.mail import FileMailbox
from messaging.adapters.orm import outbound_emails
from messaging.events import FORMS_NOTIFICATIONS_QUEUE
from messaging.service.sending import SendingPolicy, send_due_emails
from messaging.worker import forms_notifications_inbox
from portalkit.broker import ConfirmingPublisher, EventConsumer
from portalkit.clock import FixedClock
from portalkit.errors import Problem
from portalkit.events import new_envelope
from portalkit.http import InternalClient
from portalkit.outbox import OutgoingMessage
from portalkit.sealed import Sealer
from portalkit.testing import outbox_events
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

PRACTICE = "practice-a"
POLICY = SendingPolicy(sender="Client portal <no-reply@portal.example>")
STAFF = [
    {"account_id": "acc-owner", "email": "lead@harbour.test", "role": "owner"},
    {"account_id": "acc-ana", "email": "ana@harbour.test", "role": "clinician"},
]


class FakeIdentity:
    """Identity's internal staff list: checks the token, answers one practice, records the roles asked."""

    def __init__(self):
        self.asked = []
        self.status = 200
        self._server = make_server("127.0.0.1", 0, self._app)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _app(self, environ, start_response):
        request = Request(environ)
        self.asked.append((request.path, request.args.getlist("role"), request.headers.get("X-Internal-Token")))
        if request.path != f"/internal/practices/{PRACTICE}/staff":
            return Response("{}", status=404)(environ, start_response)
        body = {"practice": {"id": PRACTICE, "name": "Harbour & Pine Counselling"}, "items": STAFF}
        return Response(json.dumps(body), status=self.status, content_type="application/json")(environ, start_response)

    def close(self):
        self._server.shutdown()
        self._thread.join(5)


@pytest.fixture
def identity():
    running = FakeIdentity()
    yield running
    running.close()


@pytest.fixture
def directory(identity):
    return IdentityStaffDirectory(InternalClient(identity.url, "internal-secret", retries=0))


def test_the_adapter_asks_for_the_roles_with_the_internal_token(directory, identity):
    staff = directory.active_staff(PRACTICE, ("owner", "admin", "clinician"))

    assert staff.practice_name == "Harbour & Pine Counselling"
    assert [(m.account_id, m.email, m.role) for m in staff.members] == [
        ("acc-owner", "lead@harbour.test", "owner"),
        ("acc-ana", "ana@harbour.test", "clinician"),
    ]
    assert identity.asked == [
        (f"/internal/practices/{PRACTICE}/staff", ["owner", "admin", "clinician"], "internal-secret")
    ]
    assert directory.active_staff("practice-unknown", ("owner",)) is None


def test_identity_failing_is_an_error_to_retry_not_an_empty_list(directory, identity):
    identity.status = 500

    with pytest.raises(Problem):
        directory.active_staff(PRACTICE, ("owner",))


class NoClients:
    def contact(self, practice_id, client_id):
        return None


def wait_for(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.05)


def consume(settings, uow_factory, background, directory):
    # No client is known to this identity: reminders go as the event asks (clients without a portal account).
    inbox = forms_notifications_inbox(settings, uow_factory, background.stop, directory, NoClients())
    handled = []

    def handle(envelope):
        inbox.handle(envelope)
        handled.append(envelope.id)

    consumer = EventConsumer(settings.amqp_url, FORMS_NOTIFICATIONS_QUEUE, inbox.event_types, handle)
    background.start(consumer.run)
    assert consumer.ready.wait(10)
    return handled


def publish(amqp_url, *envelopes):
    publisher = ConfirmingPublisher(amqp_url)
    try:
        publisher.publish_batch([OutgoingMessage.of(envelope) for envelope in envelopes])
    finally:
        publisher.close()


def mail_files(tmp_path):
    return sorted((tmp_path / "mail").iterdir()) if (tmp_path / "mail").exists() else []


def send_all(uow_factory, tmp_path):
    while send_due_emails(uow_factory, FileMailbox(tmp_path / "mail"), POLICY):
        pass


def test_a_risk_flag_delivered_twice_mails_each_staff_member_once(
    settings, engine, uow_factory, background, directory, tmp_path
):
    handled = consume(settings, uow_factory, background, directory)
    assignment_id, client_id = str(uuid.uuid4()), str(uuid.uuid4())
    flag = new_envelope(
        "forms.assessment.risk_flagged",
        {"assignment_id": assignment_id, "client_id": client_id},
        PRACTICE,
        FixedClock(),
    )

    publish(settings.amqp_url, flag)
    publish(settings.amqp_url, flag)
    wait_for(lambda: len(handled) == 2)
    send_all(uow_factory, tmp_path)

    with engine.connect() as connection:
        recipients = sorted(connection.execute(select(outbound_emails.c.recipient)).scalars())
    assert recipients == ["ana@harbour.test", "lead@harbour.test"]
    files = [path.read_text() for path in mail_files(tmp_path)]
    assert len(files) == 2
    for text in files:
        assert "Subject: An assessment needs your attention" in text
        assert f"http://127.0.0.1:8080/staff/assignments/{assignment_id}" in text
        assert client_id not in text
    assert len(outbox_events(engine, "messaging.email.sent")) == 2


def test_a_reminder_reaches_the_client_once_with_the_date_and_the_tasks_link(
    settings, engine, uow_factory, background, directory, tmp_path
):
    handled = consume(settings, uow_factory, background, directory)
    details = {
        "to": "robin.hale@example.com",
        "recipient_name": "Robin Hale",
        "practice_name": "Harbour & Pine Counselling",
        "tasks_url": "https://portal.example/dashboard",
        "due_on": "2026-01-09",
    }
    data = {
        "assignment_id": str(uuid.uuid4()),
        "client_id": str(uuid.uuid4()),
        "due_on": "2026-01-09",
        "delivery": Sealer(settings.sealed_payload_key).seal(details),
    }
    reminder = new_envelope("forms.assignment.reminder_requested", data, PRACTICE, FixedClock())

    publish(settings.amqp_url, reminder)
    publish(settings.amqp_url, reminder)
    wait_for(lambda: len(handled) == 2)
    send_all(uow_factory, tmp_path)

    (mail,) = [path.read_text() for path in mail_files(tmp_path)]
    assert "Subject: You have something to complete for Harbour & Pine Counselling" in mail
    assert "Friday 9 January 2026" in mail
    assert "https://portal.example/dashboard" in mail
    (sent,) = outbox_events(engine, "messaging.email.sent")
    assert sent.data["cause_event_id"] == reminder.id
