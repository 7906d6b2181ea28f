"""The forms service's events: a risk flag tells each staff member who may read results that an
assessment needs their attention (a link, nothing else); a reminder tells the client there is
something to complete by a date. A redelivered event sends nothing twice."""

import datetime as dt
import uuid

import pytest
from messaging.domain.forms_emails import plain_date
from messaging.domain.notice_preferences import NoticePreference
from messaging.events import REMINDER_REQUESTED, RISK_FLAGGED, forms_notification_handlers
from messaging.service.client_notices import ClientContact
from portalkit.broker import PoisonMessage
from portalkit.events import new_envelope
from portalkit.sealed import Sealer, new_key

PRACTICE = "practice-harbour"
ASSIGNMENT = str(uuid.uuid4())
CLIENT = str(uuid.uuid4())


@pytest.fixture
def sealer():
    return Sealer(new_key())


@pytest.fixture
def handle(store, sealer, staff_directory, contacts):
    handlers = forms_notification_handlers(sealer, staff_directory, "https://portal.example/", contacts)

    def run(envelope):
        with store.uow() as uow:
            handlers[envelope.type](uow, envelope)
            uow.commit()

    return run


@pytest.fixture
def harbour(staff_directory):
    staff_directory.add(
        PRACTICE,
        "Harbour & Pine Counselling",
        ("acc-owner", "lead@harbour.test", "owner"),
        ("acc-ana", "ana@harbour.test", "clinician"),
        ("acc-desk", "desk@harbour.test", "front_desk"),
        ("acc-books", "books@harbour.test", "billing"),
    )


def risk_flag(clock):
    return new_envelope(RISK_FLAGGED, {"assignment_id": ASSIGNMENT, "client_id": CLIENT}, PRACTICE, clock)


def test_a_risk_flag_tells_each_staff_member_who_may_read_results_and_no_one_else(store, handle, harbour, clock):
    handle(risk_flag(clock))

    emails = sorted(store.emails.values(), key=lambda e: e.recipient)
    assert [e.recipient for e in emails] == ["ana@harbour.test", "lead@harbour.test"]
    link = f"https://portal.example/staff/assignments/{ASSIGNMENT}"
    for email in emails:
        assert (email.template, email.subject) == ("assessment_attention", "An assessment needs your attention")
        assert "An assessment at Harbour & Pine Counselling needs your attention." in email.text_body
        assert link in email.text_body
        assert f'href="{link}"' in email.html_body
        assert CLIENT not in email.text_body + email.html_body


def test_the_directory_is_asked_only_for_the_roles_that_read_results(handle, harbour, staff_directory, clock):
    handle(risk_flag(clock))

    assert staff_directory.asked == [(PRACTICE, ("owner", "admin", "clinician"))]


def test_the_same_risk_flag_again_queues_no_second_email_for_anyone(store, handle, harbour, clock):
    flag = risk_flag(clock)
    handle(flag)
    first = {e.recipient: e.id for e in store.emails.values()}

    handle(flag)

    assert {e.recipient: e.id for e in store.emails.values()} == first
    assert len({e.cause_event_id for e in store.emails.values()}) == 2


def test_each_risk_flag_tells_them_again(store, handle, harbour, clock):
    handle(risk_flag(clock))
    handle(risk_flag(clock))

    assert len(store.emails) == 4


def test_a_flag_of_a_practice_identity_does_not_know_is_poison(handle, clock):
    with pytest.raises(PoisonMessage):
        handle(risk_flag(clock))


def test_a_staff_address_that_makes_no_email_is_skipped_and_the_others_still_told(
    store, handle, staff_directory, clock
):
    staff_directory.add(PRACTICE, "Harbour", ("acc-1", "not an address", "owner"), ("acc-2", "ana@h.test", "admin"))

    handle(risk_flag(clock))

    assert [e.recipient for e in store.emails.values()] == ["ana@h.test"]


def reminder(sealer, clock, **changes):
    sealed = {
        "to": "robin.hale@example.com",
        "recipient_name": "Robin Hale",
        "practice_name": "Harbour & Pine Counselling",
        "tasks_url": "https://portal.example/dashboard",
        "due_on": "2026-01-09",
        **changes,
    }
    data = {"assignment_id": ASSIGNMENT, "client_id": CLIENT, "due_on": "2026-01-09", "delivery": sealer.seal(sealed)}
    return new_envelope(REMINDER_REQUESTED, data, PRACTICE, clock)


def test_a_reminder_tells_the_client_what_practice_asks_by_when_and_where(store, handle, sealer, clock):
    handle(reminder(sealer, clock))

    email = store.only_email()
    assert (email.template, email.recipient) == ("task_reminder", "robin.hale@example.com")
    assert email.subject == "You have something to complete for Harbour & Pine Counselling"
    assert email.text_body.startswith("Hello Robin,")
    assert "Please complete it by Friday 9 January 2026." in email.text_body
    assert "https://portal.example/dashboard" in email.text_body
    assert 'href="https://portal.example/dashboard"' in email.html_body


def test_the_same_reminder_again_queues_one_email(store, handle, sealer, clock):
    event = reminder(sealer, clock)
    handle(event)
    handle(event)

    assert len(store.emails) == 1


@pytest.mark.parametrize(
    "changes", [{"to": "nobody"}, {"tasks_url": "javascript:alert(1)"}, {"tasks_url": "https://p.example/a b"}]
)
def test_a_reminder_that_makes_no_safe_email_is_poison_naming_nothing(handle, sealer, clock, changes):
    with pytest.raises(PoisonMessage) as refused:
        handle(reminder(sealer, clock, **changes))

    assert "robin" not in str(refused.value).lower()


def test_a_reminder_sealed_with_another_key_is_poison(handle, clock):
    with pytest.raises(PoisonMessage):
        handle(reminder(Sealer(new_key()), clock))


def test_dates_are_written_out_whole():
    assert plain_date(dt.date(2026, 3, 1)) == "Sunday 1 March 2026"


def test_a_client_with_an_account_is_reminded_the_way_it_chose(store, handle, sealer, clock, contacts):
    contacts.clients[(PRACTICE, CLIENT)] = ClientContact(
        "robin.hale@example.com", "Robin", "Harbour", True, account_id="acc-robin", notices_consented=True
    )
    store.preferences[(PRACTICE, "acc-robin")] = NoticePreference.choose("sms", "+15555550199", clock.now()).confirmed(
        clock.now()
    )

    handle(reminder(sealer, clock))

    assert store.emails == {}
    (text,) = store.texts.values()
    assert (text.template, text.recipient) == ("sms_task_reminder", "+15555550199")
    assert text.body == (
        "Harbour & Pine Counselling: you have something to complete in your portal by Friday 9 January 2026. "
        "Sign in: https://portal.example/dashboard"
    )


def test_without_consent_a_client_with_an_account_is_not_reminded_and_that_is_recorded(
    store, handle, sealer, clock, contacts
):
    contacts.clients[(PRACTICE, CLIENT)] = ClientContact(
        "robin.hale@example.com", "Robin", "Harbour", True, account_id="acc-robin"
    )

    handle(reminder(sealer, clock))

    assert (store.emails, store.texts) == ({}, {})
    assert [(w[1], w[3]) for w in store.withheld] == [(CLIENT, "task_reminder")]
