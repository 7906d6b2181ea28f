"""Scheduling's request events: a client's request to reschedule or cancel tells the appointment's
clinician and the staff who answer requests (admins, front desk; the owners when no one else), and
staff's answer tells the client. Only the kind and the answer: no client, time, reason or message.
A redelivered event sends nothing twice."""

import dataclasses
import uuid

import pytest
from messaging.domain.notice_preferences import NoticePreference
from messaging.events import REQUEST_ANSWERED, REQUEST_CREATED, scheduling_request_handlers
from messaging.service.client_notices import ClientContact
from portalkit.broker import PoisonMessage
from portalkit.events import new_envelope

PRACTICE = "practice-harbour"
CLIENT = str(uuid.uuid4())
APPOINTMENT = str(uuid.uuid4())


ROBIN = ClientContact(
    "robin.hale@example.com", "Robin Hale", "Harbour & Pine Counselling", True, None, "acc-robin", True
)


class FakeContacts:
    def __init__(self):
        self.clients = {(PRACTICE, CLIENT): ROBIN}

    def contact(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))


@pytest.fixture
def clients():
    return FakeContacts()


@pytest.fixture
def handle(store, staff_directory, clients):
    handlers = scheduling_request_handlers(staff_directory, clients, "https://portal.example/")

    def run(envelope):
        with store.uow() as uow:
            handlers[envelope.type](uow, envelope)
            uow.commit()

    return run


def created(clock, kind="reschedule", clinician="acc-ana", practice=PRACTICE):
    data = {
        "request_id": str(uuid.uuid4()),
        "appointment_id": APPOINTMENT,
        "client_id": CLIENT,
        "clinician_id": clinician,
        "kind": kind,
    }
    return new_envelope(REQUEST_CREATED, data, practice, clock)


def answered(clock, kind="cancel", status="declined"):
    data = {"request_id": str(uuid.uuid4()), "appointment_id": APPOINTMENT, "client_id": CLIENT, "kind": kind}
    return new_envelope(REQUEST_ANSWERED, data | {"status": status}, PRACTICE, clock)


@pytest.fixture
def harbour(staff_directory):
    staff_directory.add(
        PRACTICE,
        "Harbour & Pine Counselling",
        ("acc-owner", "lead@harbour.test", "owner"),
        ("acc-ana", "ana@harbour.test", "clinician"),
        ("acc-sam", "sam@harbour.test", "clinician"),
        ("acc-desk", "desk@harbour.test", "front_desk"),
    )


@pytest.mark.usefixtures("harbour")
def test_a_request_tells_the_appointments_clinician_and_the_front_desk_once(store, handle, clock):
    request = created(clock)

    handle(request)
    handle(request)

    emails = sorted(store.emails.values(), key=lambda e: e.recipient)
    assert [e.recipient for e in emails] == ["ana@harbour.test", "desk@harbour.test"]
    for email in emails:
        assert (email.template, email.subject) == ("appointment_request", "A client asked to reschedule an appointment")
        assert "https://portal.example/staff/appointments" in email.text_body
        assert CLIENT not in email.text_body + email.html_body and APPOINTMENT not in email.text_body


def test_with_no_one_else_to_answer_the_owners_are_told(store, handle, staff_directory, clock):
    staff_directory.add(
        PRACTICE, "Solo Practice", ("acc-owner", "me@solo.test", "owner"), ("acc-left", "gone@solo.test", "billing")
    )

    handle(created(clock, kind="cancel", clinician="acc-no-longer-here"))

    [email] = store.emails.values()
    assert email.recipient == "me@solo.test" and email.subject == "A client asked to cancel an appointment"


@pytest.mark.parametrize(
    ("kind", "status", "line"),
    [
        ("reschedule", "approved", "Your appointment was moved to a new time."),
        ("cancel", "approved", "Your appointment was cancelled as you asked."),
        ("cancel", "declined", "Harbour & Pine Counselling could not cancel your appointment as you asked."),
    ],
)
def test_an_answer_tells_the_client_to_look_in_the_portal(store, handle, clock, kind, status, line):
    answer = answered(clock, kind, status)

    handle(answer)
    handle(answer)

    [email] = store.emails.values()
    assert email.recipient == "robin.hale@example.com"
    assert email.subject == "Harbour & Pine Counselling replied to your request"
    assert line in email.text_body and "Robin" in email.text_body
    assert "https://portal.example/appointments" in email.text_body


def test_a_client_without_an_address_or_unknown_gets_no_email(store, handle, clients, clock):
    clients.clients[(PRACTICE, CLIENT)] = dataclasses.replace(ROBIN, email=None)
    handle(answered(clock))
    clients.clients.clear()
    handle(answered(clock))

    assert store.emails == {}


def test_the_answer_goes_as_the_client_chose_and_only_with_consent(store, handle, clients, clock):
    store.preferences[(PRACTICE, "acc-robin")] = NoticePreference.choose("sms", "+15555550123", clock.now()).confirmed(
        clock.now()
    )
    handle(answered(clock, "cancel", "approved"))
    clients.clients[(PRACTICE, CLIENT)] = dataclasses.replace(ROBIN, notices_consented=False)
    handle(answered(clock))

    assert store.emails == {}
    (text,) = store.texts.values()
    assert text.body.startswith("Harbour & Pine Counselling replied to your appointment request.")
    assert "cancelled" not in text.body and APPOINTMENT not in text.body
    assert [(w[1], w[4]) for w in store.withheld] == [(CLIENT, "no consent to electronic notices")]


def test_events_that_can_never_be_emailed_are_poison(handle, clock, harbour):
    with pytest.raises(PoisonMessage):
        handle(created(clock, practice="practice-nobody-knows"))
    with pytest.raises(PoisonMessage):
        handle(created(clock, kind="swap"))
