"""Scheduling's appointment reminders: an email and / or a text to the client with the time and a link
to the portal, nothing about what the appointment is for; a redelivered event sends nothing twice; a
delivery that makes nothing safe is poison that names no one."""

import uuid

import pytest
from messaging.domain.notice_preferences import NoticePreference
from messaging.events import APPOINTMENT_REMINDER_REQUESTED, scheduling_notification_handlers
from messaging.service.client_notices import ClientContact
from portalkit.broker import PoisonMessage
from portalkit.events import new_envelope
from portalkit.sealed import Sealer, new_key

PRACTICE = "practice-harbour"


@pytest.fixture
def sealer():
    return Sealer(new_key())


@pytest.fixture
def handle(store, sealer, contacts):
    handlers = scheduling_notification_handlers(sealer, contacts)

    def run(envelope):
        with store.uow() as uow:
            handlers[envelope.type](uow, envelope)
            uow.commit()

    return run


def reminder(sealer, clock, client_id=None, **changes):
    sealed = {
        "email": "robin.hale@example.com",
        "phone": None,
        "recipient_name": "Robin",
        "practice_name": "Harbour & Pine Counselling",
        "when": "Friday 6 March at 10:00 (EST)",
        "appointments_url": "https://portal.example/appointments",
        **changes,
    }
    data = {
        "appointment_id": str(uuid.uuid4()),
        "client_id": client_id or str(uuid.uuid4()),
        "starts_at": "2026-03-06T15:00:00Z",
        "lead_hours": 48,
        "delivery": sealer.seal(sealed),
    }
    return new_envelope(APPOINTMENT_REMINDER_REQUESTED, data, PRACTICE, clock)


def test_an_email_reminder_gives_the_time_and_the_link(store, handle, sealer, clock):
    handle(reminder(sealer, clock))

    email = store.only_email()
    assert (email.template, email.recipient) == ("appointment_reminder", "robin.hale@example.com")
    assert email.subject == "Your appointment with Harbour & Pine Counselling on Friday 6 March at 10:00 (EST)"
    assert email.text_body.startswith("Hello Robin,")
    assert 'href="https://portal.example/appointments"' in email.html_body
    assert store.texts == {}


def test_a_text_reminder_expires_when_the_appointment_starts(store, handle, sealer, clock):
    handle(reminder(sealer, clock, email=None, phone="+15555550123"))

    (text,) = store.texts.values()
    assert text.recipient == "+15555550123"
    assert text.body == (
        "Harbour & Pine Counselling: a reminder of your appointment on Friday 6 March at 10:00 (EST)."
        " Details in your portal."
    )
    assert text.expires_at.isoformat() == "2026-03-06T15:00:00+00:00"
    assert store.emails == {}


def test_both_at_once_and_a_redelivery_sends_nothing_twice(store, handle, sealer, clock):
    event = reminder(sealer, clock, phone="+15555550123")
    handle(event)
    handle(event)

    assert (len(store.emails), len(store.texts)) == (1, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "nobody"},
        {"appointments_url": "javascript:alert(1)"},
        {"email": None, "phone": "12"},
        {"when": " "},
        {"email": None, "phone": None},
    ],
)
def test_a_reminder_that_makes_nothing_safe_is_poison_naming_nothing(handle, sealer, clock, changes):
    with pytest.raises(PoisonMessage) as refused:
        handle(reminder(sealer, clock, **changes))

    assert "robin" not in str(refused.value).lower()


def test_a_reminder_sealed_with_another_key_is_poison(handle, clock):
    with pytest.raises(PoisonMessage):
        handle(reminder(Sealer(new_key()), clock))


@pytest.mark.parametrize(("channel", "emails", "texts"), [("email", 1, 0), ("sms", 0, 1), ("both", 1, 1)])
def test_a_client_with_an_account_is_reminded_the_way_it_chose(
    store, handle, sealer, clock, contacts, channel, emails, texts
):
    client_id = str(uuid.uuid4())
    contacts.clients[(PRACTICE, client_id)] = ClientContact(
        "robin.hale@example.com", "Robin", "Harbour", True, account_id="acc-robin", notices_consented=True
    )
    store.preferences[(PRACTICE, "acc-robin")] = NoticePreference.choose(
        channel, "+15555550199", clock.now()
    ).confirmed(clock.now())

    handle(reminder(sealer, clock, client_id, phone="+15555550123"))

    assert (len(store.emails), len(store.texts)) == (emails, texts)
    assert {t.recipient for t in store.texts.values()} <= {"+15555550199"}


def test_a_client_whose_mobile_is_not_confirmed_yet_is_reminded_by_email_and_never_texted(
    store, handle, sealer, clock, contacts
):
    client_id = str(uuid.uuid4())
    contacts.clients[(PRACTICE, client_id)] = ClientContact(
        "robin.hale@example.com", "Robin", "Harbour", True, account_id="acc-robin", notices_consented=True
    )
    store.preferences[(PRACTICE, "acc-robin")] = NoticePreference.choose("sms", "+15555550199", clock.now())

    handle(reminder(sealer, clock, client_id, phone="+15555550123"))

    assert (len(store.emails), store.texts) == (1, {})


def test_without_consent_a_client_with_an_account_is_not_reminded(store, handle, sealer, clock, contacts):
    client_id = str(uuid.uuid4())
    contacts.clients[(PRACTICE, client_id)] = ClientContact(
        "robin.hale@example.com", "Robin", "Harbour", True, None, "acc-robin"
    )

    handle(reminder(sealer, clock, client_id, phone="+15555550123"))

    assert (store.emails, store.texts) == ({}, {})
    assert [(w[1], w[3], w[4]) for w in store.withheld] == [
        (client_id, "appointment_reminder", "no consent to electronic notices")
    ]
