"""Scheduling's request events through real RabbitMQ into a real database, the staff list and the
client's address read over HTTP from an identity stand-in (werkzeug) through the real adapters, and
out as mail files: the front desk and the clinician hear of a request, the client of the answer."""

import json
import threading
import uuid

import pytest
from messaging.adapters.identity import IdentityPracticeDirectory, IdentityStaffDirectory
from messaging.adapters.mail import FileMailbox
from messaging.events import SCHEDULING_REQUESTS_QUEUE
from messaging.service.sending import SendingPolicy, send_due_emails
from messaging.worker import scheduling_requests_inbox
from portalkit.clock import FixedClock
from portalkit.events import new_envelope
from portalkit.http import InternalClient
from portalkit.testing import outbox_events
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

PRACTICE = "practice-a"
CLIENT = str(uuid.uuid4())
POLICY = SendingPolicy(sender="Client portal <no-reply@portal.example>")
STAFF = [
    {"account_id": "acc-ana", "email": "ana@harbour.test", "role": "clinician"},
    {"account_id": "acc-desk", "email": "desk@harbour.test", "role": "front_desk"},
]
PRACTICE_NAME = {"id": PRACTICE, "name": "Harbour & Pine Counselling"}


class FakeIdentity:
    """Identity's internal staff list and client profile for one practice, behind the internal token."""

    def __init__(self):
        self._server = make_server("127.0.0.1", 0, self._app)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _app(self, environ, start_response):
        request = Request(environ)
        body, status = self._answer(request.path), 200
        if body is None or request.headers.get("X-Internal-Token") != "internal-secret":
            body, status = {}, 404
        return Response(json.dumps(body), status=status, content_type="application/json")(environ, start_response)

    @staticmethod
    def _answer(path):
        if path == f"/internal/practices/{PRACTICE}/staff":
            return {"practice": PRACTICE_NAME, "items": STAFF}
        if path == f"/internal/practices/{PRACTICE}/clients/{CLIENT}":
            emails = [
                {"address": "old@example.com", "is_default": False},
                {"address": "robin@example.com", "is_default": True},
            ]
            account = {"id": "acc-robin", "status": "active", "electronic_notices": True}
            return {
                "id": CLIENT,
                "first_name": "Robin",
                "emails": emails,
                "practice": PRACTICE_NAME,
                "account": account,
            }
        return None

    def close(self):
        self._server.shutdown()
        self._thread.join(5)


@pytest.fixture
def identity():
    running = FakeIdentity()
    yield running
    running.close()


@pytest.fixture
def consumed(settings, uow_factory, background, identity, run_inbox):
    http = InternalClient(identity.url, "internal-secret", retries=0)
    inbox = scheduling_requests_inbox(
        settings, uow_factory, background.stop, IdentityStaffDirectory(http), IdentityPracticeDirectory(http)
    )
    return run_inbox(inbox, SCHEDULING_REQUESTS_QUEUE)


def wait_for(check, timeout=15.0):
    gave_up = threading.Event()
    timer = threading.Timer(timeout, gave_up.set)
    timer.start()
    try:
        while not check():
            assert not gave_up.wait(0.05), "gave up waiting"
    finally:
        timer.cancel()


def sent_mail(uow_factory, tmp_path):
    while send_due_emails(uow_factory, FileMailbox(tmp_path / "mail"), POLICY):
        pass
    folder = tmp_path / "mail"
    return [path.read_text() for path in sorted(folder.iterdir())] if folder.exists() else []


def test_a_request_and_its_answer_each_delivered_twice_mail_staff_then_the_client_once(
    engine, uow_factory, consumed, publish_events, tmp_path
):
    ids = {"request_id": str(uuid.uuid4()), "appointment_id": str(uuid.uuid4()), "client_id": CLIENT, "kind": "cancel"}
    asked = new_envelope("scheduling.request.created", ids | {"clinician_id": "acc-ana"}, PRACTICE, FixedClock())
    answer = new_envelope("scheduling.request.answered", ids | {"status": "approved"}, PRACTICE, FixedClock())

    publish_events(asked, asked, answer, answer)
    wait_for(lambda: len(consumed) == 4)
    mails = sent_mail(uow_factory, tmp_path)

    to_staff = [m for m in mails if "Subject: A client asked to cancel an appointment" in m]
    to_client = [m for m in mails if "Subject: Harbour & Pine Counselling replied to your request" in m]
    assert len(mails) == 3 and len(to_staff) == 2 and len(to_client) == 1
    assert {next(line for line in m.splitlines() if line.startswith("To: ")) for m in to_staff} == {
        "To: ana@harbour.test",
        "To: desk@harbour.test",
    }
    assert "To: robin@example.com" in to_client[0] and "cancelled as you asked" in to_client[0]
    assert all(CLIENT not in m and ids["appointment_id"] not in m for m in mails)
    assert len(outbox_events(engine, "messaging.email.sent")) == 3
